import type { IoHandler } from '../bus/io-handler.js';
import type { SavedTimer, Timer, VirtualClock } from '../clock.js';
import type { JsonValue, PartState, Snapshottable } from '../snapshot/part-state.js';
import { SnapshotMismatch, arr, jsonObject, loadFields, saveFields, savedTimerOf, timerOf } from '../snapshot/part-state.js';

/** The 8254's input clock (PC/AT: 14.31818 MHz / 12). */
export const PIT_FREQ = 1_193_182;
const NS_PER_S = 1_000_000_000;
/** Access states of a counter's read/write byte sequence (control word bits 5:4). */
const RW_LSB = 1;
const RW_MSB = 2;
const RW_WORD0 = 3;
const RW_WORD1 = 4;
const CONTROL_PORT = 3;
const READ_BACK = 3;

/** floor(ns · PIT_FREQ / 1e9) without leaving the exact integer range. */
function ticksOf(ns: number): number {
  const s = Math.floor(ns / NS_PER_S);
  return s * PIT_FREQ + Math.floor(((ns - s * NS_PER_S) * PIT_FREQ) / NS_PER_S);
}

/** floor(ticks · 1e9 / PIT_FREQ): the inverse, as QEMU's muldiv64. */
function nsOf(ticks: number): number {
  const s = Math.floor(ticks / PIT_FREQ);
  return s * NS_PER_S + Math.floor(((ticks - s * PIT_FREQ) * NS_PER_S) / PIT_FREQ);
}

const CHANNEL_FIELDS = [
  'count', 'mode', 'bcd', 'gate', 'rwMode', 'loadTime', 'readState', 'writeState', 'writeLatch', 'latchedCount',
  'countLatched', 'status', 'statusLatched', 'nextTransition', 'irqDisabled',
];

/** One counter. Its count and OUT are functions of virtual time since the count was loaded. */
export class PitChannel {
  count = 0x10000;
  mode = 3;
  bcd = 0;
  gate: boolean;
  rwMode = 0;
  private loadTime = 0;
  private readState = 0;
  private writeState = 0;
  private writeLatch = 0;
  private latchedCount = 0;
  private countLatched = 0;
  private status = 0;
  private statusLatched = false;
  private timer: Timer | undefined;
  private nextTransition = -1;
  irqDisabled = false;

  constructor(private readonly clock: VirtualClock, private readonly initialGate: boolean, private readonly irq?: (level: boolean) => void) {
    this.gate = initialGate;
  }

  private elapsedTicks(now: number): number {
    return ticksOf(now - this.loadTime);
  }

  currentCount(now = this.clock.now()): number {
    const d = this.elapsedTicks(now);
    switch (this.mode) {
      case 0: case 1: case 4: case 5: return (this.count - d) & 0xffff;
      case 3: return this.count - ((2 * d) % this.count);
      default: return this.count - (d % this.count);
    }
  }

  out(now = this.clock.now()): boolean {
    const d = this.elapsedTicks(now);
    switch (this.mode) {
      case 1: return d < this.count;
      case 2: return d % this.count === 0 && d !== 0;
      case 3: return d % this.count < ((this.count + 1) >> 1);
      case 4: case 5: return d === this.count;
      default: return d >= this.count;
    }
  }

  /** When OUT next changes (ns), or -1 when it never will. */
  private nextTransitionTime(now: number): number {
    const d = this.elapsedTicks(now);
    const c = this.count;
    let next: number;
    switch (this.mode) {
      case 2: {
        // OUT is high for the one tick at each multiple of the count: it falls a tick after, rises at the next.
        const base = Math.floor(d / c) * c;
        next = d - base === 0 && d !== 0 ? base + 1 : base + c;
        break;
      }
      case 3: {
        const base = Math.floor(d / c) * c;
        const half = (c + 1) >> 1;
        next = d - base < half ? base + half : base + c;
        break;
      }
      case 4: case 5:
        if (d < c) next = c;
        else if (d === c) next = c + 1;
        else return -1;
        break;
      default:
        if (d < c) next = c;
        else return -1;
        break;
    }
    const at = this.loadTime + nsOf(next);
    return at <= now ? now + 1 : at;
  }

  /** Drive the IRQ line from OUT and arm the timer for the next transition (channel 0 only). */
  private updateIrq(now: number): void {
    if (!this.irq || this.irqDisabled) return;
    this.irq(this.out(now));
    if (this.timer) this.clock.cancel(this.timer);
    this.timer = undefined;
    this.nextTransition = this.nextTransitionTime(now);
    if (this.nextTransition >= 0) this.arm();
  }

  private arm(saved?: SavedTimer): void {
    const fire = (): void => {
      this.timer = undefined;
      this.updateIrq(this.nextTransition);
    };
    this.timer = saved ? this.clock.restore(saved, fire) : this.clock.schedule(this.nextTransition, fire);
  }

  /** The counter's registers and its pending OUT transition (decision 0048). */
  saveChannel(): JsonValue {
    return { ...saveFields(this, CHANNEL_FIELDS), timer: timerOf(this.timer) };
  }

  loadChannel(o: Record<string, JsonValue>): void {
    loadFields(this, o, CHANNEL_FIELDS);
    if (this.timer) this.clock.cancel(this.timer);
    this.timer = undefined;
    const t = savedTimerOf(o, 'timer');
    if (t) this.arm(t);
  }

  private load(value: number): void {
    this.count = value === 0 ? 0x10000 : value;
    this.loadTime = this.clock.now();
    this.updateIrq(this.loadTime);
  }

  latchCount(): void {
    if (this.countLatched) return;
    this.latchedCount = this.currentCount();
    this.countLatched = this.rwMode;
  }

  latchStatus(): void {
    if (this.statusLatched) return;
    this.status = (this.out() ? 0x80 : 0) | (this.rwMode << 4) | (this.mode << 1) | this.bcd;
    this.statusLatched = true;
  }

  control(value: number): void {
    const access = (value >> 4) & 3;
    if (access === 0) { this.latchCount(); return; }
    this.rwMode = access;
    this.readState = access;
    this.writeState = access;
    this.mode = (value >> 1) & 7;
    this.bcd = value & 1;
  }

  writeData(v: number): void {
    switch (this.writeState) {
      case RW_MSB: this.load(v << 8); break;
      case RW_WORD0: this.writeLatch = v; this.writeState = RW_WORD1; break;
      case RW_WORD1: this.load(this.writeLatch | (v << 8)); this.writeState = RW_WORD0; break;
      default: this.load(v); break;
    }
  }

  readData(): number {
    if (this.statusLatched) {
      this.statusLatched = false;
      return this.status;
    }
    if (this.countLatched) {
      switch (this.countLatched) {
        case RW_MSB: this.countLatched = 0; return (this.latchedCount >> 8) & 0xff;
        case RW_WORD0: this.countLatched = RW_MSB; return this.latchedCount & 0xff;
        default: this.countLatched = 0; return this.latchedCount & 0xff;
      }
    }
    const count = this.currentCount();
    switch (this.readState) {
      case RW_MSB: return (count >> 8) & 0xff;
      case RW_WORD0: this.readState = RW_WORD1; return count & 0xff;
      case RW_WORD1: this.readState = RW_WORD0; return (count >> 8) & 0xff;
      default: return count & 0xff;
    }
  }

  /** GATE input: modes 1, 2, 3 and 5 restart on a rising edge; QEMU ignores it in modes 0 and 4. */
  setGate(level: boolean): void {
    if (!this.gate && level && this.mode !== 0 && this.mode !== 4) {
      this.loadTime = this.clock.now();
      this.updateIrq(this.loadTime);
    }
    this.gate = level;
  }

  /** HPET legacy replacement takes IRQ0 away from the PIT (and gives it back). */
  setIrqEnabled(enabled: boolean): void {
    this.irqDisabled = !enabled;
    if (enabled) this.updateIrq(this.clock.now());
    else if (this.timer) { this.clock.cancel(this.timer); this.timer = undefined; }
  }

  reset(): void {
    this.mode = 3;
    this.bcd = 0;
    this.rwMode = 0;
    this.readState = 0;
    this.writeState = 0;
    this.countLatched = 0;
    this.statusLatched = false;
    this.gate = this.initialGate;
    this.load(0);
  }
}

/** The 8254 at 0x40-0x43: counter 0 → ISA IRQ 0, counter 2 gated from port 0x61. */
export class Pit8254 implements IoHandler, Snapshottable {
  readonly sizes = 1;
  readonly channels: readonly [PitChannel, PitChannel, PitChannel];

  constructor(clock: VirtualClock, irq0: (level: boolean) => void) {
    this.channels = [new PitChannel(clock, true, irq0), new PitChannel(clock, true), new PitChannel(clock, false)];
  }

  read(offset: number): number {
    if (offset === CONTROL_PORT) return 0;
    return this.channels[offset]?.readData() ?? 0xff;
  }

  write(offset: number, _size: number, value: number): void {
    const v = value & 0xff;
    if (offset !== CONTROL_PORT) { this.channels[offset]?.writeData(v); return; }
    const sel = v >> 6;
    if (sel !== READ_BACK) { this.channels[sel]!.control(v); return; }
    this.channels.forEach((ch, i) => {
      if ((v & (2 << i)) === 0) return;
      if ((v & 0x20) === 0) ch.latchCount();
      if ((v & 0x10) === 0) ch.latchStatus();
    });
  }

  reset(): void {
    for (const ch of this.channels) ch.reset();
  }

  saveState(): PartState {
    return { json: { channels: this.channels.map((c) => c.saveChannel()) } };
  }

  loadState(state: PartState): void {
    const chans = arr(jsonObject(state, 'pit'), 'channels');
    if (chans.length !== 3) throw new SnapshotMismatch('pit: expected 3 channels');
    chans.forEach((c, i) => {
      if (c === null || typeof c !== 'object' || Array.isArray(c)) throw new SnapshotMismatch('pit: bad channel');
      this.channels[i]!.loadChannel(c);
    });
  }
}

/**
 * Port 0x61 (PC speaker / NMI status): bit 0 counter 2's gate, bit 1 speaker data, bit 4 the
 * refresh request toggling on every read, bit 5 counter 2's OUT (QEMU's pcspk).
 */
export class SpeakerPort implements IoHandler, Snapshottable {
  readonly sizes = 1;
  private dataOn = 0;
  private refresh = 0;

  constructor(private readonly channel2: PitChannel) {}

  read(): number {
    this.refresh ^= 0x10;
    return (this.channel2.gate ? 1 : 0) | (this.dataOn << 1) | this.refresh | (this.channel2.out() ? 0x20 : 0);
  }

  write(_offset: number, _size: number, value: number): void {
    this.dataOn = (value >> 1) & 1;
    this.channel2.setGate((value & 1) !== 0);
  }

  reset(): void {
    this.dataOn = 0;
    this.refresh = 0;
  }

  saveState(): PartState {
    return { json: saveFields(this, ['dataOn', 'refresh']) };
  }

  loadState(state: PartState): void {
    loadFields(this, jsonObject(state, 'pcspk'), ['dataOn', 'refresh']);
  }
}
