/** Field units (Field/IndexField/BankField) and buffer fields: ACPI 6.5 §19.6.48, §19.6.64, §19.6.7. */
import type { AmlContext } from './frame.js';
import { AmlBuffer, FieldKind, Kind } from './types.js';
import type { AmlBufferField, AmlFieldUnit, AmlRegion, AmlValue } from './types.js';
import { amlError } from './errors.js';
import { bytesToInt, intToBytes, stringBytes, toInteger } from './convert.js';
import { isBufferSpace } from './regions.js';

const UPDATE_PRESERVE = 0;
const UPDATE_WRITE_AS_ONES = 1;

function mask(bits: number): bigint {
  return (1n << BigInt(bits)) - 1n;
}

/** The region of a Field/BankField unit; ACPICA creates the units even when the region's name did not resolve. */
function regionOf(f: AmlFieldUnit): AmlRegion {
  if (!f.region) throw amlError('NOT_EXIST', 'the operation region of this field was never created');
  return f.region;
}

function readUnit(it: AmlContext, f: AmlFieldUnit, byteOffset: number, w: number): bigint {
  switch (f.fieldKind) {
    case FieldKind.Index:
      writeFieldUnit(it, f.indexField!, BigInt(byteOffset));
      return toInteger(it, readFieldUnit(it, f.dataField!)) & mask(8 * w);
    case FieldKind.Bank:
      writeFieldUnit(it, f.indexField!, f.bankValue);
      return it.spaces.read(regionOf(f), byteOffset, w);
    default:
      return it.spaces.read(regionOf(f), byteOffset, w);
  }
}

function writeUnit(it: AmlContext, f: AmlFieldUnit, byteOffset: number, w: number, v: bigint): void {
  switch (f.fieldKind) {
    case FieldKind.Index:
      writeFieldUnit(it, f.indexField!, BigInt(byteOffset));
      writeFieldUnit(it, f.dataField!, v);
      return;
    case FieldKind.Bank:
      writeFieldUnit(it, f.indexField!, f.bankValue);
      it.spaces.write(regionOf(f), byteOffset, w, v);
      return;
    default:
      it.spaces.write(regionOf(f), byteOffset, w, v);
  }
}

function toFieldResult(it: AmlContext, v: bigint, bits: number): AmlValue {
  if (bits <= it.intBytes * 8) return v;
  return new AmlBuffer(intToBytes(v, (bits + 7) >> 3));
}

function bufferProtocol(f: AmlFieldUnit): boolean {
  return f.fieldKind === FieldKind.Region && f.region !== undefined && isBufferSpace(f.region.space);
}

/** Reads whole access units (aligned to the access width) and extracts the field's bits. */
export function readFieldUnit(it: AmlContext, f: AmlFieldUnit): AmlValue {
  if (bufferProtocol(f)) return new AmlBuffer(it.spaces.transfer(regionOf(f), f.bitOffset >> 3, f.accessAttrib, f.accessLength, undefined));
  const w = f.accessBytes || 1;
  const unitBits = 8 * w;
  const first = Math.floor(f.bitOffset / unitBits);
  const last = Math.floor((f.bitOffset + f.bitLength - 1) / unitBits);
  let result = 0n;
  for (let u = first; u <= last; u++) {
    const v = readUnit(it, f, u * w, w);
    const unitStart = u * unitBits;
    const lo = Math.max(f.bitOffset, unitStart);
    const hi = Math.min(f.bitOffset + f.bitLength, unitStart + unitBits);
    result |= ((v >> BigInt(lo - unitStart)) & mask(hi - lo)) << BigInt(lo - f.bitOffset);
  }
  return toFieldResult(it, result, f.bitLength);
}

function valueBits(it: AmlContext, v: AmlValue): bigint {
  if (typeof v === 'bigint') return v;
  if (v.kind === Kind.Buffer) return bytesToInt(v.data, v.data.length);
  if (v.kind === Kind.String) return bytesToInt(stringBytes(v.value, false), v.value.length);
  return toInteger(it, v);
}

export function writeFieldUnit(it: AmlContext, f: AmlFieldUnit, value: AmlValue): void {
  if (bufferProtocol(f)) {
    // The response (status, length, data) goes back into the source buffer (ACPI 6.5 §5.5.2.4.5).
    const data = typeof value !== 'bigint' && value.kind === Kind.Buffer ? value.data : intToBytes(toInteger(it, value), it.intBytes);
    const resp = it.spaces.transfer(regionOf(f), f.bitOffset >> 3, f.accessAttrib, f.accessLength, data);
    if (typeof value !== 'bigint' && value.kind === Kind.Buffer) {
      const out = new Uint8Array(value.data.length);
      out.set(resp.subarray(0, out.length));
      value.data = out;
    }
    return;
  }
  const data = valueBits(it, value) & mask(f.bitLength);
  const w = f.accessBytes || 1;
  const unitBits = 8 * w;
  const first = Math.floor(f.bitOffset / unitBits);
  const last = Math.floor((f.bitOffset + f.bitLength - 1) / unitBits);
  const update = (f.flags >> 5) & 3;
  for (let u = first; u <= last; u++) {
    const unitStart = u * unitBits;
    const lo = Math.max(f.bitOffset, unitStart);
    const hi = Math.min(f.bitOffset + f.bitLength, unitStart + unitBits);
    const m = mask(hi - lo) << BigInt(lo - unitStart);
    const bits = ((data >> BigInt(lo - f.bitOffset)) << BigInt(lo - unitStart)) & m;
    let v: bigint;
    if (hi - lo === unitBits) v = bits;
    else if (update === UPDATE_PRESERVE) v = (readUnit(it, f, u * w, w) & ~m & mask(unitBits)) | bits;
    else if (update === UPDATE_WRITE_AS_ONES) v = (mask(unitBits) & ~m) | bits;
    else v = bits;
    writeUnit(it, f, u * w, w, v);
  }
}

export function readBufferField(it: AmlContext, f: AmlBufferField): AmlValue {
  const data = f.buffer.data;
  let v = 0n;
  const firstByte = f.bitOffset >> 3;
  const lastByte = (f.bitOffset + f.bitLength - 1) >> 3;
  for (let i = lastByte; i >= firstByte; i--) v = (v << 8n) | BigInt(data[i] ?? 0);
  v = (v >> BigInt(f.bitOffset & 7)) & mask(f.bitLength);
  if (f.asBuffer) return new AmlBuffer(intToBytes(v, (f.bitLength + 7) >> 3));
  return toFieldResult(it, v, f.bitLength);
}

export function writeBufferField(it: AmlContext, f: AmlBufferField, value: AmlValue): void {
  const data = f.buffer.data;
  const bits = valueBits(it, value) & mask(f.bitLength);
  const firstByte = f.bitOffset >> 3;
  const lastByte = (f.bitOffset + f.bitLength - 1) >> 3;
  let cur = 0n;
  for (let i = lastByte; i >= firstByte; i--) cur = (cur << 8n) | BigInt(data[i] ?? 0);
  const sh = BigInt(f.bitOffset & 7);
  const m = mask(f.bitLength) << sh;
  cur = (cur & ~m) | (bits << sh);
  for (let i = firstByte; i <= lastByte; i++) {
    if (i < data.length) data[i] = Number(cur & 0xffn);
    cur >>= 8n;
  }
}
