/**
 * Operation-region address spaces (ACPI 6.5 §5.5.2.4): one handler per space id.
 * All field I/O reaches a handler through RegionSpaces.read/write, bounds-checked.
 */
import type { AmlRegion } from './types.js';
import { amlError } from './errors.js';
import { REGION_SPACE, REGION_SPACE_NAMES } from '../../spec/aml.js';

/** Space ids (src/spec/aml.ts); `SPACE.SystemMemory` etc. */
export const SPACE = REGION_SPACE;

/** PCI function of a PCI_Config region (from _SEG, _BBN and the parent's _ADR). */
export interface PciAddress {
  readonly segment: number;
  readonly bus: number;
  readonly device: number;
  readonly fn: number;
}

export interface RegionAccess {
  readonly space: number;
  /** Absolute address: region base + offset (for PCI_Config: the config-space offset). */
  readonly address: bigint;
  /** Bytes: 1, 2, 4 or 8. */
  readonly width: number;
  readonly region: AmlRegion;
  readonly pci: PciAddress | undefined;
}

export interface RegionHandler {
  read(a: RegionAccess): bigint;
  write(a: RegionAccess, value: bigint): void;
  /**
   * Buffer protocols (SMBus, IPMI, GenericSerialBus: BufferAcc fields): one transfer of a
   * status/length/data buffer; `data` undefined for a read. Returns the response buffer.
   */
  transfer?(a: BufferTransfer, data: Uint8Array | undefined): Uint8Array;
}

export interface BufferTransfer {
  readonly space: number;
  /** Region base + the field's byte offset (the SMBus command / IPMI command / GSBus register). */
  readonly address: bigint;
  readonly region: AmlRegion;
  /** AccessAttrib (AttribQuick, AttribSendReceive, AttribByte, ..., AttribBytes) and its length. */
  readonly attrib: number;
  readonly length: number;
}

/** Response buffer sizes: SMBus 2+32, IPMI 2+64, GenericSerialBus 2+255 (ACPI 6.5 §13, §5.5.2.4.6). */
export function transferSize(space: number): number {
  return space === SPACE.SMBus ? 34 : space === SPACE.IPMI ? 66 : 257;
}

/** Data bytes of an SMBus/GSBus transfer by AccessAttrib (AttribQuick 2 ... AttribBlockProcessCall 0xD). */
export function attribDataLength(attrib: number, length: number): number {
  switch (attrib) {
    case 0x02: return 0;
    case 0x04: case 0x06: return 1;
    case 0x08: case 0x0c: return 2;
    case 0x0a: case 0x0d: return 32;
    default: return length || 32;
  }
}

export function isBufferSpace(space: number): boolean {
  return space === SPACE.SMBus || space === SPACE.IPMI || space === SPACE.GenericSerialBus;
}

/**
 * acpiexec-style simulation: zero-filled memory per space, persistent for the interpreter's life;
 * buffer transfers answer status 0, the length, and data bytes 0xA0+i (SMBus, GSBus) or i (IPMI).
 */
export class SimulatedSpace implements RegionHandler {
  transfer(a: BufferTransfer, data: Uint8Array | undefined): Uint8Array {
    const out = new Uint8Array(transferSize(a.space));
    if (data) {
      out.set(data.subarray(0, out.length));
      return out;
    }
    const n = a.space === SPACE.IPMI ? out.length - 2 : Math.min(attribDataLength(a.attrib, a.length), out.length - 2);
    out[1] = n;
    for (let i = 0; i < n; i++) out[2 + i] = (a.space === SPACE.IPMI ? i : 0xa0 + i) & 0xff;
    return out;
  }
  private readonly bytes = new Map<bigint, number>();
  constructor(private readonly fill = 0) {}
  read(a: RegionAccess): bigint {
    let v = 0n;
    const base = a.pci ? a.address + (BigInt(a.pci.bus) << 32n) + (BigInt(a.pci.device) << 24n) + (BigInt(a.pci.fn) << 16n) : a.address;
    for (let i = a.width - 1; i >= 0; i--) v = (v << 8n) | BigInt(this.bytes.get(base + BigInt(i)) ?? this.fill);
    return v;
  }
  write(a: RegionAccess, value: bigint): void {
    const base = a.pci ? a.address + (BigInt(a.pci.bus) << 32n) + (BigInt(a.pci.device) << 24n) + (BigInt(a.pci.fn) << 16n) : a.address;
    for (let i = 0; i < a.width; i++) this.bytes.set(base + BigInt(i), Number((value >> BigInt(8 * i)) & 0xffn));
  }
}

export class RegionSpaces {
  readonly handlers = new Map<number, RegionHandler>();
  /** Used for spaces without a handler (undefined: such accesses fail with AE_NOT_EXIST). */
  fallback: RegionHandler | undefined;
  /** Finds the PCI function of a PCI_Config region (installed by the interpreter front end). */
  pciResolver: (r: AmlRegion) => PciAddress = () => ({ segment: 0, bus: 0, device: 0, fn: 0 });
  /** Called after each handler access (the AML tracer's region hook). */
  onAccess: ((op: 'read' | 'write', r: AmlRegion, address: bigint, width: number, value: bigint) => void) | undefined;

  has(space: number): boolean {
    return this.handlers.has(space) || this.fallback !== undefined;
  }

  private access(r: AmlRegion, offset: number, width: number): [RegionHandler, RegionAccess] {
    if (r.tableData) throw amlError('AML_INTERNAL', 'DataTableRegion access through a handler');
    if (r.invalid) throw amlError('AML_REGION_LIMIT', `region ${r.node.path()} has no valid address`);
    if (BigInt(offset + width) > r.length) {
      throw amlError('AML_REGION_LIMIT', `access at 0x${offset.toString(16)} width ${width} beyond region ${r.node.path()} length 0x${r.length.toString(16)}`);
    }
    const h = this.handlers.get(r.space) ?? this.fallback;
    if (!h) throw amlError('NOT_EXIST', `no handler for ${REGION_SPACE_NAMES[r.space] ?? 'space 0x' + r.space.toString(16)} region ${r.node.path()}`);
    const pci = r.space === SPACE.PCI_Config ? this.pciResolver(r) : undefined;
    return [h, { space: r.space, address: r.offset + BigInt(offset), width, region: r, pci }];
  }

  /** A buffer-protocol transfer through the region's handler. */
  transfer(r: AmlRegion, offset: number, attrib: number, length: number, data: Uint8Array | undefined): Uint8Array {
    if (r.invalid) throw amlError('AML_REGION_LIMIT', `region ${r.node.path()} has no valid address`);
    const h = this.handlers.get(r.space) ?? this.fallback;
    if (!h?.transfer) throw amlError('NOT_EXIST', `no buffer-protocol handler for ${REGION_SPACE_NAMES[r.space]} region ${r.node.path()}`);
    return h.transfer({ space: r.space, address: r.offset + BigInt(offset), region: r, attrib, length }, data);
  }

  read(r: AmlRegion, offset: number, width: number): bigint {
    if (r.tableData) {
      if (offset + width > r.tableData.length) throw amlError('AML_REGION_LIMIT', 'DataTableRegion access beyond the table');
      let v = 0n;
      for (let i = width - 1; i >= 0; i--) v = (v << 8n) | BigInt(r.tableData[offset + i]!);
      return v;
    }
    const [h, a] = this.access(r, offset, width);
    const v = h.read(a) & ((1n << BigInt(8 * width)) - 1n);
    this.onAccess?.('read', r, a.address, width, v);
    return v;
  }

  write(r: AmlRegion, offset: number, width: number, value: bigint): void {
    if (r.tableData) return;
    const [h, a] = this.access(r, offset, width);
    const v = value & ((1n << BigInt(8 * width)) - 1n);
    h.write(a, v);
    this.onAccess?.('write', r, a.address, width, v);
  }
}
