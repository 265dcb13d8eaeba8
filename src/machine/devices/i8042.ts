import type { IoHandler } from '../bus/io-handler.js';
import { Ps2Keyboard } from './ps2-keyboard.js';
import { logger } from '../../lib/log.js';
import type { PartState, Snapshottable } from '../snapshot/part-state.js';
import { SnapshotMismatch, arr, jsonObject, loadFields, saveFields } from '../snapshot/part-state.js';

const log = logger('i8042');

/** Status register bits (port 0x64 read). */
const STAT_OBF = 0x01;
const STAT_SELFTEST = 0x04;
const STAT_CMD = 0x08;
const STAT_UNLOCKED = 0x10;
const STAT_AUX_OBF = 0x20;
/** Command byte ("mode") bits. */
const MODE_KBD_INT = 0x01;
const MODE_MOUSE_INT = 0x02;
const MODE_DISABLE_KBD = 0x10;
const MODE_DISABLE_MOUSE = 0x20;
/** Output port: bit 0 = CPU reset (active low), bit 1 = A20; bits 2, 3, 6, 7 read as one in QEMU. */
const OUT_RESET = 0x01;
const OUT_A20 = 0x02;
const OUT_ONES = 0xcc;
/** Controller commands whose next data byte is an argument. */
const CMD_WRITE_MODE = 0x60;
const CMD_WRITE_OUTPORT = 0xd1;
const CMD_WRITE_OBUF = 0xd2;
const CMD_WRITE_AUX_OBUF = 0xd3;
const CMD_WRITE_MOUSE = 0xd4;
const CMD_RESET = 0xfe;

export interface I8042Lines {
  /** IRQ 1 (keyboard) and IRQ 12 (mouse). */
  kbdIrq(level: boolean): void;
  mouseIrq(level: boolean): void;
  /** Output port bit 1 (and commands 0xDD/0xDF). */
  setA20(enabled: boolean): void;
  /** Output port bit 0 low, or command 0xFE: a system reset (does not return). */
  requestReset(reason: string): void;
}

/** A byte waiting in the output buffer and who put it there (aux = the mouse side). */
interface Pending { readonly value: number; readonly aux: boolean }

/**
 * The 8042 keyboard controller at 0x60 (data) / 0x64 (status, command), as QEMU's pckbd:
 * controller commands, the output port with A20 and reset, and a PS/2 keyboard behind it
 * that takes scripted input (`keyboard.type`).
 */
const I8042_FIELDS = ['status', 'mode', 'outport', 'writeCmd', 'obdata', 'obAux'];

export class I8042 implements IoHandler, Snapshottable {
  readonly sizes = 1;
  readonly keyboard: Ps2Keyboard;
  private status = STAT_CMD | STAT_UNLOCKED;
  private mode = MODE_KBD_INT | MODE_MOUSE_INT;
  private outport = OUT_RESET | OUT_A20 | OUT_ONES;
  private writeCmd = 0;
  private obdata = 0;
  private obAux = false;
  private readonly controllerQueue: Pending[] = [];

  constructor(private readonly lines: I8042Lines) {
    this.keyboard = new Ps2Keyboard(() => this.fill());
  }

  read(offset: number): number {
    if (offset === 4) return this.status;
    if (offset !== 0) return 0xff;
    const v = this.obdata;
    if (this.status & STAT_OBF) {
      this.status &= ~(STAT_OBF | STAT_AUX_OBF);
      this.updateIrq();
      this.fill();
    }
    return v;
  }

  write(offset: number, _size: number, value: number): void {
    const v = value & 0xff;
    if (offset === 4) this.command(v);
    else if (offset === 0) this.data(v);
  }

  private queue(value: number, aux = false): void {
    this.controllerQueue.push({ value, aux });
    this.fill();
  }

  /** Move the next byte (controller responses first, then the keyboard's) into the output buffer. */
  private fill(): void {
    if (this.status & STAT_OBF) return;
    let next = this.controllerQueue.shift();
    if (!next && (this.mode & MODE_DISABLE_KBD) === 0) {
      const b = this.keyboard.take();
      if (b !== undefined) next = { value: b, aux: false };
    }
    if (!next) return;
    this.obdata = next.value;
    this.obAux = next.aux;
    this.status |= STAT_OBF | (next.aux ? STAT_AUX_OBF : 0);
    this.updateIrq();
  }

  private updateIrq(): void {
    const full = (this.status & STAT_OBF) !== 0;
    this.lines.kbdIrq(full && !this.obAux && (this.mode & MODE_KBD_INT) !== 0);
    this.lines.mouseIrq(full && this.obAux && (this.mode & MODE_MOUSE_INT) !== 0);
  }

  private command(cmd: number): void {
    // 0xF0-0xFF pulse output-port bits 3:0 low: only bit 0 (reset) does anything.
    if ((cmd & 0xf0) === 0xf0) cmd = (cmd & 1) === 0 ? CMD_RESET : 0xff;
    switch (cmd) {
      case 0x20: this.queue(this.mode); break;
      case CMD_WRITE_MODE: case CMD_WRITE_OUTPORT: case CMD_WRITE_OBUF: case CMD_WRITE_AUX_OBUF: case CMD_WRITE_MOUSE:
        this.writeCmd = cmd;
        break;
      case 0xa7: this.mode |= MODE_DISABLE_MOUSE; break;
      case 0xa8: this.mode &= ~MODE_DISABLE_MOUSE; break;
      case 0xa9: this.queue(0x00); break;
      case 0xaa: this.status |= STAT_SELFTEST; this.queue(0x55); break;
      case 0xab: this.queue(0x00); break;
      case 0xad: this.mode |= MODE_DISABLE_KBD; this.updateIrq(); break;
      case 0xae: this.mode &= ~MODE_DISABLE_KBD; this.updateIrq(); this.fill(); break;
      case 0xc0: this.queue(0x80); break;
      case 0xd0: this.queue(this.outport); break;
      case 0xdd: this.outport &= ~OUT_A20; this.lines.setA20(false); break;
      case 0xdf: this.outport |= OUT_A20; this.lines.setA20(true); break;
      case CMD_RESET: this.lines.requestReset('keyboard controller reset (0xFE)'); break;
      case 0xff: break;
      default: log('unsupported command 0x%s', cmd.toString(16)); break;
    }
  }

  private data(v: number): void {
    const cmd = this.writeCmd;
    this.writeCmd = 0;
    switch (cmd) {
      case 0:
        this.keyboard.write(v);
        // Sending to the keyboard re-enables its interface (QEMU's kbd_write_data).
        this.mode &= ~MODE_DISABLE_KBD;
        this.updateIrq();
        this.fill();
        break;
      case CMD_WRITE_MODE: this.mode = v; this.keyboard.translate = (v & 0x40) !== 0; this.updateIrq(); break;
      case CMD_WRITE_OBUF: this.queue(v); break;
      case CMD_WRITE_AUX_OBUF: this.queue(v, true); break;
      case CMD_WRITE_OUTPORT:
        this.outport = v;
        this.lines.setA20((v & OUT_A20) !== 0);
        if ((v & OUT_RESET) === 0) this.lines.requestReset('keyboard controller output port reset');
        break;
      default: break; // CMD_WRITE_MOUSE: no mouse behind the controller
    }
  }

  reset(): void {
    this.mode = MODE_KBD_INT | MODE_MOUSE_INT;
    this.status = STAT_CMD | STAT_UNLOCKED;
    this.outport = OUT_RESET | OUT_A20 | OUT_ONES;
    this.writeCmd = 0;
    this.controllerQueue.length = 0;
    this.keyboard.reset();
    this.updateIrq();
  }

  /** Controller registers, its queued bytes and the keyboard's (decision 0048); A20 is the board's. */
  saveState(): PartState {
    return { json: { ...saveFields(this, I8042_FIELDS), queue: this.controllerQueue.map((q) => [q.value, q.aux ? 1 : 0]), keyboard: this.keyboard.saveState() } };
  }

  loadState(state: PartState): void {
    const o = jsonObject(state, 'i8042');
    loadFields(this, o, I8042_FIELDS);
    this.controllerQueue.length = 0;
    for (const q of arr(o, 'queue')) {
      if (!Array.isArray(q) || typeof q[0] !== 'number') throw new SnapshotMismatch('i8042: bad queue entry');
      this.controllerQueue.push({ value: q[0], aux: q[1] === 1 });
    }
    const k = o.keyboard;
    if (k === null || k === undefined || typeof k !== 'object' || Array.isArray(k)) throw new SnapshotMismatch('i8042: no keyboard state');
    this.keyboard.loadState(k);
  }
}

/**
 * Port 0x92, System Control Port A: bit 1 drives A20, a 0→1 write of bit 0 resets the
 * system; reads return the last write (QEMU's port92).
 */
export class Port92 implements IoHandler, Snapshottable {
  readonly sizes = 1;
  private outport = 0;

  constructor(private readonly setA20: (enabled: boolean) => void, private readonly requestReset: (reason: string) => void) {}

  read(): number {
    return this.outport;
  }

  write(_offset: number, _size: number, value: number): void {
    const old = this.outport;
    this.outport = value & 0xff;
    this.setA20((value & 2) !== 0);
    if ((value & 1) !== 0 && (old & 1) === 0) this.requestReset('fast reset (port 0x92)');
  }

  reset(): void {
    this.outport &= ~1;
  }

  saveState(): PartState {
    return { json: saveFields(this, ['outport']) };
  }

  loadState(state: PartState): void {
    loadFields(this, jsonObject(state, 'port92'), ['outport']);
  }
}
