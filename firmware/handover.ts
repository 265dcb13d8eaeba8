/** Writing the hand-over record (layout: src/spec/handover.ts). */
import type { CpuWire } from '../src/spec/cpu-wire.js';
import type { E820Entry } from '../src/spec/e820.js';
import { E820_ENTRY_SIZE } from '../src/spec/e820.js';
import {
  HANDOVER_ADDR, HANDOVER_HEADER_SIZE, HANDOVER_OFFSETS as O, HANDOVER_S3_ENTRY_SIZE, HANDOVER_SIGNATURE, HANDOVER_VERSION,
} from '../src/spec/handover.js';
import type { WritePointerRecord } from './loader/host.js';

export interface HandoverData {
  readonly flags: number;
  readonly rsdp: number;
  readonly e820: readonly E820Entry[];
  readonly pmBase: number;
  readonly pciMem32Start: number;
  readonly pciMem32End: number;
  readonly s3: readonly WritePointerRecord[];
  /** OVMF profile: the SMBIOS / SMBIOS3 entry points (its EFI configuration tables). */
  readonly smbios?: number;
  readonly smbios3?: number;
}

export function writeHandover(wire: CpuWire, d: HandoverData, addr = HANDOVER_ADDR): void {
  const e820Addr = addr + HANDOVER_HEADER_SIZE;
  const s3Addr = e820Addr + d.e820.length * E820_ENTRY_SIZE;
  const length = HANDOVER_HEADER_SIZE + d.e820.length * E820_ENTRY_SIZE + d.s3.length * HANDOVER_S3_ENTRY_SIZE;
  const buf = new Uint8Array(length);
  const dv = new DataView(buf.buffer);
  for (let i = 0; i < 8; i++) buf[O.signature + i] = HANDOVER_SIGNATURE.charCodeAt(i);
  dv.setUint32(O.version, HANDOVER_VERSION, true);
  dv.setUint32(O.length, length, true);
  dv.setUint32(O.flags, d.flags, true);
  dv.setUint32(O.rsdp, d.rsdp, true);
  dv.setUint32(O.e820Addr, e820Addr, true);
  dv.setUint32(O.e820Count, d.e820.length, true);
  dv.setUint32(O.pmBase, d.pmBase, true);
  dv.setUint32(O.pciMem32Start, d.pciMem32Start >>> 0, true);
  dv.setUint32(O.pciMem32End, d.pciMem32End >>> 0, true);
  dv.setUint32(O.s3Addr, s3Addr, true);
  dv.setUint32(O.s3Count, d.s3.length, true);
  dv.setUint32(O.smbios, d.smbios ?? 0, true);
  dv.setUint32(O.smbios3, d.smbios3 ?? 0, true);
  d.e820.forEach((e, i) => {
    const o = HANDOVER_HEADER_SIZE + i * E820_ENTRY_SIZE;
    dv.setBigUint64(o, BigInt(e.address), true);
    dv.setBigUint64(o + 8, BigInt(e.length), true);
    dv.setUint32(o + 16, e.type, true);
  });
  d.s3.forEach((w, i) => {
    const o = HANDOVER_HEADER_SIZE + d.e820.length * E820_ENTRY_SIZE + i * HANDOVER_S3_ENTRY_SIZE;
    dv.setUint16(o, w.key, true);
    buf[o + 2] = w.size;
    dv.setUint32(o + 4, w.offset, true);
    dv.setBigUint64(o + 8, w.value, true);
  });
  let sum = 0;
  for (let i = 0; i < HANDOVER_HEADER_SIZE; i++) sum = (sum + buf[i]!) & 0xff;
  buf[O.checksum] = (0x100 - sum) & 0xff;
  wire.writeBytes(addr, buf);
}
