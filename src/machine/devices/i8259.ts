import type { IoHandler } from '../bus/io-handler.js';
import { logger } from '../../lib/log.js';
import type { JsonValue, PartState, Snapshottable } from '../snapshot/part-state.js';
import { SnapshotMismatch, bool, jsonObject, loadFields, saveFields } from '../snapshot/part-state.js';

const log = logger('pic');

/** ICW1 bits (8259A datasheet, "Initialization Command Words"). */
const ICW1_INIT = 0x10;
const ICW1_IC4 = 0x01;
const ICW1_SNGL = 0x02;
const ICW1_LTIM = 0x08;
/** OCW3 is a command-port write with bits 4:3 = 01. */
const OCW3_SELECT = 0x08;
const OCW3_POLL = 0x04;
const OCW3_RR = 0x02;
const OCW3_ESMM = 0x40;
/** The cascade input of the master (IBM PC/AT wiring). */
export const PIC_CASCADE_IRQ = 2;
/** ELCR write masks: IRQ 0, 1, 2 (master) and 8, 13 (slave) are always edge (PIIX/ICH9). */
export const ELCR_MASK_MASTER = 0xf8;
export const ELCR_MASK_SLAVE = 0xde;
const NO_PRIORITY = 8;
const PIC_FIELDS = [
  'irr', 'imr', 'isr', 'elcr', 'irqBase', 'lastIrr', 'priorityAdd', 'readRegSelect', 'poll', 'specialMask', 'initState',
  'autoEoi', 'rotateOnAutoEoi', 'specialFullyNested', 'init4', 'singleMode',
];

/** One 8259A: eight inputs, IRR/ISR/IMR, OCW2 rotation, OCW3 poll/special mask, plus its ELCR byte. */
export class Pic8259 {
  irr = 0;
  imr = 0;
  isr = 0;
  elcr = 0;
  irqBase = 0;
  private lastIrr = 0;
  private priorityAdd = 0;
  private readRegSelect = 0;
  private poll = false;
  private specialMask = false;
  private initState = 0;
  private autoEoi = false;
  private rotateOnAutoEoi = false;
  private specialFullyNested = false;
  private init4 = false;
  private singleMode = false;

  constructor(readonly name: string, readonly isMaster: boolean, readonly elcrMask: number, private readonly output: (level: boolean) => void) {}

  /** An input line changed: edge inputs latch on 0→1, level inputs (ELCR) follow the line. */
  setIrq(irq: number, level: boolean): void {
    const mask = 1 << irq;
    if (this.elcr & mask) {
      if (level) { this.irr |= mask; this.lastIrr |= mask; } else { this.irr &= ~mask; this.lastIrr &= ~mask; }
    } else if (level) {
      if ((this.lastIrr & mask) === 0) this.irr |= mask;
      this.lastIrr |= mask;
    } else {
      this.lastIrr &= ~mask;
    }
    this.update();
  }

  private priority(mask: number): number {
    if (mask === 0) return NO_PRIORITY;
    let p = 0;
    while ((mask & (1 << ((p + this.priorityAdd) & 7))) === 0) p++;
    return p;
  }

  /** The highest-priority request that beats what is in service, or -1. */
  pendingIrq(): number {
    const p = this.priority(this.irr & ~this.imr);
    if (p === NO_PRIORITY) return -1;
    let inService = this.isr;
    if (this.specialMask) inService &= ~this.imr;
    if (this.specialFullyNested && this.isMaster) inService &= ~(1 << PIC_CASCADE_IRQ);
    return p < this.priority(inService) ? (p + this.priorityAdd) & 7 : -1;
  }

  update(): void {
    this.output(this.pendingIrq() >= 0);
  }

  /** The INTA cycle for `irq`: in service (unless AEOI), an edge request is consumed. */
  intack(irq: number): void {
    if (this.autoEoi) {
      if (this.rotateOnAutoEoi) this.priorityAdd = (irq + 1) & 7;
    } else {
      this.isr |= 1 << irq;
    }
    if ((this.elcr & (1 << irq)) === 0) this.irr &= ~(1 << irq);
    this.update();
  }

  /** Registers that ICW1 and a device reset both clear (ELCR survives ICW1). */
  private initReset(): void {
    this.lastIrr = 0;
    this.irr &= this.elcr;
    this.imr = 0;
    this.isr = 0;
    this.priorityAdd = 0;
    this.irqBase = 0;
    this.readRegSelect = 0;
    this.poll = false;
    this.specialMask = false;
    this.initState = 0;
    this.autoEoi = false;
    this.rotateOnAutoEoi = false;
    this.specialFullyNested = false;
    this.init4 = false;
    this.singleMode = false;
  }

  reset(): void {
    this.initReset();
    this.elcr = 0;
    this.irr = 0;
    this.update();
  }

  /** Every register incl. the ELCR byte and the edge detector (decision 0048); INT is the pair's. */
  saveChip(): JsonValue {
    return saveFields(this, PIC_FIELDS);
  }

  loadChip(o: JsonValue): void {
    if (o === null || typeof o !== 'object' || Array.isArray(o)) throw new SnapshotMismatch(`pic ${this.name}: no state`);
    loadFields(this, o, PIC_FIELDS);
  }

  readonly ports: IoHandler = {
    sizes: 1,
    read: (offset) => this.read(offset & 1),
    write: (offset, _size, value) => this.write(offset & 1, value & 0xff),
  };

  readonly elcrPort: IoHandler = {
    sizes: 1,
    read: () => this.elcr,
    write: (_offset, _size, value) => { this.elcr = value & this.elcrMask; },
  };

  private read(a0: number): number {
    if (this.poll) {
      this.poll = false;
      const irq = this.pendingIrq();
      if (irq < 0) return 0;
      this.intack(irq);
      return irq | 0x80;
    }
    if (a0 === 0) return this.readRegSelect ? this.isr : this.irr;
    return this.imr;
  }

  private write(a0: number, v: number): void {
    if (a0 === 0) {
      if (v & ICW1_INIT) {
        this.initReset();
        this.update();
        this.initState = 1;
        this.init4 = (v & ICW1_IC4) !== 0;
        this.singleMode = (v & ICW1_SNGL) !== 0;
        if (v & ICW1_LTIM) log('%s: ICW1 level-triggered mode is not supported (QEMU neither)', this.name);
      } else if (v & OCW3_SELECT) {
        if (v & OCW3_POLL) this.poll = true;
        if (v & OCW3_RR) this.readRegSelect = v & 1;
        if (v & OCW3_ESMM) {
          this.specialMask = ((v >> 5) & 1) !== 0;
          // The datasheet's special mask acts at once; QEMU re-evaluates INT only at the next event.
          this.update();
        }
      } else {
        this.ocw2(v);
      }
      return;
    }
    switch (this.initState) {
      case 0: this.imr = v; this.update(); break;
      case 1:
        this.irqBase = v & 0xf8;
        this.initState = this.singleMode ? (this.init4 ? 3 : 0) : 2;
        break;
      case 2: this.initState = this.init4 ? 3 : 0; break;
      default:
        this.specialFullyNested = ((v >> 4) & 1) !== 0;
        this.autoEoi = ((v >> 1) & 1) !== 0;
        this.initState = 0;
        break;
    }
  }

  /** OCW2: EOI (non-specific/specific), rotation and priority commands (bits 7:5). */
  private ocw2(v: number): void {
    const cmd = v >> 5;
    switch (cmd) {
      case 0: case 4: this.rotateOnAutoEoi = cmd === 4; break;
      case 1: case 5: {
        const p = this.priority(this.isr);
        if (p === NO_PRIORITY) break;
        const irq = (p + this.priorityAdd) & 7;
        this.isr &= ~(1 << irq);
        if (cmd === 5) this.priorityAdd = (irq + 1) & 7;
        this.update();
        break;
      }
      case 3: this.isr &= ~(1 << (v & 7)); this.update(); break;
      case 6: this.priorityAdd = (v + 1) & 7; this.update(); break;
      case 7: {
        const irq = v & 7;
        this.isr &= ~(1 << irq);
        this.priorityAdd = (irq + 1) & 7;
        this.update();
        break;
      }
      default: break;
    }
  }
}

/**
 * The PC/AT pair: master at 0x20 (vectors from ICW2), slave at 0xA0 cascaded on master IR2.
 * `intr` follows the master's INT output; `acknowledge` is the CPU's INTA sequence.
 */
export class PicPair implements Snapshottable {
  readonly master: Pic8259;
  readonly slave: Pic8259;
  #intr = false;

  constructor(private readonly onIntr: (level: boolean) => void = () => {}) {
    this.master = new Pic8259('master', true, ELCR_MASK_MASTER, (level) => {
      this.#intr = level;
      this.onIntr(level);
    });
    this.slave = new Pic8259('slave', false, ELCR_MASK_SLAVE, (level) => this.master.setIrq(PIC_CASCADE_IRQ, level));
  }

  /** ISA IRQ 0-15 into the pair (IRQ 2 is the cascade and has no ISA line of its own). */
  setIrq(irq: number, level: boolean): void {
    if (irq < 8) this.master.setIrq(irq, level);
    else this.slave.setIrq(irq - 8, level);
  }

  get intr(): boolean {
    return this.#intr;
  }

  /** INTA: the vector of the highest request; with none, the spurious IRQ 7 (or 15) vector. */
  acknowledge(): number {
    const irq = this.master.pendingIrq();
    if (irq < 0) return this.master.irqBase + 7;
    let vector: number;
    if (irq === PIC_CASCADE_IRQ) {
      let irq2 = this.slave.pendingIrq();
      if (irq2 >= 0) this.slave.intack(irq2);
      else irq2 = 7;
      vector = this.slave.irqBase + irq2;
    } else {
      vector = this.master.irqBase + irq;
    }
    this.master.intack(irq);
    return vector;
  }

  reset(): void {
    this.slave.reset();
    this.master.reset();
  }

  saveState(): PartState {
    return { json: { master: this.master.saveChip(), slave: this.slave.saveChip(), intr: this.#intr } };
  }

  /** The INT output level comes back as saved: the local APIC restores its own LINT0 view. */
  loadState(state: PartState): void {
    const o = jsonObject(state, 'pic');
    this.master.loadChip(o.master ?? null);
    this.slave.loadChip(o.slave ?? null);
    this.#intr = bool(o, 'intr');
  }
}
