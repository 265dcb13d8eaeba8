/**
 * The ISA DMA controllers (both boards: QEMU's pc_basic_device_init makes them) and, where QEMU 7.2
 * has one, the isa-fdc at 0x3F0 with IRQ 6 and DMA channel 2 and its drives (src/machine/disks/floppy-drives.ts).
 */
import { IsaDma } from '../devices/i8257.js';
import { IsaFdc } from '../devices/fdc/isa-fdc.js';
import { FloppyDrive } from '../devices/fdc/floppy-drive.js';
import { FDC_COMMANDS } from '../devices/fdc/fdc-commands.js';
import { floppyConfig } from '../disks/floppy-drives.js';
import type { FloppyUnit } from '../disks/floppy-drives.js';
import { openRawImage } from '../disks/drives.js';
import { floppyBlockDevice } from '../disks/block-devices.js';
import { DMA1, DMA2_BASE, FDC_DMA_CHANNEL, FDC_IRQ_LINE } from '../../spec/fdc.js';
import { PORT_FDC } from '../boards/layout.js';
import { hex } from '../../lib/hex.js';
import { logger } from '../../lib/log.js';
import type { Platform } from './platform.js';
import type { PcPlatformDevices } from './pc-platform-devices.js';

const log = logger('fdc');
const DMA_CHANNEL_PORTS = 8;
const DMA_CONTROL_PORTS = 8;
/** The page registers QEMU decodes: 0x81-0x83 and 0x87 for channels 0-3, 0x89-0x8B and 0x8F for 4-7. */
const PAGE_RANGES = [[0x81, 3], [0x87, 1]] as const;
const DMA2_PAGE_OFFSET = 8;
/** isa-fdc's port list: base+1..+5 and base+7 (+0 is not decoded, +6 is the IDE control port). */
const FDC_LOW = 1;
const FDC_LOW_LEN = 5;
const FDC_DIR = 7;

/** A unit's drive, registered with the platform's block devices as floppy<N> when there is one. */
function driveOf(p: Platform, u: FloppyUnit, n: number): FloppyDrive {
  if (!u.drive) return new FloppyDrive(false, undefined);
  const file = u.drive.file;
  const backend = file ? openRawImage({ ...u.drive, file }) : undefined;
  const drive = new FloppyDrive(true, backend);
  p.blockDevices.push(floppyBlockDevice(`floppy${n}`, drive, backend && file ? { file, readOnly: u.drive.readOnly, backend } : undefined, u.drive.readOnly));
  return drive;
}

export function createIsaDma(p: Platform): IsaDma {
  const dma = new IsaDma(p.memory);
  const [d1, d2] = dma.controllers;
  p.ports.register('dma1-chan', DMA1.channelBase, DMA_CHANNEL_PORTS, d1.channelPorts);
  p.ports.register('dma1-cont', DMA1.status, DMA_CONTROL_PORTS, d1.controlPorts);
  p.ports.register('dma2-chan', DMA2_BASE, DMA_CHANNEL_PORTS * 2, d2.channelPorts);
  p.ports.register('dma2-cont', DMA2_BASE + DMA_CHANNEL_PORTS * 2, DMA_CONTROL_PORTS * 2, d2.controlPorts);
  for (const [base, len] of PAGE_RANGES) {
    p.ports.register(`dma1-page-${hex(base)}`, base, len, { sizes: 1, read: (o) => d1.pagePorts.read(base + o - 0x80, 1), write: (o, s, v) => d1.pagePorts.write(base + o - 0x80, s, v) });
    const b2 = base + DMA2_PAGE_OFFSET;
    p.ports.register(`dma2-page-${hex(b2)}`, b2, len, { sizes: 1, read: (o) => d2.pagePorts.read(base + o - 0x80, 1), write: (o, s, v) => d2.pagePorts.write(base + o - 0x80, s, v) });
  }
  p.onReset(() => dma.reset());
  p.addState('isa-dma', dma);
  p.addDevice({ name: 'i8257', bus: 'isa', where: `ports ${hex(0)}-${hex(0xf)}, ${hex(0xc0)}-${hex(0xdf)}, pages ${hex(0x81)}-${hex(0x8f)}` });
  return dma;
}

export function createFloppy(p: Platform, irqs: PcPlatformDevices, dma: IsaDma): IsaFdc | undefined {
  const cfg = floppyConfig(p.config);
  if (!cfg.controller) return undefined;
  const drives = [driveOf(p, cfg.units[0], 0), driveOf(p, cfg.units[1], 1)] as const;
  const fdc = new IsaFdc(drives, (level) => irqs.gsi(FDC_IRQ_LINE, level), dma, FDC_DMA_CHANNEL, p.clock, FDC_COMMANDS);
  p.ports.register('fdc', PORT_FDC + FDC_LOW, FDC_LOW_LEN, { sizes: 1, read: (o) => fdc.ports.read(o + FDC_LOW, 1), write: (o, s, v) => fdc.ports.write(o + FDC_LOW, s, v) });
  p.ports.register('fdc-dir', PORT_FDC + FDC_DIR, 1, { sizes: 1, read: () => fdc.ports.read(FDC_DIR, 1), write: (_o, s, v) => fdc.ports.write(FDC_DIR, s, v) });
  p.onReset(() => fdc.reset());
  p.addState('fdc', fdc);
  cfg.units.forEach((u, i) => { if (u.drive) log('floppy %d: %s (%s)', i, u.drive.file ?? '(empty)', u.type); });
  p.addDevice({ name: 'isa-fdc', bus: 'isa', where: `ports ${hex(PORT_FDC + FDC_LOW)}-${hex(PORT_FDC + FDC_LOW + FDC_LOW_LEN - 1)}, ${hex(PORT_FDC + FDC_DIR)}, IRQ ${FDC_IRQ_LINE}, DMA ${FDC_DMA_CHANNEL}` });
  return fdc;
}
