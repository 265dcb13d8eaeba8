/**
 * SeaBIOS's ahci_scan + ahci_controller_setup: the first AHCI function (class 0106h, prog-if 01h) on
 * bus 0, memory decoding and bus mastering on, the structures of each port with a device from
 * ZoneHigh (a 1 KiB command list, 256-byte received-FIS area and command table, as
 * ahci_port_realloc allocates them), in port order.
 */
import type { CpuWire } from '../../src/spec/cpu-wire.js';
import type { PciConfig } from '../pci/config.js';
import { PCI_BASE_ADDRESS_0, PCI_CLASS_REVISION, PCI_COMMAND, PCI_COMMAND_MASTER, PCI_COMMAND_MEMORY, PCI_INTERRUPT_LINE } from '../pci/regs.js';
import type { Zone } from '../memory/zone.js';
import { ahciSetup } from './ahci.js';
import type { AhciDisk, AhciMemory } from './ahci.js';
import type { AtaGeometry } from './ata-pio.js';

export interface SataDisk {
  readonly disk: AhciDisk;
  readonly geometry: AtaGeometry;
}

/** What the AHCI bring-up found: the first disk (drive 80h) and the first CD-ROM (drive E0h). */
export interface SataDevices {
  readonly disk: SataDisk | undefined;
  readonly cdrom: AhciDisk | undefined;
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

export function setupSata(wire: CpuWire, cfg: PciConfig, high: Zone, log: (line: string) => void): SataDevices {
  const none = { disk: undefined, cdrom: undefined };
  const bdf = findAhci(cfg);
  if (bdf === undefined) return none;
  const abar = (cfg.read32(bdf, PCI_BAR5) & ~0xf) >>> 0;
  if (abar === 0) return none;
  cfg.write16(bdf, PCI_COMMAND, cfg.read16(bdf, PCI_COMMAND) | PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
  log(`AHCI controller at ${bdfName(bdf)}, iobase 0x${abar.toString(16)}, irq ${cfg.read8(bdf, PCI_INTERRUPT_LINE)}`);
  const found = ahciSetup(wire, abar, {
    alloc: () => {
      const list = high.alloc(1024, 1024);
      const fis = high.alloc(256, 256);
      const cmd = high.alloc(256, 256);
      const scratch = high.alloc(SECTOR, 16);
      if (list === undefined || fis === undefined || cmd === undefined || scratch === undefined) return undefined;
      for (const a of [list, fis, cmd]) wire.writeBytes(a, new Uint8Array(a === list ? 1024 : 256));
      return { list, fis, cmd, scratch };
    },
    release: (mem: AhciMemory & { scratch: number }, used: boolean) => {
      high.freeBlock(mem.scratch);
      if (!used) for (const a of [mem.cmd, mem.fis, mem.list]) high.freeBlock(a);
    },
  }, log);
  let disk: SataDisk | undefined;
  let cdrom: AhciDisk | undefined;
  for (const f of found) {
    const port = f.disk.port;
    if (f.kind === 'disk') {
      log(`AHCI/${port}: registering: "AHCI/${port}: QEMU HARDDISK (${f.geometry.sectors} sectors)"`);
      disk ??= { disk: f.disk, geometry: f.geometry };
    } else {
      log(`AHCI/${port}: registering: "DVD/CD [AHCI/${port}: ${f.model} ATAPI-${f.version} DVD/CD]"`);
      cdrom ??= f.disk;
    }
  }
  return { disk, cdrom };
}
