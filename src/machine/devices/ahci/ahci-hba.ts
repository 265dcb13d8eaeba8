import type { AccessSize, IoHandler } from '../../bus/io-handler.js';
import type { PhysicalMemory } from '../../bus/physical-memory.js';
import {
  AHCI_ABAR_SIZE, AHCI_CAP, AHCI_GHC, AHCI_IS, AHCI_PI, AHCI_PORT_BASE, AHCI_PORT_SIZE, AHCI_VS, CAP_ISS_GEN1, CAP_NCS_SHIFT,
  CAP_S64A, CAP_SAM, CAP_SNCQ, GHC_AE, GHC_HR, GHC_IE,
} from '../../../spec/ahci.js';
import { AhciPort } from './ahci-port.js';
import type { SataDevice } from './ata-device.js';
import { GuestDma } from './guest-dma.js';
import type { PartState, Snapshottable } from '../../snapshot/part-state.js';
import { arr, jsonObject, num, SnapshotMismatch } from '../../snapshot/part-state.js';

/** ICH9's SATA controller has six ports (QEMU's ICH_AHCI port count). */
export const ICH9_AHCI_PORTS = 6;
/** AHCI 1.0 (QEMU 7.2's AHCI_VERSION_1_0). */
const VERSION_1_0 = 0x00010000;
const COMMAND_SLOTS = 32;
/** The index/data pair in BAR4 (ICH9 "AIDP"): index at 0x10, data at 0x14; the index keeps bits 11:2. */
const IDP_INDEX = 0x10;
const IDP_DATA = 0x14;
const IDP_INDEX_MASK = (AHCI_ABAR_SIZE - 1) & ~3;

export interface AhciLines {
  /** The PCI function's INTx level (QEMU raises it while GHC.IE and some port's PxIS & PxIE). */
  readonly intx: (level: boolean) => void;
  /** PCI command register bit 2: the function may master the bus. */
  readonly busMaster: () => boolean;
}

/**
 * An AHCI HBA as QEMU 7.2 models ICH9's (hw/ide/ahci.c; AHCI 1.3 §3): the generic host control
 * registers, six ports, the ABAR (BAR5) and the index/data pair (BAR4). Register reads of any width
 * return the dword shifted (unaligned reads included); writes are dword-wide and ignored when
 * misaligned, as in QEMU.
 */
export class AhciHba implements Snapshottable {
  readonly ports: AhciPort[];
  private ghc = GHC_AE;
  private is = 0;
  private idpIndex = 0;
  private lines: AhciLines = { intx: () => {}, busMaster: () => false };
  private level = false;
  readonly cap = (CAP_S64A | CAP_SNCQ | CAP_SAM | CAP_ISS_GEN1 | ((COMMAND_SLOTS - 1) << CAP_NCS_SHIFT) | (ICH9_AHCI_PORTS - 1)) >>> 0;

  constructor(memory: PhysicalMemory, devices: ReadonlyArray<{ port: number; device: SataDevice }> = []) {
    const dma = new GuestDma(memory, () => this.lines.busMaster());
    this.ports = Array.from({ length: ICH9_AHCI_PORTS }, (_, i) =>
      new AhciPort(dma, () => this.updateIrq(), devices.find((x) => x.port === i)?.device));
    this.reset();
  }

  /** The PCI function this HBA sits behind (its INTx pin and bus-master enable). */
  connect(lines: AhciLines): void {
    this.lines = lines;
  }

  get interruptLevel(): boolean {
    return this.level;
  }

  saveState(): PartState {
    return { json: { ghc: this.ghc, idpIndex: this.idpIndex, ports: this.ports.map((p) => p.saveState()) } };
  }

  loadState(state: PartState): void {
    const o = jsonObject(state, 'ahci');
    const ports = arr(o, 'ports');
    if (ports.length !== this.ports.length) throw new SnapshotMismatch(`section ahci: ${ports.length} ports, this HBA has ${this.ports.length}`);
    this.ghc = num(o, 'ghc');
    this.idpIndex = num(o, 'idpIndex');
    ports.forEach((p, i) => this.ports[i]!.loadState(jsonObject({ json: p }, `ahci port ${i}`)));
    this.updateIrq();
  }

  reset(): void {
    this.is = 0;
    this.ghc = GHC_AE;
    for (const p of this.ports) p.hbaReset();
    this.updateIrq();
  }

  private updateIrq(): void {
    let is = 0;
    this.ports.forEach((p, i) => { if (p.is & p.ie) is |= 1 << i; });
    this.is = is >>> 0;
    const level = this.is !== 0 && (this.ghc & GHC_IE) !== 0;
    if (level !== this.level) {
      this.level = level;
      this.lines.intx(level);
    }
  }

  private read32(offset: number): number {
    if (offset < AHCI_PORT_BASE) {
      switch (offset) {
        case AHCI_CAP: return this.cap;
        case AHCI_GHC: return this.ghc >>> 0;
        case AHCI_IS: return this.is;
        case AHCI_PI: return (1 << ICH9_AHCI_PORTS) - 1;
        case AHCI_VS: return VERSION_1_0;
        default: return 0;
      }
    }
    const port = this.ports[Math.floor((offset - AHCI_PORT_BASE) / AHCI_PORT_SIZE)];
    return port ? port.read((offset - AHCI_PORT_BASE) % AHCI_PORT_SIZE) : 0;
  }

  private write32(offset: number, value: number): void {
    if (offset < AHCI_PORT_BASE) {
      if (offset === AHCI_GHC) {
        if (value & GHC_HR) this.reset();
        else {
          this.ghc = ((value & (GHC_HR | GHC_IE)) | GHC_AE) >>> 0;
          this.updateIrq();
        }
      } else if (offset === AHCI_IS) {
        // Write-1-to-clear, then recomputed from the ports: a port still pending stays set.
        this.updateIrq();
      }
      return;
    }
    const port = this.ports[Math.floor((offset - AHCI_PORT_BASE) / AHCI_PORT_SIZE)];
    port?.write((offset - AHCI_PORT_BASE) % AHCI_PORT_SIZE, value);
  }

  /** The ABAR (BAR5): 4 KiB of registers. */
  readonly abar: IoHandler = {
    read: (offset, size) => this.readSized(offset, size),
    write: (offset, size, value) => {
      if (offset & 3) return;
      if (size === 8) {
        this.write32(offset, value % 2 ** 32);
        this.write32(offset + 4, Math.floor(value / 2 ** 32));
      } else this.write32(offset, value);
    },
  };

  private readSized(offset: number, size: AccessSize): number {
    const aligned = offset & ~3;
    const shift = (offset - aligned) * 8;
    const lo = this.read32(aligned);
    if (size === 8 || (offset - aligned) + size > 4) {
      const hi = this.read32(aligned + 4);
      const v = BigInt(hi) << 32n | BigInt(lo);
      const mask = size === 8 ? (1n << 64n) - 1n : (1n << BigInt(size * 8)) - 1n;
      return Number((v >> BigInt(shift)) & mask);
    }
    const v = lo >>> shift;
    return size === 4 ? v >>> 0 : v & ((1 << (size * 8)) - 1);
  }

  /** BAR4: the index/data pair reaching the ABAR registers through I/O ports. */
  readonly idp: IoHandler = {
    read: (offset, size) => {
      if (offset === IDP_INDEX) return this.idpIndex;
      if (offset === IDP_DATA) return this.readSized(this.idpIndex, size);
      return 0;
    },
    write: (offset, size, value) => {
      if (offset === IDP_INDEX) this.idpIndex = value & IDP_INDEX_MASK;
      else if (offset === IDP_DATA) this.abar.write(this.idpIndex, size, value);
    },
  };
}
