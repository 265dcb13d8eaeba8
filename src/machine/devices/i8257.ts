/**
 * The PC's two cascaded 8237A ISA DMA controllers (QEMU 7.2's i8257): channels 0-3 at ports
 * 0x00-0x0F with 8-bit transfers, channels 4-7 at 0xC0-0xDF (registers on even ports, word
 * counts), the page registers at 0x81-0x8F. A device holds DREQ on its channel; while the
 * channel is unmasked the controller calls the device's transfer handler with the position
 * reached and the programmed length, and the device moves the bytes through `readMemory` /
 * `writeMemory` — synchronously, as QEMU's i8257_dma_run does when DREQ is raised.
 */
import type { IoHandler } from '../bus/io-handler.js';
import type { PhysicalMemory } from '../bus/physical-memory.js';
import type { PartState } from '../snapshot/part-state.js';
import { jsonObject } from '../snapshot/part-state.js';
import { DMA_MODE_DECREMENT } from '../../spec/fdc.js';

/** A device's DMA handler: move up to `length` bytes from `position`; returns the new position. */
export type DmaTransferHandler = (channel: number, position: number, length: number) => number;

const TRANSFER_TYPE = 0x0c;
/** Command register bits QEMU refuses (memory-to-memory, fixed address, compressed timing, rotating priority, extended write, DREQ/DACK sense). */
const CMD_NOT_SUPPORTED = 0x01 | 0x02 | 0x08 | 0x10 | 0x20 | 0x40 | 0x80;
/** Page register offset (port & 7) → channel within the controller (0x87 ch 0, 0x83 ch 1, 0x81 ch 2, 0x82 ch 3). */
const PAGE_CHANNEL = [-1, 2, 3, 1, -1, -1, -1, 0];

interface ChannelRegs {
  baseAddr: number;
  baseCount: number;
  nowAddr: number;
  nowCount: number;
  mode: number;
  page: number;
  handler: DmaTransferHandler | undefined;
}

/** One 8237: `dshift` 0 for channels 0-3, 1 for 4-7 (word registers at every other port). */
class Dma8237 {
  command = 0;
  mask = 0xff;
  status = 0;
  flipFlop = 0;
  running = false;
  readonly regs: ChannelRegs[] = [0, 1, 2, 3].map(() => ({ baseAddr: 0, baseCount: 0, nowAddr: 0, nowCount: 0, mode: 0, page: 0, handler: undefined }));

  constructor(readonly dshift: number, private readonly memory: PhysicalMemory) {}

  private ff(): number {
    const v = this.flipFlop;
    this.flipFlop = v ? 0 : 1;
    return v;
  }

  readonly channelPorts: IoHandler = {
    sizes: 1,
    read: (offset) => {
      const iport = (offset >> this.dshift) & 0x0f;
      const r = this.regs[iport >> 1]!;
      const dir = (r.mode & DMA_MODE_DECREMENT) ? -1 : 1;
      const ff = this.ff();
      const val = iport & 1 ? (r.baseCount << this.dshift) - r.nowCount : r.nowAddr + r.nowCount * dir;
      return (val >> (this.dshift + (ff << 3))) & 0xff;
    },
    write: (offset, _size, value) => {
      const iport = (offset >> this.dshift) & 0x0f;
      const r = this.regs[iport >> 1]!;
      const key = iport & 1 ? 'baseCount' : 'baseAddr';
      if (this.ff()) {
        r[key] = (r[key] & 0xff) | ((value << 8) & 0xff00);
        r.nowAddr = r.baseAddr << this.dshift;
        r.nowCount = 0;
      } else {
        r[key] = (r[key] & 0xff00) | (value & 0xff);
      }
    },
  };

  readonly controlPorts: IoHandler = {
    sizes: 1,
    read: (offset) => {
      const iport = (offset >> this.dshift) & 0x0f;
      if (iport === 0) {
        const v = this.status;
        this.status &= 0xf0;
        return v;
      }
      // QEMU's i8257 answers the mask at the request register's port and 0 elsewhere.
      return iport === 1 ? this.mask : 0;
    },
    write: (offset, _size, value) => {
      const iport = (offset >> this.dshift) & 0x0f;
      switch (iport) {
        case 0:
          if (value !== 0 && (value & CMD_NOT_SUPPORTED)) return;
          this.command = value;
          return;
        case 1: {
          const ch = value & 3;
          if (value & 4) this.status |= 1 << (ch + 4);
          else this.status &= ~(1 << (ch + 4));
          this.status &= ~(1 << ch);
          this.run();
          return;
        }
        case 2:
          if (value & 4) this.mask |= 1 << (value & 3);
          else this.mask &= ~(1 << (value & 3));
          this.mask &= 0xff;
          this.run();
          return;
        case 3:
          this.regs[value & 3]!.mode = value;
          return;
        case 4:
          this.flipFlop = 0;
          return;
        case 5:
          this.reset();
          return;
        case 6:
          this.mask = 0;
          this.run();
          return;
        case 7:
          this.mask = value & 0xff;
          this.run();
          return;
        default:
      }
    },
  };

  readonly pagePorts: IoHandler = {
    sizes: 1,
    read: (offset) => {
      const ch = PAGE_CHANNEL[offset & 7]!;
      return ch < 0 ? 0 : this.regs[ch]!.page;
    },
    write: (offset, _size, value) => {
      const ch = PAGE_CHANNEL[offset & 7]!;
      if (ch >= 0) this.regs[ch]!.page = value & 0xff;
    },
  };

  reset(): void {
    this.flipFlop = 0;
    this.mask = 0xff;
    this.status = 0;
    this.command = 0;
  }

  /** Run every unmasked channel whose DREQ is held (i8257_dma_run). */
  run(): void {
    if (this.running) return;
    this.running = true;
    for (let ch = 0; ch < 4; ch++) {
      const bit = 1 << ch;
      if ((this.mask & bit) === 0 && (this.status & (bit << 4)) !== 0) this.runChannel(ch);
    }
    this.running = false;
  }

  private runChannel(ch: number): void {
    const r = this.regs[ch]!;
    const total = (r.baseCount + 1) << this.dshift;
    // An unregistered channel's handler keeps the position (QEMU's phony handler).
    const n = r.handler ? r.handler(ch + (this.dshift << 2), r.nowCount, total) : r.nowCount;
    r.nowCount = n;
    if (n === total) this.status |= 1 << ch;
  }

  private address(r: ChannelRegs): number {
    return (r.page << 16) | r.nowAddr;
  }

  private isVerify(r: ChannelRegs): boolean {
    return (r.mode & TRANSFER_TYPE) === 0;
  }

  readMemory(ch: number, buf: Uint8Array, pos: number): void {
    const r = this.regs[ch]!;
    if (this.isVerify(r)) return;
    const len = buf.length;
    if (r.mode & DMA_MODE_DECREMENT) {
      buf.set(this.memory.readBytes(this.address(r) - pos - len, len));
      // QEMU reverses only the first half in place (i8257_dma_read_memory).
      for (let i = 0; i < len >> 1; i++) buf[i] = buf[len - i - 1]!;
    } else {
      buf.set(this.memory.readBytes(this.address(r) + pos, len));
    }
  }

  writeMemory(ch: number, buf: Uint8Array, pos: number): void {
    const r = this.regs[ch]!;
    if (this.isVerify(r)) return;
    const len = buf.length;
    if (r.mode & DMA_MODE_DECREMENT) this.memory.writeBytes(this.address(r) - pos - len, buf);
    else this.memory.writeBytes(this.address(r) + pos, buf);
  }

  saveState(): Record<string, number | number[]> {
    return {
      command: this.command, mask: this.mask, status: this.status, flipFlop: this.flipFlop,
      regs: this.regs.flatMap((r) => [r.baseAddr, r.baseCount, r.nowAddr, r.nowCount, r.mode, r.page]),
    };
  }

  loadState(s: Record<string, unknown>): void {
    this.command = Number(s.command);
    this.mask = Number(s.mask);
    this.status = Number(s.status);
    this.flipFlop = Number(s.flipFlop);
    const v = (s.regs as number[] | undefined) ?? [];
    this.regs.forEach((r, i) => {
      [r.baseAddr, r.baseCount, r.nowAddr, r.nowCount, r.mode, r.page] = v.slice(i * 6, i * 6 + 6).map(Number) as [number, number, number, number, number, number];
    });
  }
}

/** The ISA DMA of a PC: two 8237s; channel n (0-7) belongs to controller n >> 2. */
export class IsaDma {
  readonly controllers: readonly [Dma8237, Dma8237];

  constructor(memory: PhysicalMemory) {
    this.controllers = [new Dma8237(0, memory), new Dma8237(1, memory)];
  }

  private of(channel: number): [Dma8237, number] {
    return [this.controllers[(channel >> 2) & 1]!, channel & 3];
  }

  registerChannel(channel: number, handler: DmaTransferHandler): void {
    const [d, ch] = this.of(channel);
    d.regs[ch]!.handler = handler;
  }

  holdDreq(channel: number): void {
    const [d, ch] = this.of(channel);
    d.status |= 1 << (ch + 4);
    d.run();
  }

  releaseDreq(channel: number): void {
    const [d, ch] = this.of(channel);
    d.status &= ~(1 << (ch + 4));
    d.run();
  }

  readMemory(channel: number, buf: Uint8Array, pos: number): void {
    const [d, ch] = this.of(channel);
    d.readMemory(ch, buf, pos);
  }

  writeMemory(channel: number, buf: Uint8Array, pos: number): void {
    const [d, ch] = this.of(channel);
    d.writeMemory(ch, buf, pos);
  }

  reset(): void {
    for (const d of this.controllers) d.reset();
  }

  saveState(): PartState {
    return { json: { dma1: this.controllers[0].saveState(), dma2: this.controllers[1].saveState() } };
  }

  loadState(state: PartState): void {
    const o = jsonObject(state, 'isa-dma');
    this.controllers[0].loadState(o.dma1 as Record<string, unknown>);
    this.controllers[1].loadState(o.dma2 as Record<string, unknown>);
  }
}
