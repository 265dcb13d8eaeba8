import { AtaChannel } from '../devices/ata-channel.js';
import { AhciHba, ICH9_AHCI_PORTS } from '../devices/ahci/ahci-hba.js';
import { drivesOf, openRawImage } from '../disks/drives.js';
import type { DriveSpec } from '../disks/drives.js';
import { hex } from '../../lib/hex.js';
import { UsageError } from '../../lib/errors.js';
import { logger } from '../../lib/log.js';
import type { Platform } from './platform.js';
import type { PcPlatformDevices } from './pc-platform-devices.js';

const log = logger('ide');

/** The PIIX IDE function's compatibility-mode channels: command block, control port, IRQ (PC/AT). */
const IDE_CHANNELS = [
  { command: 0x1f0, control: 0x3f6, irq: 14 },
  { command: 0x170, control: 0x376, irq: 15 },
] as const;
const IDE_COMMAND_LEN = 8;
/** pc: two channels of two units; q35: one unit per AHCI port (QEMU's units_per_default_bus = 1). */
const PC_IDE_UNITS = 4;

export interface BoardDisks {
  readonly channels: readonly AtaChannel[];
  /** q35: the ICH9 AHCI HBA, attached behind 00:1f.2 by the chipset. */
  readonly sata: AhciHba | undefined;
}

/** Each `-drive if=ide` with its unit: index N, or the next free one as QEMU assigns them. */
function placeDrives(drives: readonly DriveSpec[], units: number): Array<{ drive: DriveSpec; index: number }> {
  const used = new Set<number>();
  return drives.map((d) => {
    let index = d.index;
    if (index === undefined) { index = 0; while (used.has(index)) index++; }
    if (used.has(index) || index >= units) throw new UsageError(`-drive ${d.file}: index ${index} is taken or out of range`);
    used.add(index);
    return { drive: d, index };
  });
}

/**
 * The board's disk controller with the `-drive if=ide` disks: on pc the PIIX IDE channels (index N:
 * channel N/2, unit N%2), on q35 the ICH9 AHCI ports (index N: port N), as QEMU 7.2 attaches them.
 * CD-ROMs (ATAPI) are not modelled: named in the event log and not attached.
 */
export function createIdeDisks(p: Platform, irqs: PcPlatformDevices): BoardDisks {
  const drives = drivesOf(p.config.argv).filter((d) => d.interface === 'ide');
  const q35 = p.config.board !== 'pc';
  const placed = placeDrives(drives, q35 ? ICH9_AHCI_PORTS : PC_IDE_UNITS).filter(({ drive }) => {
    if (drive.cdrom) p.event(`-drive ${drive.file}: ATAPI CD-ROM is not modelled; drive not attached`);
    return !drive.cdrom;
  });
  if (q35) {
    const hba = new AhciHba(p.memory, placed.map(({ drive, index }) => ({ port: index, backend: openRawImage(drive), serial: `QM0000${index + 1}` })));
    for (const { drive, index } of placed) log('disk %s on AHCI port %d', drive.file, index);
    p.onReset(() => hba.reset());
    p.addState('ahci', hba);
    return { channels: [], sata: hba };
  }
  const channels = IDE_CHANNELS.map((c, i) => {
    const ch = new AtaChannel((level) => irqs.gsi(c.irq, level));
    p.ports.register(`ide${i}`, c.command, IDE_COMMAND_LEN, ch.command);
    p.ports.register(`ide${i}-ctl`, c.control, 1, ch.controlPort);
    p.onReset(() => ch.reset());
    return ch;
  });
  for (const { drive, index } of placed) {
    channels[index >> 1]!.attach((index & 1) as 0 | 1, openRawImage(drive), `QM0000${index + 1}`);
    log('disk %s on ide%d unit %d', drive.file, index >> 1, index & 1);
  }
  p.addDevice({ name: 'piix-ide', bus: 'isa', where: `ports ${hex(0x1f0)}, ${hex(0x170)}, IRQ 14/15` });
  return { channels, sata: undefined };
}
