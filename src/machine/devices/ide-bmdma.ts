import type { AccessSize, IoHandler } from '../bus/io-handler.js';
import type { JsonValue } from '../snapshot/part-state.js';
import { SnapshotRefused, loadFields, saveFields } from '../snapshot/part-state.js';
import { allOnes } from '../bus/io-handler.js';

/** Bus master IDE command and status bits (SFF-8038i §3.1, §3.2). */
const BM_CMD_START = 0x01;
/** The direction bit is kept for reads only: QEMU moves data the way the drive's command says. */
const BM_CMD_TO_MEMORY = 0x08;
export const BM_STATUS_ACTIVE = 0x01;
const BM_STATUS_ERROR = 0x02;
const BM_STATUS_INT = 0x04;
/** The drive 0/1 DMA-capable bits: plain read/write storage. */
const BM_STATUS_CAPABLE = 0x60;
/** A PRD: 32-bit address, byte count in bits 15:1 (0 = 64 KiB), end of table in bit 31. */
const PRD_SIZE = 8;
const PRD_COUNT_MASK = 0xfffe;
const PRD_EOT = 0x80000000;
/** QEMU walks at most one page of PRD table per transfer (its "fail safe" in bmdma_prepare_buf). */
const PRD_TABLE_LIMIT = 4096;
/** Each channel's 8 bytes in BAR4: command, status, PRD table pointer at 4. */
export const BM_CHANNEL_SPAN = 8;
const BM_PRD_POINTER = 4;

/** Guest memory as the PIIX function masters it: with bus mastering off, reads see 0 and writes vanish (QEMU 7.2). */
export interface BusMasterMemory {
  read(addr: number, length: number): Uint8Array;
  write(addr: number, data: Uint8Array): void;
}

/** A piece of guest memory a PRD describes. */
export interface DmaPiece {
  readonly addr: number;
  readonly length: number;
}

/**
 * One channel's bus master (QEMU 7.2's BMDMAState, hw/ide/pci.c): the command, status and PRD
 * pointer registers, and the PRD table walk the channel's DMA commands use. The device side calls
 * `begin` when a DMA command is ready; the transfer runs when both that and START are there.
 */
const BM_FIELDS = ['cmd', 'status', 'table', 'cursor', 'prdAddr', 'prdLen', 'prdLast'];

export class BusMasterChannel {
  private cmd = 0;
  private status = 0;
  private table = 0;
  private cursor = 0;
  private prdAddr = 0;
  private prdLen = 0;
  private prdLast = false;
  private pending: (() => void) | undefined;

  constructor(private readonly memory: () => BusMasterMemory) {}

  saveState(name: string): Record<string, JsonValue> {
    if (this.pending) throw new SnapshotRefused(`${name}: a DMA command waits for the bus master`);
    return saveFields(this, BM_FIELDS);
  }

  loadState(o: Record<string, JsonValue>): void {
    loadFields(this, o, BM_FIELDS);
    this.pending = undefined;
  }

  reset(): void {
    this.cmd = this.status = this.table = this.cursor = 0;
    this.prdAddr = this.prdLen = 0;
    this.prdLast = false;
    this.pending = undefined;
  }

  /** Every interrupt the channel raises sets the interrupt bit (QEMU's bmdma_irq). */
  interrupted(): void {
    this.status |= BM_STATUS_INT;
  }

  /** A DMA command wants its data: `run` goes now if the bus master is active, else at START (bmdma_start_dma). */
  begin(run: () => void): void {
    this.pending = run;
    this.prdLast = false;
    this.prdAddr = this.prdLen = 0;
    if (this.status & BM_STATUS_ACTIVE) run();
  }

  /** The command is over: ACTIVE stays set only when the PRD table described more than it moved. */
  end(stayActive: boolean): void {
    this.pending = undefined;
    if (stayActive) this.status |= BM_STATUS_ACTIVE;
    else this.status &= ~BM_STATUS_ACTIVE;
  }

  private nextPrd(): boolean {
    if (this.prdLast || this.cursor - this.table >= PRD_TABLE_LIMIT) return false;
    const e = new DataView(this.memory().read(this.cursor, PRD_SIZE).buffer);
    this.cursor += PRD_SIZE;
    const size = e.getUint32(4, true);
    this.prdAddr = e.getUint32(0, true);
    this.prdLen = size & PRD_COUNT_MASK || 0x10000;
    this.prdLast = (size & PRD_EOT) !== 0;
    return true;
  }

  /**
   * The whole rest of the PRD table (QEMU's bmdma_prepare_buf): the pieces covering at most `limit`
   * bytes, and how many bytes the table described in all.
   */
  collect(limit: number): { pieces: DmaPiece[]; described: number } {
    const pieces: DmaPiece[] = [];
    let taken = 0;
    let described = 0;
    while (this.prdLen > 0 || this.nextPrd()) {
      const n = Math.min(limit - taken, this.prdLen);
      if (n > 0) pieces.push({ addr: this.prdAddr, length: n });
      taken += n;
      described += this.prdLen;
      this.prdAddr += this.prdLen;
      this.prdLen = 0;
    }
    return { pieces, described };
  }

  readPieces(pieces: readonly DmaPiece[]): Uint8Array {
    const out = new Uint8Array(pieces.reduce((s, p) => s + p.length, 0));
    let at = 0;
    for (const p of pieces) { out.set(this.memory().read(p.addr, p.length), at); at += p.length; }
    return out;
  }

  writePieces(pieces: readonly DmaPiece[], data: Uint8Array): void {
    let at = 0;
    for (const p of pieces) { this.memory().write(p.addr, data.subarray(at, at + p.length)); at += p.length; }
  }

  /** `data` into guest memory PRD by PRD (QEMU's bmdma_rw_buf); false when the table ran out first. */
  stream(data: Uint8Array): boolean {
    let at = 0;
    while (at < data.length) {
      if (this.prdLen === 0 && !this.nextPrd()) return false;
      const n = Math.min(data.length - at, this.prdLen);
      this.memory().write(this.prdAddr, data.subarray(at, at + n));
      this.prdAddr += n;
      this.prdLen -= n;
      at += n;
    }
    return true;
  }

  private writeCommand(value: number): void {
    if ((value ^ this.cmd) & BM_CMD_START) {
      if (!(value & BM_CMD_START)) {
        this.status &= ~BM_STATUS_ACTIVE;
      } else {
        this.cursor = this.table;
        if (!(this.status & BM_STATUS_ACTIVE)) {
          this.status |= BM_STATUS_ACTIVE;
          this.cmd = value & (BM_CMD_START | BM_CMD_TO_MEMORY);
          this.pending?.();
          return;
        }
      }
    }
    this.cmd = value & (BM_CMD_START | BM_CMD_TO_MEMORY);
  }

  /** Offsets 0-7 of this channel's part of BAR4. */
  read(offset: number, size: AccessSize): number {
    if (offset >= BM_PRD_POINTER) {
      const shift = (offset - BM_PRD_POINTER) * 8;
      return Number((BigInt(this.table) >> BigInt(shift)) & BigInt(allOnes(size)));
    }
    if (size !== 1) return allOnes(size);
    if (offset === 0) return this.cmd;
    if (offset === 2) return this.status;
    return 0xff;
  }

  write(offset: number, size: AccessSize, value: number): void {
    if (offset >= BM_PRD_POINTER) {
      const shift = BigInt((offset - BM_PRD_POINTER) * 8);
      const mask = BigInt(allOnes(size)) << shift;
      const merged = (BigInt(this.table) & ~mask) | ((BigInt(value >>> 0) << shift) & mask);
      this.table = Number(merged & 0xfffffffcn);
      return;
    }
    if (size !== 1) return;
    // The ordering of the command write against a running transfer does not arise: transfers finish at once.
    if (offset === 0) this.writeCommand(value & 0xff);
    else if (offset === 2) {
      this.status = (value & BM_STATUS_CAPABLE) | (this.status & BM_STATUS_ACTIVE) | (this.status & ~value & (BM_STATUS_ERROR | BM_STATUS_INT));
    }
  }
}

/** The PIIX IDE function's BAR4 and the bus master enable it answers to (its PCI command register). */
export interface PiixBusMaster {
  readonly bar: IoHandler;
  connect(enabled: () => boolean): void;
}

/** BAR4 of the PIIX IDE function: 16 bytes, the primary channel's bus master at 0, the secondary's at 8. */
export function busMasterBar(channels: readonly BusMasterChannel[]): IoHandler {
  return {
    sizes: 1 | 2 | 4,
    read: (offset, size) => {
      const ch = channels[Math.floor(offset / BM_CHANNEL_SPAN)];
      return ch ? ch.read(offset % BM_CHANNEL_SPAN, size) : allOnes(size);
    },
    write: (offset, size, value) => channels[Math.floor(offset / BM_CHANNEL_SPAN)]?.write(offset % BM_CHANNEL_SPAN, size, value),
  };
}
