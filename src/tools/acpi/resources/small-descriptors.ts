/** Small resource data types (ACPI 6.5 §6.4.2): IRQ, DMA, dependent functions, I/O ports, fixed DMA, vendor. */
import type { ResourceDescriptor } from './descriptor.js';
import { bitList, hx, le } from './descriptor.js';

const TRANSFER = ['Transfer8', 'Transfer8_16', 'Transfer16', 'Transfer16'];
const DMA_SPEED = ['Compatibility', 'TypeA', 'TypeB', 'TypeF'];
const FIXED_DMA_WIDTH = ['Width8bit', 'Width16bit', 'Width32bit', 'Width64bit', 'Width128bit', 'Width256bit'];

/** Body lengths each small type allows (§6.4.2). */
const LENGTHS: Readonly<Record<number, readonly number[]>> = {
  0x04: [2, 3], 0x05: [2], 0x06: [0, 1], 0x07: [0], 0x08: [7], 0x09: [3], 0x0a: [5], 0x0e: [1, 2, 3, 4, 5, 6, 7],
};

/** Decodes the small descriptor of `type` whose body is `b` (after the tag byte); undefined if unknown or malformed. */
export function smallDescriptor(type: number, b: Uint8Array): ResourceDescriptor | undefined {
  if (!LENGTHS[type]?.includes(b.length)) return undefined;
  switch (type) {
    case 0x04: {
      // §6.4.2.1 IRQ: mask, then optional information byte (_HE bit 0, _LL bit 3, _SHR bit 4, wake bit 5).
      const items = bitList(Number(le(b, 0, 2)), 16);
      if (b.length < 3) return { macro: 'IRQNoFlags', head: [], values: [], tail: '', list: { items, perLine: false } };
      const f = b[2]!;
      const share = `${f & 0x10 ? 'Shared' : 'Exclusive'}${f & 0x20 ? 'AndWake' : ''}`;
      return { macro: 'IRQ', head: [f & 1 ? 'Edge' : 'Level', f & 8 ? 'ActiveLow' : 'ActiveHigh', share, ''], values: [], tail: '', list: { items, perLine: false } };
    }
    case 0x05: {
      // §6.4.2.2 DMA: channel mask, flags (size bits 0–1, bus master bit 2, speed bits 5–6).
      const f = b[1] ?? 0;
      return {
        macro: 'DMA', head: [DMA_SPEED[(f >> 5) & 3]!, f & 4 ? 'BusMaster' : 'NotBusMaster', TRANSFER[f & 3]!, ''], values: [], tail: '',
        list: { items: bitList(b[0] ?? 0, 8), perLine: false },
      };
    }
    case 0x06:
      // §6.4.2.3: priority byte (compatibility bits 0–1, performance/robustness bits 2–3) when present.
      return b.length === 0
        ? { macro: 'StartDependentFnNoPri', head: [], values: [], tail: '', children: [] }
        : { macro: 'StartDependentFn', head: [hx(b[0]! & 3, 2), hx((b[0]! >> 2) & 3, 2)], values: [], tail: '', children: [] };
    case 0x07:
      return { macro: 'EndDependentFn', head: [], values: [], tail: '' };
    case 0x08:
      // §6.4.2.5 I/O port: decode bit 0, min, max, alignment, length.
      return {
        macro: 'IO', head: [b[0]! & 1 ? 'Decode16' : 'Decode10'],
        values: [[hx(le(b, 1, 2), 4), 'Range Minimum'], [hx(le(b, 3, 2), 4), 'Range Maximum'], [hx(b[5]!, 2), 'Alignment'], [hx(b[6]!, 2), 'Length']],
        tail: '',
      };
    case 0x09:
      // §6.4.2.6 fixed-location I/O: 10-bit base, length.
      return { macro: 'FixedIO', head: [], values: [[hx(le(b, 0, 2), 4), 'Address'], [hx(b[2]!, 2), 'Length']], tail: '' };
    case 0x0a:
      // §6.4.2.7 fixed DMA: request line, channel, transfer width.
      return { macro: 'FixedDMA', head: [hx(le(b, 0, 2), 4), hx(le(b, 2, 2), 4), FIXED_DMA_WIDTH[b[4]!] ?? hx(b[4]!, 2), ''], values: [], tail: '' };
    case 0x0e:
      return { macro: 'VendorShort', head: [''], values: [], tail: '', list: { items: Array.from(b, (x) => hx(x, 2)), perLine: false } };
    default:
      return undefined;
  }
}
