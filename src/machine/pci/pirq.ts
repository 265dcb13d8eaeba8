import type { IntxRouter } from './intx.js';
import type { PciFunction } from './pci-function.js';
import { PIIX_PIRQCA, ICH9_LPC_PIRQA_ROUT, ICH9_LPC_PIRQE_ROUT } from '../../spec/pci.js';

/** ISA IRQs a PIRQ register can name (PIIX3 datasheet §2.2.9: 0x80 = routing disabled). */
const ISA_IRQS = 16;
const PIIX_PIRQS = 4;
const ICH9_PIRQS = 8;
/** ICH9 LPC datasheet §13.1.13: bit 7 IRQEN# (1 = not routed to the 8259), bits 3:0 the IRQ. */
const ICH9_PIRQ_ROUT_DISABLED = 0x80;
const ICH9_PIRQ_ROUT_IRQ = 0x0f;
/** ICH9: PIRQ A-H are also I/O APIC inputs 16-23, whatever the PIRQ registers say. */
const ICH9_PIRQ_GSI_BASE = 16;
/** ICH9 device 30 (DMI-to-PCI bridge) INTA-D → PIRQ E-H; devices 25-29 and 31 by D{nn}IR at reset (INTx → PIRQ A-D). */
const ICH9_DMI_BRIDGE_SLOT = 30;
const ICH9_DIR_FIRST_SLOT = 25;

/** Where a router's outputs go: the board's GSIs (ISA IRQs 0-15 reach the 8259 and the I/O APIC). */
export type GsiSink = (gsi: number, level: boolean) => void;

/**
 * PIIX3's PCI interrupt router (QEMU 7.2 piix3_set_irq / pci_slot_get_pirq): root-bus slot s pin i
 * drives PIRQ (i + s - 1) mod 4 — the DSDT's _PRT says the same through LNKA-D; PIRQRC[A-D]
 * (0x60-0x63) name the ISA IRQ each PIRQ drives, any value ≥ 16 leaving it unrouted. An ISA IRQ is
 * the OR of the PIRQs routed to it. A write to the PIRQ registers re-routes at once.
 */
export class Piix3Router implements IntxRouter {
  readonly lines = PIIX_PIRQS;
  #levels = [false, false, false, false];
  #out = new Array<boolean>(ISA_IRQS).fill(false);
  #fn: PciFunction | undefined;

  constructor(private readonly sink: GsiSink) {}

  connect(fn: PciFunction): void {
    this.#fn = fn;
  }

  map(slot: number, intx: number): number {
    return (intx + slot - 1) & 3;
  }

  setLevel(line: number, level: boolean): void {
    this.#levels[line] = level;
    this.update();
  }

  /** Recompute every ISA IRQ from the PIRQ levels and registers (after a register write or reset). */
  update(): void {
    const want = new Array<boolean>(ISA_IRQS).fill(false);
    for (let p = 0; p < PIIX_PIRQS; p++) {
      const irq = this.#fn?.config.get(PIIX_PIRQCA + p, 1) ?? 0x80;
      if (irq < ISA_IRQS && this.#levels[p]) want[irq] = true;
    }
    for (let irq = 0; irq < ISA_IRQS; irq++) {
      if (want[irq] === this.#out[irq]) continue;
      this.#out[irq] = want[irq]!;
      this.sink(irq, want[irq]!);
    }
  }
}

/**
 * ICH9's (QEMU 7.2 lpc_ich9.c): slots map to PIRQ A-H as ich9_cc_init/update leave them; each PIRQ
 * drives I/O APIC input 16 + n, and, while its PIRQx_ROUT (0x60-0x63, 0x68-0x6B) routes it, the
 * 8259 IRQ it names, the OR of the PIRQs routed there. As in QEMU, a write to the routing registers
 * moves nothing by itself: the 8259 side follows the registers at the next level change.
 */
export class Ich9Router implements IntxRouter {
  readonly lines = ICH9_PIRQS;
  #levels = new Array<boolean>(ICH9_PIRQS).fill(false);
  #out = new Array<boolean>(ISA_IRQS).fill(false);
  #fn: PciFunction | undefined;

  constructor(private readonly sink: GsiSink) {}

  connect(fn: PciFunction): void {
    this.#fn = fn;
  }

  map(slot: number, intx: number): number {
    if (slot === ICH9_DMI_BRIDGE_SLOT) return intx + 4;
    if (slot >= ICH9_DIR_FIRST_SLOT) return intx;
    return ((slot + intx) % 4) + 4;
  }

  private rout(pirq: number): number | undefined {
    const r = this.#fn?.config.get(pirq < 4 ? ICH9_LPC_PIRQA_ROUT + pirq : ICH9_LPC_PIRQE_ROUT + pirq - 4, 1) ?? ICH9_PIRQ_ROUT_DISABLED;
    return r & ICH9_PIRQ_ROUT_DISABLED ? undefined : r & ICH9_PIRQ_ROUT_IRQ;
  }

  setLevel(line: number, level: boolean): void {
    this.#levels[line] = level;
    this.sink(ICH9_PIRQ_GSI_BASE + line, level);
    const irq = this.rout(line);
    if (irq === undefined) return;
    let pic = false;
    for (let p = 0; p < ICH9_PIRQS; p++) if (this.#levels[p] && this.rout(p) === irq) pic = true;
    this.drivePic(irq, pic);
  }

  /** LPC reset: the 8259 inputs the PIRQs held are let go (the registers are back to "disabled"). */
  reset(): void {
    for (let irq = 0; irq < ISA_IRQS; irq++) this.drivePic(irq, false);
  }

  private drivePic(irq: number, level: boolean): void {
    if (this.#out[irq] === level) return;
    this.#out[irq] = level;
    this.sink(irq, level);
  }
}
