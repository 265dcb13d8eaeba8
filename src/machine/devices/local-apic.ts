import type { IoHandler } from '../bus/io-handler.js';
import type { SavedTimer, Timer, VirtualClock } from '../clock.js';
import type { PartState, Snapshottable } from '../snapshot/part-state.js';
import { jsonObject, loadFields, saveFields, savedTimerOf, timerOf } from '../snapshot/part-state.js';

/** Register indices (MMIO offset >> 4), Intel SDM Vol. 3A Table 11-1. */
const REG_ID = 0x02;
const REG_VERSION = 0x03;
const REG_TPR = 0x08;
const REG_APR = 0x09;
const REG_PPR = 0x0a;
const REG_EOI = 0x0b;
const REG_LDR = 0x0d;
const REG_DFR = 0x0e;
const REG_SVR = 0x0f;
const REG_ISR = 0x10;
const REG_TMR = 0x18;
const REG_IRR = 0x20;
const REG_ESR = 0x28;
const REG_ICR_LOW = 0x30;
const REG_ICR_HIGH = 0x31;
const REG_LVT_FIRST = 0x32;
const REG_INITIAL_COUNT = 0x38;
const REG_CURRENT_COUNT = 0x39;
const REG_DIVIDE = 0x3e;
/** LVT entries in register order: timer, thermal, perfmon, LINT0, LINT1, error. */
export const LVT_TIMER = 0;
export const LVT_LINT0 = 3;
export const LVT_LINT1 = 4;
const LVT_COUNT = 6;
const LVT_MASKED = 1 << 16;
const LVT_LEVEL = 1 << 15;
const LVT_TIMER_PERIODIC = 1 << 17;
/** Delivery modes (bits 10:8). */
const DM_FIXED = 0;
const DM_LOWEST = 1;
const DM_NMI = 4;
const DM_INIT = 5;
const DM_STARTUP = 6;
const DM_EXTINT = 7;
/** ICR bits: level (14) and trigger mode (15); an INIT with level 0 and trigger 1 is the de-assert. */
const ICR_LEVEL_ASSERT = 1 << 14;
const ICR_TRIGGER_LEVEL = 1 << 15;
/** ICR delivery status (bit 12, read-only): the message is sent at once, so it always reads idle. */
const ICR_DELIVERY_PENDING = 1 << 12;
const SVR_ENABLE = 0x100;
const ESR_ILLEGAL_ADDRESS = 0x80;
/** QEMU's APIC version register: version 0x14, max LVT entry 5. */
const APIC_VERSION = 0x14 | ((LVT_COUNT - 1) << 16);
export const MSR_APIC_BASE_BSP = 1 << 8;
export const MSR_APIC_BASE_ENABLE = 1 << 11;
export const APIC_DEFAULT_BASE = 0xfee00000;

const APIC_FIELDS = [
  'apicBase', 'id', 'tpr', 'svr', 'ldr', 'dfr', 'esr', 'icr', 'lvt', 'initialCount', 'divide', 'nmiPending', 'countShift', 'loadTime',
];

/** A 256-bit register (ISR/TMR/IRR) as eight 32-bit words. */
class VectorSet {
  readonly words = new Uint32Array(8);
  set(v: number): void { this.words[v >> 5]! |= 1 << (v & 31); }
  clear(v: number): void { this.words[v >> 5]! &= ~(1 << (v & 31)); }
  has(v: number): boolean { return (this.words[v >> 5]! & (1 << (v & 31))) !== 0; }
  highest(): number {
    for (let i = 7; i >= 0; i--) {
      const w = this.words[i]!;
      if (w !== 0) return i * 32 + 31 - Math.clz32(w);
    }
    return -1;
  }
  reset(): void { this.words.fill(0); }
}

export interface LocalApicLinks {
  /** The 8259 pair's INT output level (for LINT0 in ExtINT mode). */
  picIntr(): boolean;
  /** EOI of a level-triggered vector: the I/O APIC clears Remote IRR. */
  eoiBroadcast(vector: number): void;
  /** A write to ICR low: the APIC bus delivers it (without one, only this APIC is on the bus). */
  sendIpi?(from: LocalApic, icrLow: number, destination: number): void;
  /** An MSI written to the window: the APIC bus delivers it by its destination. */
  deliverIrq?(dest: number, logical: boolean, mode: number, vector: number, level: boolean): void;
}

/** What an APIC message does to its CPU besides interrupts: INIT and STARTUP (SIPI). */
export interface ApicCpuSignals {
  init(): void;
  startup(vector: number): void;
}

/**
 * One CPU's local APIC (xAPIC, MMIO at 0xFEE00000) as QEMU's TCG model: TPR/PPR, ISR/IRR/TMR,
 * EOI with broadcast to the I/O APIC, the LVT timer on the virtual clock (1 ns per bus clock
 * before the divider), LINT0 in ExtINT mode for the 8259, LINT1 NMI, and IPIs through the ICR
 * that the APIC bus (apic-bus.ts) delivers: fixed, lowest priority, NMI, INIT, STARTUP.
 */
/** The last byte of the register page inside the local APIC's window. */
const LAPIC_REGISTER_PAGE_END = 0xfff;

export class LocalApic implements IoHandler, Snapshottable {
  readonly sizes = 4;
  apicBase = APIC_DEFAULT_BASE | MSR_APIC_BASE_ENABLE | MSR_APIC_BASE_BSP;
  id = 0;
  tpr = 0;
  svr = 0xff;
  ldr = 0;
  dfr = 0xf;
  esr = 0;
  readonly icr = new Uint32Array(2);
  readonly lvt = new Uint32Array(LVT_COUNT);
  readonly isr = new VectorSet();
  readonly tmr = new VectorSet();
  readonly irr = new VectorSet();
  initialCount = 0;
  divide = 0;
  /** An NMI waits for the CPU (LINT1 or an NMI IPI); the core takes it with `takeNmi`. */
  nmiPending = false;
  /** The CPU this APIC belongs to (INIT and STARTUP messages); unset, those are dropped. */
  cpu: ApicCpuSignals | undefined;
  /** The bootstrap processor's APIC (IA32_APIC_BASE.BSP; LINT0 in ExtINT mode after reset). */
  readonly bsp: boolean;
  /** The APIC ID given at power-on (from the -smp topology). */
  readonly initialId: number;
  private countShift = 1;
  private loadTime = 0;
  private timer: Timer | undefined;

  constructor(private readonly clock: VirtualClock, private readonly links: LocalApicLinks, opts: { id?: number; bsp?: boolean } = {}) {
    this.initialId = opts.id ?? 0;
    this.bsp = opts.bsp ?? true;
    this.reset();
  }

  get enabled(): boolean {
    return (this.apicBase & MSR_APIC_BASE_ENABLE) !== 0;
  }

  /** WRMSR IA32_APIC_BASE: a disabled APIC stays disabled until reset (QEMU's apic_set_base). */
  setApicBase(value: number): void {
    this.apicBase = ((value & 0xfffff000) >>> 0) + (this.apicBase & (MSR_APIC_BASE_BSP | MSR_APIC_BASE_ENABLE));
    if ((value & MSR_APIC_BASE_ENABLE) === 0) {
      this.apicBase &= ~MSR_APIC_BASE_ENABLE;
      this.apicBase >>>= 0;
      this.svr &= ~SVR_ENABLE;
    }
  }

  ppr(): number {
    const isrv = Math.max(this.isr.highest(), 0) >> 4;
    return (this.tpr >> 4) >= isrv ? this.tpr : isrv << 4;
  }

  /** The highest IRR vector above the processor priority, 0 for none, -1 when blocked by PPR. */
  private pendingVector(): number {
    const v = this.irr.highest();
    if (v < 0) return 0;
    const ppr = this.ppr();
    if (ppr !== 0 && (v & 0xf0) <= (ppr & 0xf0)) return -1;
    return v;
  }

  /** The 8259's INTR reaches the CPU: LINT0 is an unmasked ExtINT, or the APIC is off (QEMU's apic_accept_pic_intr). */
  acceptsPicIntr(): boolean {
    const lint0 = this.lvt[LVT_LINT0]!;
    return !this.enabled || ((lint0 & LVT_MASKED) === 0 && ((lint0 >> 8) & 7) === DM_EXTINT);
  }

  /** A fixed interrupt is waiting above the processor priority. */
  hasFixedInterrupt(): boolean {
    return (this.svr & SVR_ENABLE) !== 0 && this.pendingVector() > 0;
  }

  /** INTA for a fixed interrupt: IRR → ISR; the spurious vector when PPR now blocks it; -1 for none. */
  acknowledgeFixed(): number {
    if ((this.svr & SVR_ENABLE) === 0) return -1;
    const v = this.pendingVector();
    if (v === 0) return -1;
    if (v < 0) return this.svr & 0xff;
    this.irr.clear(v);
    this.isr.set(v);
    return v;
  }

  takeNmi(): boolean {
    const n = this.nmiPending;
    this.nmiPending = false;
    return n;
  }

  /** Accept a vector (I/O APIC message, LVT, IPI). */
  setIrq(vector: number, level: boolean): void {
    this.irr.set(vector);
    if (level) this.tmr.set(vector);
    else this.tmr.clear(vector);
  }

  /** An interrupt message from the I/O APIC (or an IPI) addressed with `dest`/`destMode`. */
  deliver(dest: number, logical: boolean, mode: number, vector: number, level: boolean): void {
    if (this.accepts(dest, logical)) this.receive(mode, vector, level);
  }

  /** A message this APIC accepted: fixed/lowest-priority vectors, NMI, INIT, STARTUP. */
  receive(mode: number, vector: number, level: boolean): void {
    switch (mode) {
      case DM_FIXED: case DM_LOWEST: this.setIrq(vector, level); break;
      case DM_NMI: this.nmiPending = true; break;
      case DM_INIT: this.cpu?.init(); break;
      case DM_STARTUP: this.cpu?.startup(vector); break;
      default: break; // SMI: no SMM; ExtINT reaches the CPU through acceptsPicIntr
    }
  }

  /** Physical destination (0xFF broadcast) or logical in the flat (DFR 0xF) or cluster (DFR 0) model. */
  accepts(dest: number, logical: boolean): boolean {
    if (!logical) return dest === 0xff || dest === this.id;
    // Flat model (DFR 0xF): any common bit; cluster model: cluster in the high nibble, members in the low.
    if (this.dfr === 0xf) return (dest & this.ldr) !== 0;
    return (dest & 0xf0) === (this.ldr & 0xf0) && (dest & this.ldr & 0x0f) !== 0;
  }

  /** LINT0/LINT1 input levels (LINT0 from the 8259 in virtual-wire mode, LINT1 the NMI line). */
  setLint(lvtIndex: number, level: boolean): void {
    if (level) { this.localDeliver(lvtIndex); return; }
    const lvt = this.lvt[lvtIndex]!;
    if (((lvt >> 8) & 7) === DM_FIXED && (lvt & LVT_LEVEL) !== 0) this.irr.clear(lvt & 0xff);
  }

  private localDeliver(index: number): void {
    const lvt = this.lvt[index]!;
    if (lvt & LVT_MASKED) return;
    switch ((lvt >> 8) & 7) {
      case DM_NMI: this.nmiPending = true; break;
      case DM_FIXED: this.setIrq(lvt & 0xff, (index === LVT_LINT0 || index === LVT_LINT1) && (lvt & LVT_LEVEL) !== 0); break;
      default: break; // SMI/ExtINT: ExtINT is polled from the 8259 (acceptsPicIntr)
    }
  }

  private eoi(): void {
    const v = this.isr.highest();
    if (v < 0) return;
    this.isr.clear(v);
    if (this.tmr.has(v)) this.links.eoiBroadcast(v);
  }

  currentCount(now = this.clock.now()): number {
    if (this.initialCount === 0) return 0;
    const d = Math.floor((now - this.loadTime) / 2 ** this.countShift);
    if (this.lvt[LVT_TIMER]! & LVT_TIMER_PERIODIC) return this.initialCount - (d % (this.initialCount + 1));
    return d >= this.initialCount ? 0 : this.initialCount - d;
  }

  /** QEMU's apic_next_timer: the time of the next expiry, or undefined when the timer is idle. */
  private nextExpiry(now: number): number | undefined {
    if (this.initialCount === 0) return undefined;
    const unit = 2 ** this.countShift;
    let d = Math.floor((now - this.loadTime) / unit);
    if (this.lvt[LVT_TIMER]! & LVT_TIMER_PERIODIC) d = (Math.floor(d / (this.initialCount + 1)) + 1) * (this.initialCount + 1);
    else if (d >= this.initialCount) return undefined;
    else d = this.initialCount + 1;
    return this.loadTime + d * unit;
  }

  private armTimer(now: number): void {
    if (this.timer) this.clock.cancel(this.timer);
    this.timer = undefined;
    const at = this.nextExpiry(now);
    if (at === undefined) return;
    this.scheduleExpiry(at);
  }

  private scheduleExpiry(at: number, saved?: SavedTimer): void {
    const fire = (): void => {
      this.timer = undefined;
      this.localDeliver(LVT_TIMER);
      this.armTimer(at);
    };
    this.timer = saved ? this.clock.restore(saved, fire) : this.clock.schedule(at, fire);
  }

  /** Every register, the NMI latch, the timer's load time and its pending expiry (decision 0048). */
  saveState(): PartState {
    return {
      json: {
        ...saveFields(this, APIC_FIELDS), isr: [...this.isr.words], tmr: [...this.tmr.words], irr: [...this.irr.words],
        timer: timerOf(this.timer),
      },
    };
  }

  loadState(state: PartState): void {
    const o = jsonObject(state, 'lapic');
    loadFields(this, o, APIC_FIELDS);
    loadFields(this.isr, { words: o.isr ?? null }, ['words']);
    loadFields(this.tmr, { words: o.tmr ?? null }, ['words']);
    loadFields(this.irr, { words: o.irr ?? null }, ['words']);
    if (this.timer) this.clock.cancel(this.timer);
    this.timer = undefined;
    const t = savedTimerOf(o, 'timer');
    if (t) this.scheduleExpiry(t.at, t);
  }

  read(offset: number, size: number): number {
    if (size < 4) return 0;
    const index = (offset >> 4) & 0xff;
    switch (index) {
      case REG_ID: return (this.id << 24) >>> 0;
      case REG_VERSION: return APIC_VERSION;
      case REG_TPR: return this.tpr;
      case REG_APR: return 0;
      case REG_PPR: return this.ppr();
      case REG_EOI: return 0;
      case REG_LDR: return (this.ldr << 24) >>> 0;
      case REG_DFR: return ((this.dfr << 28) | 0x0fffffff) >>> 0;
      case REG_SVR: return this.svr;
      case REG_ESR: return this.esr;
      case REG_ICR_LOW: return this.icr[0]! & ~ICR_DELIVERY_PENDING;
      case REG_ICR_HIGH: return this.icr[1]!;
      case REG_INITIAL_COUNT: return this.initialCount;
      case REG_CURRENT_COUNT: return this.currentCount();
      case REG_DIVIDE: return this.divide;
      default:
        if (index >= REG_ISR && index < REG_ISR + 8) return this.isr.words[index - REG_ISR]!;
        if (index >= REG_TMR && index < REG_TMR + 8) return this.tmr.words[index - REG_TMR]!;
        if (index >= REG_IRR && index < REG_IRR + 8) return this.irr.words[index - REG_IRR]!;
        if (index >= REG_LVT_FIRST && index < REG_LVT_FIRST + LVT_COUNT) return this.lvt[index - REG_LVT_FIRST]!;
        this.esr |= ESR_ILLEGAL_ADDRESS;
        return 0;
    }
  }

  write(offset: number, size: number, value: number): void {
    if (size < 4) return;
    const v = value >>> 0;
    const index = (offset >> 4) & 0xff;
    // QEMU's apic_mem_write: the 1 MiB window is also where MSIs land (Intel SDM vol. 3 §11.11);
    // a dword outside the register page, or at its reserved first 16 bytes, is a message.
    if (offset > LAPIC_REGISTER_PAGE_END || index === 0) { this.msi(offset, v); return; }
    const now = this.clock.now();
    switch (index) {
      case REG_ID: this.id = v >>> 24; break;
      case REG_TPR: this.tpr = v & 0xff; break;
      case REG_VERSION: case REG_APR: case REG_PPR: case REG_CURRENT_COUNT: break;
      case REG_EOI: this.eoi(); break;
      case REG_LDR: this.ldr = v >>> 24; break;
      case REG_DFR: this.dfr = v >>> 28; break;
      case REG_SVR: this.svr = v & 0x1ff; break;
      case REG_ESR: this.esr = 0; break;
      case REG_ICR_LOW: this.icr[0] = v; this.sendIpi(v); break;
      case REG_ICR_HIGH: this.icr[1] = v; break;
      case REG_INITIAL_COUNT:
        this.initialCount = v;
        this.loadTime = now;
        this.armTimer(now);
        break;
      case REG_DIVIDE: {
        this.divide = v & 0xb;
        const code = (this.divide & 3) | ((this.divide >> 1) & 4);
        this.countShift = (code + 1) & 7;
        break;
      }
      default:
        if (index >= REG_ISR && index < REG_IRR + 8) break;
        if (index >= REG_LVT_FIRST && index < REG_LVT_FIRST + LVT_COUNT) {
          const n = index - REG_LVT_FIRST;
          this.lvt[n] = v;
          if (n === LVT_TIMER) this.armTimer(now);
          else if (n === LVT_LINT0 && this.links.picIntr() && (v & LVT_MASKED) === 0) this.localDeliver(LVT_LINT0);
          break;
        }
        this.esr |= ESR_ILLEGAL_ADDRESS;
        break;
    }
  }

  /**
   * A message signalled interrupt: address bits 19:12 the destination, bit 2 the destination
   * mode; data bits 7:0 the vector, 10:8 the delivery mode, 15 the trigger mode (SDM §11.11.1-2).
   * The APIC bus takes it to the APICs it names (alone on the bus, only this one).
   */
  msi(addressOffset: number, data: number): void {
    const dest = (addressOffset >>> 12) & 0xff;
    const logical = ((addressOffset >> 2) & 1) !== 0;
    const mode = (data >> 8) & 7;
    const level = ((data >> 15) & 1) !== 0;
    if (this.links.deliverIrq) this.links.deliverIrq(dest, logical, mode, data & 0xff, level);
    else this.deliver(dest, logical, mode, data & 0xff, level);
  }

  /** ICR: the APIC bus delivers it; alone on the bus, shorthand self / all-including-self or a matching destination reach this APIC. */
  private sendIpi(low: number): void {
    if (this.links.sendIpi) { this.links.sendIpi(this, low, this.icr[1]! >>> 24); return; }
    const mode = (low >> 8) & 7;
    if (isInitDeassert(low)) return;
    const shorthand = (low >> 18) & 3;
    if (shorthand === 1 || shorthand === 2 || (shorthand === 0 && this.accepts(this.icr[1]! >>> 24, ((low >> 11) & 1) !== 0))) {
      this.receive(mode, low & 0xff, (low & ICR_TRIGGER_LEVEL) !== 0);
    }
  }

  /** Power-on reset (QEMU's apic_reset_common): the BSP's LINT0 is ExtINT (virtual wire), the APs' masked. */
  reset(): void {
    this.apicBase = APIC_DEFAULT_BASE | MSR_APIC_BASE_ENABLE | (this.bsp ? MSR_APIC_BASE_BSP : 0);
    this.id = this.initialId;
    this.initReset();
    if (this.bsp) this.lvt[LVT_LINT0] = DM_EXTINT << 8;
  }

  /** An INIT message (SDM vol. 3 §10.4.7.3): as power-on except the APIC ID and base, every LVT masked. */
  initReset(): void {
    this.tpr = 0;
    this.svr = 0xff;
    this.ldr = 0;
    this.dfr = 0xf;
    this.esr = 0;
    this.icr.fill(0);
    this.lvt.fill(LVT_MASKED);
    this.isr.reset();
    this.tmr.reset();
    this.irr.reset();
    this.initialCount = 0;
    this.divide = 0;
    this.countShift = 1;
    this.nmiPending = false;
    if (this.timer) this.clock.cancel(this.timer);
    this.timer = undefined;
  }
}

/** An INIT with level 0 and trigger mode level: the INIT de-assert, which only resynchronises arbitration IDs. */
export function isInitDeassert(icrLow: number): boolean {
  return ((icrLow >> 8) & 7) === DM_INIT && (icrLow & ICR_TRIGGER_LEVEL) !== 0 && (icrLow & ICR_LEVEL_ASSERT) === 0;
}

export { DM_FIXED, DM_LOWEST, DM_NMI, DM_INIT, DM_STARTUP };
