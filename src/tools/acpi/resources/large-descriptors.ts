/** Large resource data types (ACPI 6.5 §6.4.3) other than the address spaces: memory, register, vendor, extended interrupt. */
import type { ResourceDescriptor } from './descriptor.js';
import { hx, le, resourceSource } from './descriptor.js';
import { addressDescriptor } from './address-descriptors.js';
import { gpioDescriptor, serialBusDescriptor } from './connection-descriptors.js';

const SPACES: Readonly<Record<number, string>> = {
  0: 'SystemMemory', 1: 'SystemIO', 2: 'PCI_Config', 3: 'EmbeddedControl', 4: 'SMBus', 0x0a: 'PCC', 0x7f: 'FFixedHW',
};

const rw = (b: Uint8Array) => (b[0]! & 1 ? 'ReadWrite' : 'ReadOnly');

/** Least body length of each fixed-layout large type (§6.4.3). */
const MIN_LENGTHS: Readonly<Record<number, number>> = { 0x01: 9, 0x02: 12, 0x05: 17, 0x06: 9, 0x09: 6 };

/** Decodes the large descriptor of `type` whose body is `b` (after tag and length); undefined if unknown or malformed. */
export function largeDescriptor(type: number, b: Uint8Array): ResourceDescriptor | undefined {
  if (b.length < (MIN_LENGTHS[type] ?? 0)) return undefined;
  if (type === 0x09 && b.length < 2 + 4 * b[1]!) return undefined;
  switch (type) {
    case 0x01:
      // §6.4.3.1 24-bit memory range (values in 256-byte units).
      return { macro: 'Memory24', head: [rw(b)], values: [
        [hx(le(b, 1, 2), 4), 'Range Minimum'], [hx(le(b, 3, 2), 4), 'Range Maximum'], [hx(le(b, 5, 2), 4), 'Alignment'], [hx(le(b, 7, 2), 4), 'Length']], tail: '' };
    case 0x02: {
      // §6.4.3.7 generic register: space, bit width, bit offset, access size, address (iasl leaves a zero access size out).
      const values: [string, string][] = [[hx(b[1]!, 2), 'Bit Width'], [hx(b[2]!, 2), 'Bit Offset'], [hx(le(b, 4, 8), 16), 'Address']];
      if (b[3]) values.push([hx(b[3], 2), 'Access Size']);
      return { macro: 'Register', head: [SPACES[b[0]!] ?? hx(b[0]!, 2)], values, tail: b[3] ? '' : ',' };
    }
    case 0x04:
      return { macro: 'VendorLong', head: [''], values: [], tail: '', list: { items: Array.from(b, (x) => hx(x, 2)), perLine: false } };
    case 0x05:
      return { macro: 'Memory32', head: [rw(b)], values: [
        [hx(le(b, 1, 4), 8), 'Range Minimum'], [hx(le(b, 5, 4), 8), 'Range Maximum'], [hx(le(b, 9, 4), 8), 'Alignment'], [hx(le(b, 13, 4), 8), 'Length']], tail: '' };
    case 0x06:
      return { macro: 'Memory32Fixed', head: [rw(b)], values: [[hx(le(b, 1, 4), 8), 'Address Base'], [hx(le(b, 5, 4), 8), 'Address Length']], tail: '' };
    case 0x09: {
      // §6.4.3.6 extended interrupt: flags (consumer bit 0, _HE 1, _LL 2, _SHR 3, wake 4), count, interrupts, source.
      const f = b[0]!;
      const n = b[1]!;
      const items: string[] = [];
      for (let i = 0; i < n; i++) items.push(hx(le(b, 2 + 4 * i, 4), 8));
      const src = 2 + 4 * n;
      const source = resourceSource(b, src, b.length);
      const share = `${f & 8 ? 'Shared' : 'Exclusive'}${f & 0x10 ? 'AndWake' : ''}`;
      return {
        macro: 'Interrupt', head: [f & 1 ? 'ResourceConsumer' : 'ResourceProducer', f & 2 ? 'Edge' : 'Level', f & 4 ? 'ActiveLow' : 'ActiveHigh', share, source],
        values: [], tail: '', list: { items, perLine: true },
      };
    }
    case 0x0c:
      return gpioDescriptor(b);
    case 0x0e:
      return serialBusDescriptor(b);
    default:
      return addressDescriptor(type, b);
  }
}
