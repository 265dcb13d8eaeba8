/**
 * The firmware's AHCI driver, polled, as SeaBIOS's src/hw/ahci.c drives the controller: HBA reset and
 * AE, then per implemented port a reset of the engines, FIS receive on, spin-up, the link (PxSSTS.DET
 * = 3), the device ready (PxTFD without BSY/DRQ), ST on, IDENTIFY PACKET (a disk aborts it; the
 * non-queued error recovery of AHCI 1.3 §6.2.2.1 follows), IDENTIFY, SET FEATURES transfer mode.
 * Reads and writes are READ/WRITE DMA (EXT) with one PRD, through command slot 0; a CD-ROM gets its
 * SCSI commands through PACKET with the ATAPI bit and DMA, as SeaBIOS's ahci_atapi_process_op.
 */
import type { CpuWire } from '../../src/spec/cpu-wire.js';
import {
  AHCI_CAP, AHCI_GHC, AHCI_PI, AHCI_PORT_BASE, AHCI_PORT_SIZE, ATA_STATUS_BSY, ATA_STATUS_DRDY, ATA_STATUS_DRQ, ATA_STATUS_ERR,
  CAP_S64A, CMDH_ATAPI, CMDH_CTBA, CMDH_PRDBC, CMDH_WRITE, CT_ACMD, CT_PRDT, FIS_H2D_C, FIS_TYPE_REG_H2D, GHC_AE, GHC_HR, PX_CI, PX_CLB, PX_CLBU,
  PX_CMD, PX_FB, PX_FBU, PX_IE, PX_IS, PX_SCTL, PX_SERR, PX_SSTS, PX_TFD, PXCMD_CR, PXCMD_FR, PXCMD_FRE, PXCMD_ICC_MASK,
  PXCMD_POD, PXCMD_ST, PXCMD_SUD, PXIS_DHRS, PXIS_PSS, PXIS_TFES, RFIS_PSFIS, RFIS_RFIS,
} from '../../src/spec/ahci.js';
import type { AtaGeometry } from './ata-pio.js';
import { ATA_PACKET, CD_SECTOR, PACKET_FEATURE_DMA } from '../../src/spec/atapi.js';

/** Where a port's command list, received-FIS area and command table are (SeaBIOS: memalign_high). */
export interface AhciMemory {
  readonly list: number;
  readonly fis: number;
  readonly cmd: number;
}

export interface AhciDisk extends AhciMemory {
  readonly abar: number;
  readonly port: number;
}

const ATA_IDENTIFY = 0xec;
const ATA_IDENTIFY_PACKET = 0xa1;
const ATA_SET_FEATURES = 0xef;
const SF_TRANSFER_MODE = 0x03;
const ATA_READ_DMA = 0xc8;
const ATA_READ_DMA_EXT = 0x25;
const ATA_WRITE_DMA = 0xca;
const ATA_WRITE_DMA_EXT = 0x35;
const DEVICE_LBA = 0x40;
const SECTOR = 512;
/** Register H2D FIS length in dwords (command header CFL). */
const H2D_DWORDS = 5;
/** Polls before a wait counts as timed out (the model answers at once; SeaBIOS waits 32 s). */
const POLLS = 1000;

const reg = (d: { abar: number; port: number }, r: number): number => d.abar + AHCI_PORT_BASE + d.port * AHCI_PORT_SIZE + r;

function poll(cond: () => boolean): boolean {
  for (let i = 0; i < POLLS; i++) if (cond()) return true;
  return false;
}

/**
 * Build the register H2D FIS in the command table (and the ATAPI packet in ACMD) and slot 0's header,
 * issue it, wait for the result.
 */
function command(wire: CpuWire, d: AhciDisk, fis: Uint8Array, write: boolean, buffer: number, bytes: number, packet?: Uint8Array): boolean {
  const f = new Uint8Array(CT_PRDT);
  f.set(fis);
  f[0] = FIS_TYPE_REG_H2D;
  f[1] = FIS_H2D_C;
  if (packet) f.set(packet, CT_ACMD);
  wire.writeBytes(d.cmd, f);
  const prds = bytes > 0 ? 1 : 0;
  if (prds) {
    wire.write32(d.cmd + CT_PRDT, buffer);
    wire.write32(d.cmd + CT_PRDT + 4, 0);
    wire.write32(d.cmd + CT_PRDT + 8, 0);
    wire.write32(d.cmd + CT_PRDT + 12, bytes - 1);
  }
  wire.write32(d.list, ((prds << 16) | (write ? CMDH_WRITE : 0) | (packet ? CMDH_ATAPI : 0) | H2D_DWORDS) >>> 0);
  wire.write32(d.list + CMDH_PRDBC, 0);
  wire.write32(d.list + CMDH_CTBA, d.cmd);
  wire.write32(d.list + CMDH_CTBA + 4, 0);

  const pending = wire.read32(reg(d, PX_IS));
  if (pending) wire.write32(reg(d, PX_IS), pending);
  wire.write32(reg(d, PX_CI), 1);
  let status = ATA_STATUS_BSY;
  const done = poll(() => {
    const is = wire.read32(reg(d, PX_IS)) >>> 0;
    if (!is) return false;
    wire.write32(reg(d, PX_IS), is);
    if (is & PXIS_TFES) status = wire.read32(reg(d, PX_TFD)) & 0xff;
    else if (is & PXIS_PSS) status = wire.read8(d.fis + RFIS_PSFIS + 2);
    else if (is & PXIS_DHRS) status = wire.read8(d.fis + RFIS_RFIS + 2);
    else return false;
    return (status & ATA_STATUS_BSY) === 0;
  });
  const ok = done && (status & (ATA_STATUS_BSY | ATA_STATUS_ERR | 0x20)) === 0 && (status & ATA_STATUS_DRDY) !== 0;
  if (!ok) recover(wire, d);
  return ok;
}

/** AHCI 1.3 §6.2.2.1 non-queued error recovery, as SeaBIOS does it (no COMRESET needed: TFD has no BSY/DRQ). */
function recover(wire: CpuWire, d: AhciDisk): void {
  const cmd = wire.read32(reg(d, PX_CMD));
  wire.write32(reg(d, PX_CMD), cmd & ~PXCMD_ST);
  poll(() => (wire.read32(reg(d, PX_CMD)) & PXCMD_CR) === 0);
  wire.write32(reg(d, PX_SERR), wire.read32(reg(d, PX_SERR)));
  wire.write32(reg(d, PX_IS), wire.read32(reg(d, PX_IS)));
  if (wire.read32(reg(d, PX_TFD)) & (ATA_STATUS_BSY | ATA_STATUS_DRQ)) {
    const sctl = wire.read32(reg(d, PX_SCTL));
    wire.write32(reg(d, PX_SCTL), sctl | 1);
    wire.write32(reg(d, PX_SCTL), sctl);
  }
  wire.write32(reg(d, PX_CMD), wire.read32(reg(d, PX_CMD)) | PXCMD_ST);
}

/** IDENTIFY DEVICE into `buffer`; the disk's geometry and size (word 83 bit 10: LBA48 size). */
export function ahciIdentify(wire: CpuWire, d: AhciDisk, buffer: number): AtaGeometry | undefined {
  if (!command(wire, d, Uint8Array.of(0, 0, ATA_IDENTIFY), false, buffer, SECTOR)) return undefined;
  const w = (i: number): number => wire.read16(buffer + i * 2);
  const sectors = w(83) & (1 << 10) ? w(100) + w(101) * 0x10000 + w(102) * 2 ** 32 : w(60) + w(61) * 0x10000;
  return { cylinders: w(1), heads: w(3), spt: w(6), sectors };
}

/** SeaBIOS's ahci_port_reset then ahci_port_setup up to the first IDENTIFY; false when no disk answers. */
function startPort(wire: CpuWire, d: AhciDisk, cap: number): boolean {
  poll(() => {
    const c = wire.read32(reg(d, PX_CMD));
    if (!(c & (PXCMD_FRE | PXCMD_ST | PXCMD_FR | PXCMD_CR))) return true;
    wire.write32(reg(d, PX_CMD), c & ~(PXCMD_FRE | PXCMD_ST));
    return false;
  });
  wire.write32(reg(d, PX_IE), 0);
  const is = wire.read32(reg(d, PX_IS));
  if (is) wire.write32(reg(d, PX_IS), is);
  wire.write32(reg(d, PX_CLB), d.list);
  wire.write32(reg(d, PX_FB), d.fis);
  if (cap & CAP_S64A) {
    wire.write32(reg(d, PX_CLBU), 0);
    wire.write32(reg(d, PX_FBU), 0);
  }
  let cmd = wire.read32(reg(d, PX_CMD)) | PXCMD_FRE;
  wire.write32(reg(d, PX_CMD), cmd);
  cmd = ((cmd & ~PXCMD_ICC_MASK) | PXCMD_SUD | PXCMD_POD | (1 << 28)) >>> 0;
  wire.write32(reg(d, PX_CMD), cmd);
  if (!poll(() => (wire.read32(reg(d, PX_SSTS)) & 7) === 3)) return false;
  const serr = wire.read32(reg(d, PX_SERR));
  if (serr) wire.write32(reg(d, PX_SERR), serr);
  if (!poll(() => (wire.read32(reg(d, PX_TFD)) & (ATA_STATUS_BSY | ATA_STATUS_DRQ)) === 0)) return false;
  wire.write32(reg(d, PX_CMD), cmd | PXCMD_ST);
  return true;
}

/** A device the port bring-up found: an ATA disk with its geometry, or an ATAPI CD-ROM. */
export type AhciFound = { readonly kind: 'disk'; readonly disk: AhciDisk; readonly geometry: AtaGeometry }
  | { readonly kind: 'cdrom'; readonly disk: AhciDisk; readonly model: string; readonly version: number };

/** Where a port's structures come from: `alloc` before the port is probed, `free` when nothing answered. */
export interface AhciPortMemory {
  alloc(): (AhciMemory & { readonly scratch: number }) | undefined;
  release(mem: AhciMemory, found: boolean): void;
}

/**
 * Reset the HBA at `abar` and bring up every implemented port as SeaBIOS does (IDENTIFY PACKET
 * first: a CD-ROM answers it; else IDENTIFY and SET FEATURES). Returns what answered, in port order.
 */
export function ahciSetup(wire: CpuWire, abar: number, memory: AhciPortMemory, log: (line: string) => void): AhciFound[] {
  wire.write32(abar + AHCI_GHC, wire.read32(abar + AHCI_GHC) | GHC_HR);
  if (!poll(() => (wire.read32(abar + AHCI_GHC) & GHC_HR) === 0)) {
    log('AHCI: controller reset failed');
    return [];
  }
  wire.write32(abar + AHCI_GHC, (wire.read32(abar + AHCI_GHC) | GHC_AE) >>> 0);
  const cap = wire.read32(abar + AHCI_CAP) >>> 0;
  const ports = wire.read32(abar + AHCI_PI) >>> 0;
  const found: AhciFound[] = [];
  for (let port = 0; port < 32; port++) {
    if (!(ports & (1 << port))) continue;
    const mem = memory.alloc();
    if (!mem) {
      log('AHCI: out of memory in ZoneHigh');
      break;
    }
    const { list, fis, cmd, scratch } = mem;
    const f = probePort(wire, { abar, port, list, fis, cmd }, cap, scratch, log);
    memory.release(mem, f !== undefined);
    if (f) found.push(f);
  }
  return found;
}

function probePort(wire: CpuWire, disk: AhciDisk, cap: number, scratch: number, log: (line: string) => void): AhciFound | undefined {
  const port = disk.port;
  if (!startPort(wire, disk, cap)) return undefined;
  // A disk aborts IDENTIFY PACKET DEVICE (only ATAPI answers it); SeaBIOS asks it first.
  if (command(wire, disk, Uint8Array.of(0, 0, ATA_IDENTIFY_PACKET), false, scratch, SECTOR)) {
    // Word 0 bits 12:8: the device type, 05h a CD-ROM (SeaBIOS's iscd).
    if (((wire.read16(scratch) >> 8) & 0x1f) !== 5) {
      log(`AHCI/${port}: atapi device isn't a cdrom`);
      return undefined;
    }
    const words = Array.from({ length: 256 }, (_, i) => wire.read16(scratch + i * 2));
    return { kind: 'cdrom', disk, ...identifyModel(words) };
  }
  const geometry = ahciIdentify(wire, disk, scratch);
  if (!geometry) return undefined;
  const udma = wire.read16(scratch + 53 * 2) & 4 ? 31 - Math.clz32(wire.read16(scratch + 88 * 2) & 0x7f) : -1;
  if (udma >= 0) {
    log(`AHCI/${port}: Set transfer mode to UDMA-${udma}`);
    command(wire, disk, Uint8Array.of(0, 0, ATA_SET_FEATURES, SF_TRANSFER_MODE, 0, 0, 0, 0, 0, 0, 0, 0, 0x40 | udma), true, 0, 0);
  }
  return { kind: 'disk', disk, geometry };
}

/** IDENTIFY words 27-46 (the model, byte pairs swapped, trailing spaces dropped) and the highest ATA version in word 80. */
export function identifyModel(w: readonly number[]): { model: string; version: number } {
  let model = '';
  for (let i = 27; i <= 46; i++) model += String.fromCharCode(w[i]! >> 8, w[i]! & 0xff);
  const versions = w[80]! === 0xffff ? 0 : w[80]! & 0x7ffe;
  return { model: model.replace(/[ \0]+$/, ''), version: versions ? 31 - Math.clz32(versions) : 0 };
}

/**
 * A SCSI command to the CD-ROM through PACKET (features: DMA; the byte count limit one block, as
 * SeaBIOS's sata_prep_atapi): `bytes` of data to `addr`. False when the device reports an error.
 */
export function ahciPacket(wire: CpuWire, d: AhciDisk, cdb: Uint8Array, addr: number, bytes: number): boolean {
  const fis = Uint8Array.of(0, 0, ATA_PACKET, PACKET_FEATURE_DMA, 0, CD_SECTOR & 0xff, CD_SECTOR >> 8);
  return command(wire, d, fis, false, addr, bytes, cdb);
}

/** READ/WRITE DMA (EXT when the count or the end passes 28 bits): `count` (1..65535) sectors at `addr`. */
function readWrite(wire: CpuWire, d: AhciDisk, lba: number, count: number, addr: number, write: boolean): number {
  const f = new Uint8Array(16);
  const ext = count >= 256 || lba + count >= 2 ** 28;
  f[2] = ext ? (write ? ATA_WRITE_DMA_EXT : ATA_READ_DMA_EXT) : (write ? ATA_WRITE_DMA : ATA_READ_DMA);
  f[3] = 1; // DMA
  f[4] = lba & 0xff; f[5] = (lba >>> 8) & 0xff; f[6] = (lba >>> 16) & 0xff;
  if (ext) {
    f[7] = DEVICE_LBA;
    f[8] = Math.floor(lba / 2 ** 24) & 0xff; f[9] = Math.floor(lba / 2 ** 32) & 0xff; f[10] = Math.floor(lba / 2 ** 40) & 0xff;
    f[13] = count >> 8;
  } else f[7] = DEVICE_LBA | ((lba >>> 24) & 0x0f);
  f[12] = count & 0xff;
  return command(wire, d, f, write, addr, count * SECTOR) ? count : 0;
}

export function ahciRead(wire: CpuWire, d: AhciDisk, lba: number, count: number, addr: number): number {
  return readWrite(wire, d, lba, count, addr, false);
}

export function ahciWrite(wire: CpuWire, d: AhciDisk, lba: number, count: number, addr: number): number {
  return readWrite(wire, d, lba, count, addr, true);
}

/** Whether the port is still running (the EBDA record is only trusted while it is). */
export function ahciRunning(wire: CpuWire, d: AhciDisk): boolean {
  return (wire.read32(reg(d, PX_CMD)) & (PXCMD_CR | PXCMD_FR)) === (PXCMD_CR | PXCMD_FR);
}
