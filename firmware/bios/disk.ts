/**
 * The hard disk int 13h and the boot serve: the AHCI disk the POST brought up (q35, recorded in the
 * EBDA) or else the primary IDE master through ATA PIO (pc), as SeaBIOS picks its drive 80h.
 */
import type { CpuWire } from '../../src/spec/cpu-wire.js';
import { EBDA_FWLAB, EBDA_SEGMENT } from '../../src/spec/bios-data-area.js';
import { ahciRead, ahciWrite } from './ahci.js';
import type { AhciDisk } from './ahci.js';
import { ataIdentify, ataRead, ataWrite } from './ata-pio.js';
import type { AtaGeometry } from './ata-pio.js';
import { logicalGeometry } from './translation.js';

export interface Disk {
  /** The geometry the disk reports (IDENTIFY): int 13h AH=48h. */
  readonly geometry: AtaGeometry;
  /** SeaBIOS's translated geometry: what int 13h CHS calls and AH=08h/15h use. */
  readonly lchs: AtaGeometry;
  /** `count` sectors (1..256) at `lba` to or from physical `addr`; returns the sectors moved. */
  read(lba: number, count: number, addr: number): number;
  write(lba: number, count: number, addr: number): number;
}

const EBDA = EBDA_SEGMENT * 16;

/** Remember the AHCI disk for int 13h (after the EBDA was laid out). */
export function recordAhciDisk(wire: CpuWire, d: AhciDisk, g: AtaGeometry): void {
  wire.write32(EBDA + EBDA_FWLAB.ahciAbar, d.abar);
  wire.write8(EBDA + EBDA_FWLAB.ahciPort, d.port);
  wire.write32(EBDA + EBDA_FWLAB.ahciList, d.list);
  wire.write32(EBDA + EBDA_FWLAB.ahciFis, d.fis);
  wire.write32(EBDA + EBDA_FWLAB.ahciCmd, d.cmd);
  wire.write16(EBDA + EBDA_FWLAB.ahciCylinders, g.cylinders);
  wire.write16(EBDA + EBDA_FWLAB.ahciHeads, g.heads);
  wire.write16(EBDA + EBDA_FWLAB.ahciSpt, g.spt);
  wire.write64(EBDA + EBDA_FWLAB.ahciSectors, BigInt(g.sectors));
}

export function ahciDisk(wire: CpuWire, d: AhciDisk, geometry: AtaGeometry): Disk {
  return {
    geometry,
    lchs: logicalGeometry(geometry, 'ahci'),
    read: (lba, count, addr) => ahciRead(wire, d, lba, count, addr),
    write: (lba, count, addr) => ahciWrite(wire, d, lba, count, addr),
  };
}

/** Drive 80h: the recorded AHCI disk, else the IDE primary master if it answers IDENTIFY. */
export function openHardDisk(wire: CpuWire): Disk | undefined {
  const abar = wire.read32(EBDA + EBDA_FWLAB.ahciAbar) >>> 0;
  if (abar !== 0) {
    const d: AhciDisk = {
      abar, port: wire.read8(EBDA + EBDA_FWLAB.ahciPort), list: wire.read32(EBDA + EBDA_FWLAB.ahciList) >>> 0,
      fis: wire.read32(EBDA + EBDA_FWLAB.ahciFis) >>> 0, cmd: wire.read32(EBDA + EBDA_FWLAB.ahciCmd) >>> 0,
    };
    return ahciDisk(wire, d, {
      cylinders: wire.read16(EBDA + EBDA_FWLAB.ahciCylinders), heads: wire.read16(EBDA + EBDA_FWLAB.ahciHeads),
      spt: wire.read16(EBDA + EBDA_FWLAB.ahciSpt), sectors: Number(wire.read64(EBDA + EBDA_FWLAB.ahciSectors)),
    });
  }
  const g = ataIdentify(wire);
  if (!g) return undefined;
  return { geometry: g, lchs: logicalGeometry(g, 'ata'), read: (lba, count, addr) => ataRead(wire, lba, count, addr), write: (lba, count, addr) => ataWrite(wire, lba, count, addr) };
}
