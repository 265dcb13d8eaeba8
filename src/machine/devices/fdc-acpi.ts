import { buffer, device, dma, eisaId, io, irqNoFlags, name, pkg, resourceTemplate } from '../acpi/aml/index.js';
import type { Aml } from '../acpi/aml/index.js';
import { FDC_DMA, FDC_IRQ, PORT_FDC } from '../boards/layout.js';

/** Digital output register block (DOR..FIFO, 4 ports) and the digital input register. */
const FDC_DOR = 2;
const FDC_DOR_LEN = 4;
const FDC_DIR = 7;

/**
 * _FDI of QEMU's default drive A (empty, type 2.88 MB: CMOS type 5), as QEMU 7.2 writes it
 * (read from a capture of `qemu-system-x86_64` without -nodefaults).
 */
const DEFAULT_DRIVE_FDI = [0, 5, 0x4f, 0x30, 1, 0xaf, 2, 0x25, 2, 0x12, 0x1b, 0xff, 0x6c, 0xf6, 0x0f, 0x08];

/** The ISA floppy controller (PNP0700), with QEMU's default drive A or no drive, as QEMU's pc describes it. */
export function fdcAml(driveA: boolean): Aml {
  return device('FDC0',
    name('_HID', eisaId('PNP0700')),
    name('_CRS', resourceTemplate(io(PORT_FDC + FDC_DOR, PORT_FDC + FDC_DOR, 0, FDC_DOR_LEN),
      io(PORT_FDC + FDC_DIR, PORT_FDC + FDC_DIR, 0, 1), irqNoFlags(FDC_IRQ),
      dma('Compatibility', false, 'Transfer8', FDC_DMA))),
    ...(driveA ? [device('FLPA', name('_ADR', 0), name('_FDI', pkg(...DEFAULT_DRIVE_FDI)))] : []),
    // _FDE: four drive-present dwords and the tape dword 2 ("not present").
    name('_FDE', buffer([driveA ? 1 : 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0])));
}
