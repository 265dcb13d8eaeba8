import type { IoHandler } from '../bus/io-handler.js';
import type { InterruptLines } from '../cpu/interrupt-lines.js';
import type { PartState, Snapshottable } from '../snapshot/part-state.js';
import { bool, jsonObject, num } from '../snapshot/part-state.js';

/** Standard parallel port registers (SPP): data, status, control. */
const REG_DATA = 0;
const REG_STATUS = 1;
const REG_CONTROL = 2;

const STS_BUSY = 0x80; // inverted: 1 = not busy
const STS_ACK = 0x40;
const STS_ONLINE = 0x10;
const STS_ERROR = 0x08; // inverted: 1 = no error
const STS_TIMEOUT = 0x01;

const CTR_DIR = 0x20; // 1 = the data port reads the input latch
const CTR_INTEN = 0x10;
const CTR_SELECT = 0x08;
const CTR_INIT = 0x04; // inverted: 0 = initialise the printer
const CTR_STROBE = 0x01;

/** Where bytes the guest strobes out go (QEMU's chardev behind the port). */
export interface ParallelSink {
  write(byte: number): void;
}

/**
 * An ISA parallel port as QEMU 7.2's isa-parallel emulates it without host passthrough (its
 * "sw" register set): the data latch reads back what was written unless the direction bit selects
 * the (always 0xFF) input latch, the control register reads with bits 7-6 set, a strobe sends the
 * data byte to the sink, and reading the status register toggles ACK/BUSY as a printer that takes
 * every byte would. Offsets 3-7 read as 0xFF and ignore writes. Firmware finds the port by writing
 * 0xAA to the data latch and reading it back (SeaBIOS's detect_parport).
 */
export class ParallelPort implements IoHandler, Snapshottable {
  readonly sizes = 1;
  private dataw = 0xff;
  private datar = 0xff;
  private status = 0;
  private control = 0;
  private irqPending = false;

  constructor(private readonly sink: ParallelSink, private readonly lines: InterruptLines, private readonly irq: number) {
    this.reset();
  }

  reset(): void {
    this.dataw = this.datar = 0xff;
    this.status = STS_BUSY | STS_ACK | STS_ONLINE | STS_ERROR | STS_TIMEOUT;
    this.control = CTR_SELECT | CTR_INIT | 0xc0;
    this.irqPending = false;
    this.update();
  }

  read(offset: number): number {
    switch (offset) {
      case REG_DATA: return this.control & CTR_DIR ? this.datar : this.dataw;
      case REG_STATUS: {
        const v = this.status;
        this.irqPending = false;
        if ((this.status & STS_BUSY) === 0 && (this.control & CTR_STROBE) === 0) {
          if (this.status & STS_ACK) this.status &= ~STS_ACK;
          else this.status |= STS_ACK | STS_BUSY;
        }
        this.update();
        return v;
      }
      case REG_CONTROL: return this.control;
      default: return 0xff;
    }
  }

  write(offset: number, _size: number, value: number): void {
    const v = value & 0xff;
    if (offset === REG_DATA) {
      this.dataw = v;
      this.update();
    } else if (offset === REG_CONTROL) {
      const c = v | 0xc0;
      if ((c & CTR_INIT) === 0) {
        this.status = STS_BUSY | STS_ACK | STS_ONLINE | STS_ERROR;
      } else if (c & CTR_SELECT) {
        if (c & CTR_STROBE) {
          this.status &= ~STS_BUSY;
          if ((this.control & CTR_STROBE) === 0) this.sink.write(this.dataw);
        } else if (this.control & CTR_INTEN) {
          this.irqPending = true;
        }
      }
      this.update();
      this.control = c;
    }
  }

  private update(): void {
    this.lines.set(this.irq, this.irqPending);
  }

  saveState(): PartState {
    const { dataw, datar, status, control, irqPending } = this;
    return { json: { dataw, datar, status, control, irqPending } };
  }

  loadState(state: PartState): void {
    const o = jsonObject(state, 'parallel');
    this.dataw = num(o, 'dataw');
    this.datar = num(o, 'datar');
    this.status = num(o, 'status');
    this.control = num(o, 'control');
    this.irqPending = bool(o, 'irqPending');
    this.update();
  }
}
