/**
 * The $PIR PCI interrupt routing table SeaBIOS 1.16.2 installs on QEMU (src/fw/pirtable.c), on
 * both boards: a fixed PIIX3 router at 00:01.0 (8086:122E) and six slot entries, device 1 (the
 * embedded PCI-to-ISA bridge) to device 6, whose INTA-D# rotate over the links 0x60-0x63 by
 * device number, each link usable on IRQs 3-7, 9-12, 14, 15 (bitmap 0xDEF8).
 * Layout: PCI IRQ Routing Table Specification 1.0 §4.
 */
import { fixChecksum } from './fseg-copy.js';

const HEADER_SIZE = 32;
const SLOT_SIZE = 16;
const SLOTS = 6;
const ROUTER_DEVFN = 0x08;
const ROUTER_ID = 0x122e8086;
const LINK_BASE = 0x60;
const IRQ_BITMAP = 0xdef8;

export function buildPir(): Uint8Array {
  const size = HEADER_SIZE + SLOTS * SLOT_SIZE;
  const b = new Uint8Array(size);
  const dv = new DataView(b.buffer);
  b.set([0x24, 0x50, 0x49, 0x52], 0); // "$PIR"
  dv.setUint16(4, 0x0100, true);
  dv.setUint16(6, size, true);
  b[8] = 0; // router bus
  b[9] = ROUTER_DEVFN;
  dv.setUint32(12, ROUTER_ID, true);
  for (let s = 0; s < SLOTS; s++) {
    const o = HEADER_SIZE + s * SLOT_SIZE;
    const dev = s + 1;
    b[o] = 0;
    b[o + 1] = dev << 3;
    for (let pin = 0; pin < 4; pin++) {
      b[o + 2 + pin * 3] = LINK_BASE + ((dev - 1 + pin) & 3);
      dv.setUint16(o + 3 + pin * 3, IRQ_BITMAP, true);
    }
    b[o + 14] = s; // slot number, 0 = embedded
  }
  fixChecksum(b, 31);
  return b;
}
