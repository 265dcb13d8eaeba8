import type { IoHandler } from '../bus/io-handler.js';
import type { InterruptLines } from '../cpu/interrupt-lines.js';
import type { PartState, Snapshottable } from '../snapshot/part-state.js';
import { bool, jsonObject, num } from '../snapshot/part-state.js';

/** 16550A register offsets (DLAB=0 unless noted). */
const UART_RBR_THR = 0;
const UART_IER = 1;
const UART_IIR_FCR = 2;
const UART_LCR = 3;
const UART_MCR = 4;
const UART_LSR = 5;
const UART_MSR = 6;
const UART_SCR = 7;
const UART_LCR_DLAB = 0x80;
const UART_LSR_DR = 0x01;
const UART_LSR_THRE = 0x20;
const UART_LSR_TEMT = 0x40;
const UART_IER_RDI = 0x01;
const UART_IER_THRI = 0x02;
const UART_IIR_NO_INT = 0x01;
const UART_IIR_THRI = 0x02;
const UART_IIR_RDI = 0x04;
const UART_FCR_CLEAR_RCVR = 0x02;
/** The 16550A's receive FIFO depth. */
const UART_RX_FIFO = 16;
const UART_MSR_DCD_DSR_CTS = 0xb0;

export interface SerialSink {
  write(byte: number): void;
}

/**
 * A 16550A UART (COM1 at 0x3F8, IRQ 4 on a PC). Output goes to the `-serial` backend; input
 * arrives through `receive` (received-data interrupt, LSR.DR). Transmission is instant, so
 * THRE is always set. IIR reports received data before THR empty (16550A priority order).
 */
export class Serial16550 implements IoHandler, Snapshottable {
  readonly sizes = 1;
  private ier = 0;
  private lcr = 0;
  private mcr = 0;
  private scr = 0;
  private dll = 0x0c;
  private dlm = 0;
  private thrInterrupt = false;
  private readonly rx: number[] = [];

  constructor(private readonly sink: SerialSink, private readonly lines: InterruptLines, private readonly irq: number) {}

  read(offset: number): number {
    const dlab = (this.lcr & UART_LCR_DLAB) !== 0;
    switch (offset) {
      case UART_RBR_THR: {
        if (dlab) return this.dll;
        const b = this.rx.shift() ?? 0;
        this.update();
        return b;
      }
      case UART_IER: return dlab ? this.dlm : this.ier;
      case UART_IIR_FCR: {
        if (this.rx.length > 0 && (this.ier & UART_IER_RDI) !== 0) return 0xc0 | UART_IIR_RDI;
        const pending = this.thrInterrupt && (this.ier & UART_IER_THRI) !== 0;
        if (pending) this.thrInterrupt = false;
        this.update();
        return 0xc0 | (pending ? UART_IIR_THRI : UART_IIR_NO_INT);
      }
      case UART_LCR: return this.lcr;
      case UART_MCR: return this.mcr;
      case UART_LSR: return UART_LSR_THRE | UART_LSR_TEMT | (this.rx.length > 0 ? UART_LSR_DR : 0);
      case UART_MSR: return UART_MSR_DCD_DSR_CTS;
      case UART_SCR: return this.scr;
      default: return 0xff;
    }
  }

  write(offset: number, _size: number, value: number): void {
    const dlab = (this.lcr & UART_LCR_DLAB) !== 0;
    switch (offset) {
      case UART_RBR_THR:
        if (dlab) this.dll = value;
        else {
          this.sink.write(value);
          this.thrInterrupt = true;
        }
        break;
      case UART_IER:
        if (dlab) this.dlm = value;
        else {
          this.ier = value & 0x0f;
          this.thrInterrupt = (this.ier & UART_IER_THRI) !== 0;
        }
        break;
      case UART_IIR_FCR: if (value & UART_FCR_CLEAR_RCVR) this.rx.length = 0; break;
      case UART_LCR: this.lcr = value; break;
      case UART_MCR: this.mcr = value & 0x1f; break;
      case UART_SCR: this.scr = value; break;
      default: break;
    }
    this.update();
  }

  /** Bytes from the backend (stdin, a test): kept up to the FIFO depth, the rest dropped as an overrun. */
  receive(bytes: Iterable<number>): void {
    for (const b of bytes) if (this.rx.length < UART_RX_FIFO) this.rx.push(b & 0xff);
    this.update();
  }

  saveState(): PartState {
    const { ier, lcr, mcr, scr, dll, dlm, thrInterrupt } = this;
    return { json: { ier, lcr, mcr, scr, dll, dlm, thrInterrupt, rx: [...this.rx] } };
  }

  loadState(state: PartState): void {
    const o = jsonObject(state, 'serial');
    this.ier = num(o, 'ier');
    this.lcr = num(o, 'lcr');
    this.mcr = num(o, 'mcr');
    this.scr = num(o, 'scr');
    this.dll = num(o, 'dll');
    this.dlm = num(o, 'dlm');
    this.thrInterrupt = bool(o, 'thrInterrupt');
    this.rx.length = 0;
    if (Array.isArray(o.rx)) for (const b of o.rx) if (typeof b === 'number') this.rx.push(b);
    this.update();
  }

  private update(): void {
    // OUT2 gates the interrupt onto the ISA line on PC hardware.
    const out2 = (this.mcr & 0x08) !== 0;
    const rdi = this.rx.length > 0 && (this.ier & UART_IER_RDI) !== 0;
    const thri = this.thrInterrupt && (this.ier & UART_IER_THRI) !== 0;
    this.lines.set(this.irq, out2 && (rdi || thri));
  }

  reset(): void {
    this.ier = 0;
    this.lcr = 0;
    this.mcr = 0;
    this.scr = 0;
    this.thrInterrupt = false;
    this.rx.length = 0;
    this.lines.set(this.irq, false);
  }
}
