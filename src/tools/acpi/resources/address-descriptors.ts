/**
 * Address space descriptors (ACPI 6.5 §6.4.3.5): Word (0x88), DWord (0x87), QWord (0x8A) and
 * Extended (0x8B), as the IO / Memory / BusNumber / Space macros iasl writes them.
 */
import type { ResourceDescriptor } from './descriptor.js';
import { hx, le, resourceSource } from './descriptor.js';

const CACHE = ['NonCacheable', 'Cacheable', 'WriteCombining', 'Prefetchable'];
const MEMORY_TYPE = ['AddressRangeMemory', 'AddressRangeReserved', 'AddressRangeACPI', 'AddressRangeNVS'];
const IO_RANGE = ['', 'NonISAOnlyRanges', 'ISAOnlyRanges', 'EntireRange'];
const LABELS = ['Granularity', 'Range Minimum', 'Range Maximum', 'Translation Offset', 'Length'];

/** Large item names (tag & 0x7F): Word 0x08, DWord 0x07, QWord 0x0A, Extended 0x0B. */
const PREFIX: Readonly<Record<number, readonly [string, number]>> = { 0x08: ['Word', 2], 0x07: ['DWord', 4], 0x0a: ['QWord', 8], 0x0b: ['Extended', 8] };

export function addressDescriptor(type: number, b: Uint8Array): ResourceDescriptor | undefined {
  const p = PREFIX[type];
  if (!p || b.length < 3) return undefined;
  const [prefix, size] = p;
  const extended = type === 0x0b;
  const rtype = b[0]!;
  const g = b[1]!;
  const t = b[2]!;
  const first = extended ? 5 : 3;
  if (b.length < first + 5 * size) return undefined;
  const values: [string, string][] = LABELS.map((label, i) => [hx(le(b, first + i * size, size), size * 2), label]);
  const fixedEnd = first + 5 * size;
  if (extended) values.push([hx(le(b, fixedEnd, 8), 16), 'Type-Specific Attributes']);
  const source = extended ? '' : resourceSource(b, fixedEnd, b.length);
  const usage = g & 1 ? 'ResourceConsumer' : 'ResourceProducer';
  const decode = g & 2 ? 'SubDecode' : 'PosDecode';
  const min = g & 4 ? 'MinFixed' : 'MinNotFixed';
  const max = g & 8 ? 'MaxFixed' : 'MaxNotFixed';
  const ttp = (bit: number) => (t & bit ? 'TypeTranslation' : 'TypeStatic');
  if (rtype === 0 && prefix !== 'Word') {
    return {
      macro: `${prefix}Memory`, head: [usage, decode, min, max, CACHE[(t >> 1) & 3]!, t & 1 ? 'ReadWrite' : 'ReadOnly'], values,
      tail: `${source}, ${MEMORY_TYPE[(t >> 3) & 3]}, ${ttp(0x20)}`,
    };
  }
  if (rtype === 1) {
    return {
      macro: `${prefix}IO`, head: [usage, min, max, decode, IO_RANGE[t & 3] || 'EntireRange'], values,
      tail: `${source}, ${ttp(0x10)}, ${t & 0x20 ? 'SparseTranslation' : 'DenseTranslation'}`,
    };
  }
  if (rtype === 2 && prefix === 'Word') return { macro: 'WordBusNumber', head: [usage, min, max, decode], values, tail: source };
  return { macro: `${prefix}Space`, head: [hx(rtype, 2), usage, decode, min, max, hx(t, 2)], values, tail: source };
}
