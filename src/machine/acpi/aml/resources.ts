import { ByteSink } from './sink.js';
import { buffer } from './term.js';
import type { Aml } from './term.js';

/**
 * Resource data descriptors (ACPI 6.5 §6.4). Each returns its bytes; `resourceTemplate`
 * wraps them in a Buffer with the End Tag (checksum byte 0, as iasl and QEMU emit it).
 */
export type Descriptor = Uint8Array;

function build(f: (s: ByteSink) => void): Descriptor {
  const s = new ByteSink();
  f(s);
  return s.toBytes();
}

export function resourceTemplate(...descriptors: Descriptor[]): Aml {
  const s = new ByteSink();
  for (const d of descriptors) s.bytes(d);
  s.byte(0x79).byte(0x00);
  return buffer(s.toBytes());
}

/** IO port descriptor (§6.4.2.5); decode16 sets bit 0 of the information byte. */
export function io(min: number, max: number, align: number, length: number, decode16 = true): Descriptor {
  return build((s) => s.byte(0x47).byte(decode16 ? 1 : 0).uint(min, 2).uint(max, 2).byte(align).byte(length));
}

export function fixedIo(base: number, length: number): Descriptor {
  return build((s) => s.byte(0x4b).uint(base, 2).byte(length));
}

/** IRQNoFlags (§6.4.2.1, 2-byte form). */
export function irqNoFlags(...irqs: number[]): Descriptor {
  const mask = irqs.reduce((m, i) => m | (1 << i), 0);
  return build((s) => s.byte(0x22).uint(mask, 2));
}

export interface IrqFlags {
  readonly edge: boolean;
  readonly activeLow: boolean;
  readonly shared: boolean;
  readonly wake?: boolean;
}

/** IRQ with an information byte (§6.4.2.1, 3-byte form). */
export function irq(flags: IrqFlags, ...irqs: number[]): Descriptor {
  const mask = irqs.reduce((m, i) => m | (1 << i), 0);
  const info = (flags.edge ? 0x01 : 0) | (flags.activeLow ? 0x08 : 0) | (flags.shared ? 0x10 : 0) | (flags.wake ? 0x20 : 0);
  return build((s) => s.byte(0x23).uint(mask, 2).byte(info));
}

export const DMA_TYPE = { Compatibility: 0, TypeA: 1, TypeB: 2, TypeF: 3 } as const;
export const DMA_TRANSFER = { Transfer8: 0, Transfer8_16: 1, Transfer16: 2 } as const;

/** DMA descriptor (§6.4.2.2). */
export function dma(type: keyof typeof DMA_TYPE, busMaster: boolean, transfer: keyof typeof DMA_TRANSFER, ...channels: number[]): Descriptor {
  const mask = channels.reduce((m, c) => m | (1 << c), 0);
  const flags = (DMA_TYPE[type] << 5) | (busMaster ? 0x04 : 0) | DMA_TRANSFER[transfer];
  return build((s) => s.byte(0x2a).byte(mask).byte(flags));
}

/** Memory32Fixed (§6.4.3.4). */
export function memory32Fixed(base: number, length: number, readWrite: boolean): Descriptor {
  return build((s) => s.byte(0x86).uint(9, 2).byte(readWrite ? 1 : 0).uint(base, 4).uint(length, 4));
}

export function memory32(readWrite: boolean, min: number, max: number, align: number, length: number): Descriptor {
  return build((s) => s.byte(0x85).uint(17, 2).byte(readWrite ? 1 : 0).uint(min, 4).uint(max, 4).uint(align, 4).uint(length, 4));
}

export interface InterruptFlags extends IrqFlags {
  readonly consumer: boolean;
}

/** Extended Interrupt descriptor (§6.4.3.6), `Interrupt(...)` in ASL. */
export function interrupt(flags: InterruptFlags, ...gsis: number[]): Descriptor {
  const info = (flags.consumer ? 0x01 : 0) | (flags.edge ? 0x02 : 0) | (flags.activeLow ? 0x04 : 0) |
    (flags.shared ? 0x08 : 0) | (flags.wake ? 0x10 : 0);
  return build((s) => {
    s.byte(0x89).uint(2 + 4 * gsis.length, 2).byte(info).byte(gsis.length);
    for (const g of gsis) s.uint(g, 4);
  });
}

/** Address space descriptors (§6.4.3.5): resource type, general and type-specific flags. */
export const RESOURCE_TYPE = { Memory: 0, IO: 1, BusNumber: 2 } as const;

export interface AddressFlags {
  readonly consumer?: boolean;
  readonly subtractive?: boolean;
  readonly minFixed?: boolean;
  readonly maxFixed?: boolean;
}

function generalFlags(f: AddressFlags): number {
  return (f.consumer ? 0x01 : 0) | (f.subtractive ? 0x02 : 0) | (f.minFixed ? 0x04 : 0) | (f.maxFixed ? 0x08 : 0);
}

export const MEM_CACHE = { NonCacheable: 0, Cacheable: 1, WriteCombining: 2, Prefetchable: 3 } as const;
export const MEM_TYPE = { AddressRangeMemory: 0, AddressRangeReserved: 1, AddressRangeACPI: 2, AddressRangeNVS: 3 } as const;

export interface MemoryFlags extends AddressFlags {
  readonly cache: keyof typeof MEM_CACHE;
  readonly readWrite: boolean;
  readonly memType?: keyof typeof MEM_TYPE;
  readonly typeTranslation?: boolean;
}

export function memoryTypeFlags(f: MemoryFlags): number {
  return (f.readWrite ? 1 : 0) | (MEM_CACHE[f.cache] << 1) | (MEM_TYPE[f.memType ?? 'AddressRangeMemory'] << 3) |
    (f.typeTranslation ? 0x20 : 0);
}

export const ISA_RANGES = { NonISAOnly: 1, ISAOnly: 2, EntireRange: 3 } as const;

export interface IoFlags extends AddressFlags {
  readonly isaRanges: keyof typeof ISA_RANGES;
  readonly typeTranslation?: boolean;
  readonly sparse?: boolean;
}

export function ioTypeFlags(f: IoFlags): number {
  return ISA_RANGES[f.isaRanges] | (f.typeTranslation ? 0x10 : 0) | (f.sparse ? 0x20 : 0);
}

interface Range {
  readonly granularity?: number | bigint;
  readonly min: number | bigint;
  readonly max: number | bigint;
  readonly translation?: number | bigint;
  readonly length: number | bigint;
}

function address(tag: number, width: number, type: number, general: number, specific: number, r: Range): Descriptor {
  return build((s) => {
    s.byte(tag).uint(3 + 5 * width, 2).byte(type).byte(general).byte(specific);
    s.uint(r.granularity ?? 0, width).uint(r.min, width).uint(r.max, width).uint(r.translation ?? 0, width).uint(r.length, width);
  });
}

export function wordBusNumber(f: AddressFlags, r: Range): Descriptor {
  return address(0x88, 2, RESOURCE_TYPE.BusNumber, generalFlags(f), 0, r);
}
export function wordIo(f: IoFlags, r: Range): Descriptor {
  return address(0x88, 2, RESOURCE_TYPE.IO, generalFlags(f), ioTypeFlags(f), r);
}
export function dwordIo(f: IoFlags, r: Range): Descriptor {
  return address(0x87, 4, RESOURCE_TYPE.IO, generalFlags(f), ioTypeFlags(f), r);
}
export function dwordMemory(f: MemoryFlags, r: Range): Descriptor {
  return address(0x87, 4, RESOURCE_TYPE.Memory, generalFlags(f), memoryTypeFlags(f), r);
}
export function qwordMemory(f: MemoryFlags, r: Range): Descriptor {
  return address(0x8a, 8, RESOURCE_TYPE.Memory, generalFlags(f), memoryTypeFlags(f), r);
}
export function qwordIo(f: IoFlags, r: Range): Descriptor {
  return address(0x8a, 8, RESOURCE_TYPE.IO, generalFlags(f), ioTypeFlags(f), r);
}
