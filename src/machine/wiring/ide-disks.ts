import { AtaChannel } from '../devices/ata-channel.js';
import { drivesOf, openRawImage } from '../disks/drives.js';
import { hex } from '../../lib/hex.js';
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

/**
 * The pc board's IDE channels with the `-drive if=ide` disks (index N: channel N/2, unit N%2;
 * without index, the next free one as QEMU assigns them). q35's drives belong on the ICH9 AHCI
 * controller, which is not modelled: they are named in the event log and not attached.
 */
export function createIdeDisks(p: Platform, irqs: PcPlatformDevices): AtaChannel[] {
  const drives = drivesOf(p.config.argv).filter((d) => d.interface === 'ide');
  if (p.config.board !== 'pc') {
    for (const d of drives) p.event(`-drive ${d.file}: the ICH9 AHCI controller is not modelled; drive not attached`);
    return [];
  }
  const channels = IDE_CHANNELS.map((c, i) => {
    const ch = new AtaChannel((level) => irqs.gsi(c.irq, level));
    p.ports.register(`ide${i}`, c.command, IDE_COMMAND_LEN, ch.command);
    p.ports.register(`ide${i}-ctl`, c.control, 1, ch.controlPort);
    p.onReset(() => ch.reset());
    return ch;
  });
  const used = new Set<number>();
  for (const d of drives) {
    let index = d.index;
    if (index === undefined) { index = 0; while (used.has(index)) index++; }
    if (used.has(index) || index > 3) throw new Error(`-drive ${d.file}: index ${index} is taken or out of range`);
    used.add(index);
    if (d.cdrom) { p.event(`-drive ${d.file}: ATAPI CD-ROM is not modelled; drive not attached`); continue; }
    channels[index >> 1]!.attach((index & 1) as 0 | 1, openRawImage(d), `QM0000${index + 1}`);
    log('disk %s on ide%d unit %d', d.file, index >> 1, index & 1);
  }
  p.addDevice({ name: 'piix-ide', bus: 'isa', where: `ports ${hex(0x1f0)}, ${hex(0x170)}, IRQ 14/15` });
  return channels;
}
