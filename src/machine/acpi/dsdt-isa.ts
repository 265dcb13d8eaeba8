import { buffer, device, dma, eisaId, io, irqNoFlags, name, resourceTemplate } from './aml/index.js';
import type { Aml } from './aml/index.js';

/** ISA devices under the ISA/LPC bridge, in QEMU's order. */
export function isaDevices(opts: { floppy: boolean; com1: boolean }): Aml[] {
  const out: Aml[] = [
    device('KBD',
      name('_HID', eisaId('PNP0303')),
      name('_STA', 0x0f),
      name('_CRS', resourceTemplate(io(0x60, 0x60, 1, 1), io(0x64, 0x64, 1, 1), irqNoFlags(1)))),
    device('MOU',
      name('_HID', eisaId('PNP0F13')),
      name('_STA', 0x0f),
      name('_CRS', resourceTemplate(irqNoFlags(12)))),
  ];
  if (opts.floppy) {
    out.push(device('FDC0',
      name('_HID', eisaId('PNP0700')),
      name('_CRS', resourceTemplate(io(0x3f2, 0x3f2, 0, 4), io(0x3f7, 0x3f7, 0, 1), irqNoFlags(6),
        dma('Compatibility', false, 'Transfer8', 2))),
      // _FDE: four drive-present dwords (none) and the tape dword 2 ("not present").
      name('_FDE', buffer([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0]))));
  }
  if (opts.com1) {
    out.push(device('COM1',
      name('_HID', eisaId('PNP0501')),
      name('_UID', 1),
      name('_STA', 0x0f),
      name('_CRS', resourceTemplate(io(0x3f8, 0x3f8, 0, 8), irqNoFlags(4)))));
  }
  out.push(device('RTC',
    name('_HID', eisaId('PNP0B00')),
    name('_CRS', resourceTemplate(io(0x70, 0x70, 1, 8), irqNoFlags(8)))));
  return out;
}
