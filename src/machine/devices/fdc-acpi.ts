import { buffer, device, dma, eisaId, io, irqNoFlags, name, pkg, resourceTemplate } from '../acpi/aml/index.js';
import type { Aml } from '../acpi/aml/index.js';
import { FDC_DMA, FDC_IRQ, PORT_FDC } from '../boards/layout.js';
import { cmosDriveType, driveMaxChs } from './fdc/fd-formats.js';
import type { FloppyDriveType } from './fdc/fd-formats.js';

/** Digital output register block (DOR..FIFO, 4 ports) and the digital input register. */
const FDC_DOR = 2;
const FDC_DOR_LEN = 4;
const FDC_DIR = 7;
/**
 * The fixed part of _FDI after the drive limits: SeaBIOS's diskette parameter table values, which
 * QEMU's build_fdinfo_aml writes whatever the drive type (specify 1/2, motor wait, sector size,
 * EOT, gap, DTL, format gap, fill byte, head settle, motor start).
 */
const FDI_DBT = [0xaf, 0x02, 0x25, 0x02, 0x12, 0x1b, 0xff, 0x6c, 0xf6, 0x0f, 0x08];

/** One drive's FLPx device: _ADR and _FDI (number, CMOS type, max cylinder, sector, head: the drive type's limits). */
function driveAml(unit: number, type: Exclude<FloppyDriveType, 'none'>): Aml {
  const { maxc, maxh, maxs } = driveMaxChs(type);
  return device(`FLP${String.fromCharCode(0x41 + unit)}`, name('_ADR', unit),
    name('_FDI', pkg(unit, cmosDriveType(type), maxc, maxs, maxh, ...FDI_DBT)));
}

/** The ISA floppy controller (PNP0700) with its drives (unit 0, 1; 'none' for no drive), as QEMU 7.2's build_fdc_aml. */
export function fdcAml(drives: readonly FloppyDriveType[]): Aml {
  const present = drives.map((t) => t !== 'none');
  const fde = new Array<number>(20).fill(0);
  present.forEach((p, i) => { if (p && i < 4) fde[i * 4] = 1; });
  // The fifth dword is the tape drive: 2, "never present".
  fde[16] = 2;
  return device('FDC0',
    name('_HID', eisaId('PNP0700')),
    name('_CRS', resourceTemplate(io(PORT_FDC + FDC_DOR, PORT_FDC + FDC_DOR, 0, FDC_DOR_LEN),
      io(PORT_FDC + FDC_DIR, PORT_FDC + FDC_DIR, 0, 1), irqNoFlags(FDC_IRQ),
      dma('Compatibility', false, 'Transfer8', FDC_DMA))),
    ...drives.flatMap((t, i) => (t === 'none' ? [] : [driveAml(i, t)])),
    name('_FDE', buffer(fde)));
}
