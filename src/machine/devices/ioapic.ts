import type { IoHandler } from '../bus/io-handler.js';
import type { PartState, Snapshottable } from '../snapshot/part-state.js';
import { jsonObject, loadFields, saveFields } from '../snapshot/part-state.js';

/** Register window (offsets & 0xFF): IOREGSEL, IOWIN, and the EOI register of version 0x20. */
const IOREGSEL = 0x00;
const IOWIN = 0x10;
const IOEOI = 0x40;
const REG_ID = 0x00;
const REG_VERSION = 0x01;
const REG_ARBITRATION = 0x02;
const REG_REDTBL = 0x10;
export const IOAPIC_PINS = 24;
const IOAPIC_VERSION = 0x20 | ((IOAPIC_PINS - 1) << 16);
/** Redirection entry bits (82093AA datasheet §3.2.4). */
const RTE_DELIVERY_STATUS = 1 << 12;
const RTE_REMOTE_IRR = 1 << 14;
const RTE_LEVEL = 1 << 15;
const RTE_MASKED = 1 << 16;
const RTE_RO_BITS = RTE_DELIVERY_STATUS | RTE_REMOTE_IRR;
const DM_EXTINT = 7;

/** Where a serviced pin's message goes: the local APIC (and, for ExtINT, the 8259 through INTA). */
export interface IoApicTarget {
  deliver(dest: number, logical: boolean, mode: number, vector: number, level: boolean): void;
}

/**
 * The I/O APIC at 0xFEC00000 (QEMU's, version 0x20, 24 pins): ISA IRQ 0 arrives on pin 2,
 * level pins set Remote IRR and wait for an EOI broadcast with their vector.
 */
export class IoApic implements IoHandler, Snapshottable {
  readonly sizes = 4;
  id = 0;
  private ioregsel = 0;
  private irr = 0;
  /** Each entry as two 32-bit halves: low (vector, mode, flags, mask) and high (destination). */
  readonly low = new Uint32Array(IOAPIC_PINS);
  readonly high = new Uint32Array(IOAPIC_PINS);

  constructor(private readonly target: IoApicTarget) {
    this.reset();
  }

  /** An input pin changed. QEMU's ioapic_set_irq: input 0 (ISA IRQ 0) is pin 2. */
  setIrq(pin: number, level: boolean): void {
    const n = pin === 0 ? 2 : pin;
    if (n >= IOAPIC_PINS) return;
    const mask = 1 << n;
    if (this.low[n]! & RTE_LEVEL) {
      if (level) {
        this.irr |= mask;
        if ((this.low[n]! & RTE_REMOTE_IRR) === 0) this.service();
      } else this.irr &= ~mask;
    } else if (level && (this.low[n]! & RTE_MASKED) === 0) {
      // 82093AA §3.2.4 (and QEMU's ioapic_set_irq): an edge on a masked pin is lost.
      this.irr |= mask;
      this.service();
    }
  }

  private service(): void {
    for (let n = 0; n < IOAPIC_PINS; n++) {
      const mask = 1 << n;
      const e = this.low[n]!;
      if ((this.irr & mask) === 0 || (e & RTE_MASKED) !== 0) continue;
      const level = (e & RTE_LEVEL) !== 0;
      if (level) {
        if (e & RTE_REMOTE_IRR) continue;
        this.low[n] = e | RTE_REMOTE_IRR;
      } else this.irr &= ~mask;
      const mode = (e >> 8) & 7;
      // ExtINT: the CPU takes the vector from the 8259 (InterruptSource); the message only signals.
      this.target.deliver(this.high[n]! >>> 24, ((e >> 11) & 1) !== 0, mode, mode === DM_EXTINT ? 0 : e & 0xff, level);
    }
  }

  /** A local APIC EOI (or a write to IOEOI) for `vector`: matching level entries drop Remote IRR. */
  eoiBroadcast(vector: number): void {
    let again = false;
    for (let n = 0; n < IOAPIC_PINS; n++) {
      const e = this.low[n]!;
      if ((e & 0xff) !== vector || (e & RTE_LEVEL) === 0 || (e & RTE_REMOTE_IRR) === 0) continue;
      this.low[n] = e & ~RTE_REMOTE_IRR;
      if ((e & RTE_MASKED) === 0 && (this.irr & (1 << n)) !== 0) again = true;
    }
    if (again) this.service();
  }

  read(offset: number, size: number): number {
    const a = offset & 0xff;
    if (a === IOREGSEL) return this.ioregsel;
    if (a !== IOWIN || size !== 4) return 0;
    switch (this.ioregsel) {
      case REG_ID: case REG_ARBITRATION: return (this.id << 24) >>> 0;
      case REG_VERSION: return IOAPIC_VERSION;
      default: {
        const n = (this.ioregsel - REG_REDTBL) >> 1;
        if (this.ioregsel < REG_REDTBL || n >= IOAPIC_PINS) return 0;
        return this.ioregsel & 1 ? this.high[n]! : this.low[n]!;
      }
    }
  }

  write(offset: number, size: number, value: number): void {
    const a = offset & 0xff;
    const v = value >>> 0;
    if (a === IOREGSEL) { this.ioregsel = v & 0xff; return; }
    if (a === IOEOI) { this.eoiBroadcast(v & 0xff); return; }
    if (a !== IOWIN || size !== 4) return;
    if (this.ioregsel === REG_ID) { this.id = (v >>> 24) & 0xf; return; }
    const n = (this.ioregsel - REG_REDTBL) >> 1;
    if (this.ioregsel < REG_REDTBL || n >= IOAPIC_PINS) return;
    if (this.ioregsel & 1) { this.high[n] = v; return; }
    let e = (v & ~RTE_RO_BITS) | (this.low[n]! & RTE_RO_BITS);
    // An edge entry never holds Remote IRR (QEMU's ioapic_fix_edge_remote_irr).
    if ((e & RTE_LEVEL) === 0) e &= ~RTE_REMOTE_IRR;
    this.low[n] = e >>> 0;
    this.service();
  }

  reset(): void {
    this.id = 0;
    this.ioregsel = 0;
    this.irr = 0;
    this.low.fill(RTE_MASKED);
    this.high.fill(0);
  }

  /** ID, IOREGSEL, the input latch and the redirection table incl. Remote IRR (decision 0048). */
  saveState(): PartState {
    return { json: saveFields(this, IOAPIC_FIELDS) };
  }

  loadState(state: PartState): void {
    loadFields(this, jsonObject(state, 'ioapic'), IOAPIC_FIELDS);
  }
}

const IOAPIC_FIELDS = ['id', 'ioregsel', 'irr', 'low', 'high'];
