/**
 * SeaBIOS's ahci_scan + ahci_controller_setup: the first AHCI function (class 0106h, prog-if 01h) on
 * bus 0, memory decoding and bus mastering on, its ports' structures from ZoneHigh (a 1 KiB command
 * list, 256-byte received-FIS area and command table, as ahci_port_realloc allocates them).
 */
import type { CpuWire } from '../../src/spec/cpu-wire.js';
import type { PciConfig } from '../pci/config.js';
import { PCI_BASE_ADDRESS_0, PCI_CLASS_REVISION, PCI_COMMAND, PCI_COMMAND_MASTER, PCI_COMMAND_MEMORY, PCI_INTERRUPT_LINE } from '../pci/regs.js';
import type { Zone } from '../memory/zone.js';
import { ahciSetup } from './ahci.js';
import type { AhciDisk } from './ahci.js';
import type { AtaGeometry } from './ata-pio.js';

export interface SataDisk {
  readonly disk: AhciDisk;
  readonly geometry: AtaGeometry;
}

const CLASS_SATA_AHCI = 0x010601;
const PCI_BAR5 = PCI_BASE_ADDRESS_0 + 5 * 4;
const SECTOR = 512;

function findAhci(cfg: PciConfig): number | undefined {
  for (let devfn = 0; devfn < 256; devfn++) {
    if (cfg.read16(devfn, 0) === 0xffff) continue;
    if (cfg.read32(devfn, PCI_CLASS_REVISION) >>> 8 === CLASS_SATA_AHCI) return devfn;
  }
  return undefined;
}

const bdfName = (bdf: number): string =>
  `${(bdf >> 8).toString(16).padStart(2, '0')}:${((bdf >> 3) & 0x1f).toString(16).padStart(2, '0')}.${bdf & 7}`;

export function setupSata(wire: CpuWire, cfg: PciConfig, high: Zone, log: (line: string) => void): SataDisk | undefined {
  const bdf = findAhci(cfg);
  if (bdf === undefined) return undefined;
  const abar = (cfg.read32(bdf, PCI_BAR5) & ~0xf) >>> 0;
  if (abar === 0) return undefined;
  cfg.write16(bdf, PCI_COMMAND, cfg.read16(bdf, PCI_COMMAND) | PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
  log(`AHCI controller at ${bdfName(bdf)}, iobase 0x${abar.toString(16)}, irq ${cfg.read8(bdf, PCI_INTERRUPT_LINE)}`);
  const list = high.alloc(1024, 1024);
  const fis = high.alloc(256, 256);
  const cmd = high.alloc(256, 256);
  const scratch = high.alloc(SECTOR, 16);
  if (list === undefined || fis === undefined || cmd === undefined || scratch === undefined) {
    log('AHCI: out of memory in ZoneHigh');
    return undefined;
  }
  for (const a of [list, fis, cmd]) wire.writeBytes(a, new Uint8Array(a === list ? 1024 : 256));
  const found = ahciSetup(wire, abar, { list, fis, cmd }, scratch, log);
  high.freeBlock(scratch);
  if (!found) {
    for (const a of [cmd, fis, list]) high.freeBlock(a);
    return undefined;
  }
  log(`AHCI/${found.disk.port}: registering: "AHCI/${found.disk.port}: QEMU HARDDISK (${found.geometry.sectors} sectors)"`);
  return found;
}
