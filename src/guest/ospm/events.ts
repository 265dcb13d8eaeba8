/** ACPI mode, GPEs and the SCI (ACPI 6.5 §4.8.4, §5.6.4): _Lxx/_Exx dispatch, status clearing. */
import type { CpuWire } from '../../spec/cpu-wire.js';
import { ACPI_BITMASK_POWER_BUTTON_ENABLE, ACPI_BITMASK_POWER_BUTTON_STATUS, ACPI_BITMASK_SCI_ENABLE } from '../../spec/acpi-pm.js';
import { AmlError } from '../aml/index.js';
import type { AmlInterpreter, NsNode } from '../aml/index.js';
import type { FadtInfo } from './acpi-tables.js';
import type { GuestConsole } from './console.js';

interface GpeHandler {
  readonly bit: number;
  readonly edge: boolean;
  readonly method: NsNode;
}

export class AcpiEvents {
  private readonly gpes = new Map<number, GpeHandler>();
  readonly dispatched: string[] = [];
  /** The power button's fixed event (PWRBTN_STS), after its status is cleared. */
  onPowerButton: (() => void) | undefined;
  constructor(
    private readonly wire: CpuWire,
    private readonly aml: AmlInterpreter,
    private readonly fadt: FadtInfo,
    private readonly console: GuestConsole,
  ) {}

  /** SMI_CMD ← ACPI_ENABLE unless SCI_EN is already set; waits (virtual time) for SCI_EN. */
  enableAcpiMode(): boolean {
    const cnt = this.fadt.pm1aCnt;
    if (!cnt) return false;
    if (this.wire.in16(cnt) & ACPI_BITMASK_SCI_ENABLE) return true;
    if (!this.fadt.smiCmd || !this.fadt.acpiEnable) return false;
    this.wire.out8(this.fadt.smiCmd, this.fadt.acpiEnable);
    for (let i = 0; i < 300; i++) {
      if (this.wire.in16(cnt) & ACPI_BITMASK_SCI_ENABLE) return true;
      this.wire.delay(1_000_000);
    }
    return false;
  }

  private get half(): number {
    return this.fadt.gpe0BlkLen >> 1;
  }

  /**
   * The power button fixed event (ACPI 6.5 §4.8.3.1): PWRBTN_EN, unless the FADT says the button is
   * a control method device (PWR_BUTTON flag); returns whether it is on. PWRBTN_STS is cleared first:
   * after S3 it may say what woke the machine (QEMU's `system_wakeup` reason), not a new press — as
   * ACPICA's legacy wake does.
   */
  enablePowerButton(): boolean {
    if (!this.fadt.pm1aEvt || this.fadt.pm1EvtLen < 4 || this.fadt.powerButtonIsDevice) return false;
    this.wire.out16(this.fadt.pm1aEvt, ACPI_BITMASK_POWER_BUTTON_STATUS);
    const en = this.fadt.pm1aEvt + (this.fadt.pm1EvtLen >> 1);
    this.wire.out16(en, this.wire.in16(en) | ACPI_BITMASK_POWER_BUTTON_ENABLE);
    return true;
  }

  /** The GPEs that have a _Lxx/_Exx method under \_GPE (no hardware access); returns the bit numbers. */
  collectGpes(): number[] {
    const gpeScope = this.aml.node('\\_GPE');
    if (!gpeScope?.children || !this.fadt.gpe0Blk || this.half === 0) return [];
    for (const [name, node] of gpeScope.children) {
      const m = /^_([LE])([0-9A-F]{2})$/.exec(name);
      if (!m) continue;
      const bit = parseInt(m[2]!, 16);
      if (bit >= this.half * 8) continue;
      this.gpes.set(bit, { bit, edge: m[1] === 'E', method: node });
    }
    return [...this.gpes.keys()].sort((a, b) => a - b);
  }

  /** Enable every GPE that has a _Lxx/_Exx method under \_GPE; returns the bit numbers. */
  enableGpes(): number[] {
    const bits = this.collectGpes();
    if (!this.aml.node('\\_GPE')?.children || !this.fadt.gpe0Blk || this.half === 0) return bits;
    for (let i = 0; i < this.half; i++) {
      let en = 0;
      for (const b of bits) if (b >> 3 === i) en |= 1 << (b & 7);
      this.wire.out8(this.fadt.gpe0Blk + i, 0xff);
      this.wire.out8(this.fadt.gpe0Blk + this.half + i, en);
    }
    return bits;
  }

  /** The SCI handler: every enabled, pending GPE runs its method; status is cleared (edge: before). */
  handleSci(): void {
    const blk = this.fadt.gpe0Blk;
    for (let i = 0; i < this.half; i++) {
      const pending = this.wire.in8(blk + i) & this.wire.in8(blk + this.half + i);
      for (let b = 0; b < 8; b++) {
        if (!(pending & (1 << b))) continue;
        const bit = i * 8 + b;
        const h = this.gpes.get(bit);
        if (h?.edge) this.wire.out8(blk + i, 1 << b);
        if (h) this.run(h);
        if (!h?.edge) this.wire.out8(blk + i, 1 << b);
      }
    }
    if (this.fadt.pm1aEvt && this.fadt.pm1EvtLen >= 4) {
      const en = this.wire.in16(this.fadt.pm1aEvt + (this.fadt.pm1EvtLen >> 1));
      const sts = this.wire.in16(this.fadt.pm1aEvt) & en;
      if (sts) {
        this.wire.out16(this.fadt.pm1aEvt, sts);
        this.console.report('pm1-event', `0x${sts.toString(16)}`);
        if (sts & ACPI_BITMASK_POWER_BUTTON_STATUS) this.onPowerButton?.();
      }
    }
  }

  private run(h: GpeHandler): void {
    const name = h.method.path();
    this.dispatched.push(name);
    this.console.report('gpe', `0x${h.bit.toString(16)}`, name);
    this.console.trace('aml', `gpe 0x${h.bit.toString(16).padStart(2, '0')} dispatch ${name} (${h.edge ? 'edge' : 'level'})`);
    try {
      this.aml.evaluate(h.method);
    } catch (e) {
      if (!(e instanceof AmlError)) throw e;
      this.console.report('aml-error', e.describe());
    }
  }

  install(): void {
    const sci = this.fadt.sciInt;
    this.wire.onInterrupt((irq) => {
      if (irq === sci) this.handleSci();
    });
    this.wire.setInterruptsEnabled(true);
  }
}
