import { MmioWindow } from '../bus/memory-target.js';
import { PicPair } from '../devices/i8259.js';
import { Pit8254, SpeakerPort } from '../devices/i8254.js';
import { I8042, Port92 } from '../devices/i8042.js';
import { LocalApic, LVT_LINT0, type LocalApicLinks } from '../devices/local-apic.js';
import { IoApic, IOAPIC_PINS } from '../devices/ioapic.js';
import { ApicBus } from '../devices/apic-bus.js';
import { cpuSlots } from '../options/smp.js';
import { Hpet, RTC_ISA_IRQ } from '../devices/hpet.js';
import type { CpuControlLines, InterruptSource } from '../cpu/interrupt-source.js';
import {
  HPET_BASE, HPET_SIZE, IOAPIC_BASE, IOAPIC_SIZE, KBD_IRQ, LAPIC_BASE, LAPIC_SIZE, MOUSE_IRQ, PIT_IRQ, PORT_A20,
  PORT_ELCR, PORT_KBD_DATA, PORT_KBD_STATUS, PORT_PIC_LEN, PORT_PIC_MASTER, PORT_PIC_SLAVE, PORT_PIT, PORT_PIT_LEN,
  PORT_SPEAKER,
} from '../boards/layout.js';
import { hex } from '../../lib/hex.js';
import { logger } from '../../lib/log.js';
import type { Platform } from './platform.js';
import type { VirtualClock } from '../clock.js';
import type { PartState, Snapshottable } from '../snapshot/part-state.js';
import { SnapshotMismatch, arr, bool, jsonObject } from '../snapshot/part-state.js';
import type { BoardDevices } from './board-devices.js';

const log = logger('irq');
const ISA_IRQS = 16;

/**
 * The PC's interrupt controllers and timers, QEMU's order: the 8259 pair with ELCR, the 8254
 * PIT and port 0x61, the i8042 and port 0x92, the I/O APIC, the HPET, and one local APIC per CPU
 * present at start (APIC IDs from the -smp topology) on the APIC bus.
 *
 * Every ISA IRQ drives both the 8259 input and the I/O APIC pin of the same number (IRQ 0 lands
 * on pin 2 inside the I/O APIC, as the MADT's interrupt source override says); GSIs 16-23 reach
 * only the I/O APIC. The board's older devices (SCI, COM1) signal on `platform.irq`, which is
 * mirrored here. The timers' own outputs (PIT, RTC, HPET) do not touch `platform.irq`: those
 * lines are what the JS-program core delivers, and its programs never asked for timer ticks;
 * the PIT's IRQ 0 timer runs only once an x86 core is attached (`attachCpu`).
 */
export class PcPlatformDevices implements Snapshottable {
  readonly pic: PicPair;
  readonly pit: Pit8254;
  readonly speaker: SpeakerPort;
  readonly i8042: I8042;
  readonly port92: Port92;
  readonly ioapic: IoApic;
  readonly hpet: Hpet | undefined;
  /** The BSP's local APIC (lapics[0]). */
  readonly lapic: LocalApic;
  /** One local APIC per present CPU (at start, then plugged ones), in CPU index (= APIC ID) order. */
  readonly lapics: readonly LocalApic[];
  readonly #lapics: LocalApic[];
  readonly #links: LocalApicLinks;
  readonly #clock: VirtualClock;
  readonly apicBus: ApicBus;
  /** Logical processors per package of the -smp topology (threads × cores × dies), for CPUID. */
  readonly logicalPerPackage: number;
  /** The BSP's INTR/INTA view of the controllers (8259 through LINT0 ExtINT, or the APIC). */
  readonly interrupts: InterruptSource;
  #cpuLines: CpuControlLines | undefined;
  #a20 = true;
  #cpuAttached = false;
  #hpetLegacy = false;
  #rtcLevel = false;
  /** Each GSI's level from the board's sources and from the PCI interrupt routers: the input is their OR. */
  readonly #boardLevel = new Array<boolean>(IOAPIC_PINS).fill(false);
  readonly #pciLevel = new Array<boolean>(IOAPIC_PINS).fill(false);

  constructor(p: Platform, board: BoardDevices) {
    const { ports, memory, clock } = p;
    this.#clock = clock;
    const reset = (why: string) => board.power.requestReset(why);
    this.pic = new PicPair((level) => { for (const a of this.lapics) a.setLint(LVT_LINT0, level); });
    ports.register('pic-master', PORT_PIC_MASTER, PORT_PIC_LEN, this.pic.master.ports);
    ports.register('pic-slave', PORT_PIC_SLAVE, PORT_PIC_LEN, this.pic.slave.ports);
    ports.register('elcr-master', PORT_ELCR, 1, this.pic.master.elcrPort);
    ports.register('elcr-slave', PORT_ELCR + 1, 1, this.pic.slave.elcrPort);
    p.addDevice({ name: 'isa-i8259', bus: 'isa', where: `ports ${hex(PORT_PIC_MASTER)}, ${hex(PORT_PIC_SLAVE)}, ELCR ${hex(PORT_ELCR)}` });

    this.pit = new Pit8254(clock, (level) => this.isaIrq(PIT_IRQ, level));
    this.pit.channels[0].setIrqEnabled(false);
    ports.register('pit', PORT_PIT, PORT_PIT_LEN, this.pit);
    this.speaker = new SpeakerPort(this.pit.channels[2]);
    ports.register('pcspk', PORT_SPEAKER, 1, this.speaker);
    p.addDevice({ name: 'isa-pit', bus: 'isa', where: `ports ${hex(PORT_PIT)}-${hex(PORT_PIT + PORT_PIT_LEN - 1)}, IRQ ${PIT_IRQ}` });

    this.i8042 = new I8042({
      kbdIrq: (level) => this.isaIrq(KBD_IRQ, level),
      mouseIrq: (level) => this.isaIrq(MOUSE_IRQ, level),
      setA20: (on) => this.setA20(on),
      requestReset: reset,
    });
    ports.register('i8042-data', PORT_KBD_DATA, 1, this.i8042);
    ports.register('i8042-cmd', PORT_KBD_STATUS, 1, { sizes: 1, read: () => this.i8042.read(4), write: (_o, s, v) => this.i8042.write(4, s, v) });
    this.port92 = new Port92((on) => this.setA20(on), reset);
    ports.register('port92', PORT_A20, 1, this.port92);
    p.addDevice({ name: 'i8042', bus: 'isa', where: `ports ${hex(PORT_KBD_DATA)}, ${hex(PORT_KBD_STATUS)}, IRQ ${KBD_IRQ}/${MOUSE_IRQ}` });

    this.ioapic = new IoApic({ deliver: (dest, logical, mode, vector, level) => this.apicBus.deliverIrq(dest, logical, mode, vector, level) });
    memory.map('ioapic', IOAPIC_BASE, new MmioWindow(this.ioapic, IOAPIC_SIZE));
    p.addDevice({ name: 'ioapic', bus: 'system', where: `${hex(IOAPIC_BASE)}, ${IOAPIC_PINS} pins` });

    if (p.config.machineProps.get('hpet') !== false) {
      this.hpet = new Hpet(clock, {
        setIrq: (route, level) => this.gsi(route, level),
        legacyMode: (on) => this.setHpetLegacy(on),
      }, p.board.hpetIntcap);
      memory.map('hpet', HPET_BASE, new MmioWindow(this.hpet, HPET_SIZE));
      p.addDevice({ name: 'hpet', bus: 'system', where: hex(HPET_BASE) });
    }

    const links: LocalApicLinks = this.#links = {
      picIntr: () => this.pic.intr,
      eoiBroadcast: (v: number) => this.ioapic.eoiBroadcast(v),
      sendIpi: (from: LocalApic, low: number, dest: number) => this.apicBus.sendIpi(from, low, dest),
      deliverIrq: (dest: number, logical: boolean, mode: number, vector: number, level: boolean) => this.apicBus.deliverIrq(dest, logical, mode, vector, level),
    };
    const t = p.config.topology;
    this.logicalPerPackage = t.threads * t.cores * t.dies;
    const slots = cpuSlots(t).slice(0, p.config.smp);
    this.lapics = this.#lapics = slots.map((slot, i) => new LocalApic(clock, links, { id: slot.apicId, bsp: i === 0 }));
    this.lapic = this.lapics[0]!;
    this.apicBus = new ApicBus(this.lapics);
    memory.map('apic', LAPIC_BASE, new MmioWindow(this.apicBus, LAPIC_SIZE));

    board.cmos.setIrq((level) => this.rtcIrq(level));
    p.irq.onChange((line, level) => this.gsi(line, level));
    this.interrupts = this.interruptsOf(0);
    p.onReset(() => this.reset());
    // Decision 0048: each controller and timer saves its own registers and pending deadlines.
    p.addState('pic', this.pic);
    p.addState('pit', this.pit);
    p.addState('pcspk', this.speaker);
    p.addState('i8042', this.i8042);
    p.addState('port92', this.port92);
    p.addState('ioapic', this.ioapic);
    if (this.hpet) p.addState('hpet', this.hpet);
    p.addState('lapic', this.lapic);
    p.addState('platform-lines', this);
  }

  /** The board's own wires: A20, HPET legacy routing, the RTC's IRQ level, whether an x86 core is attached. */
  saveState(): PartState {
    return {
      json: {
        a20: this.#a20, hpetLegacy: this.#hpetLegacy, rtcLevel: this.#rtcLevel, cpuAttached: this.#cpuAttached,
        boardLevel: this.#boardLevel.map(Number), pciLevel: this.#pciLevel.map(Number),
      },
    };
  }

  loadState(state: PartState): void {
    const o = jsonObject(state, 'platform-lines');
    this.#a20 = bool(o, 'a20');
    this.#hpetLegacy = bool(o, 'hpetLegacy');
    this.#rtcLevel = bool(o, 'rtcLevel');
    this.#cpuAttached = bool(o, 'cpuAttached');
    const levels = (key: string, into: boolean[]): void => {
      const a = arr(o, key);
      if (a.length !== into.length) throw new SnapshotMismatch(`platform-lines: ${key} has ${a.length} lines, expected ${into.length}`);
      a.forEach((v, i) => { into[i] = v === 1; });
    };
    levels('boardLevel', this.#boardLevel);
    levels('pciLevel', this.#pciLevel);
  }

  /** A restored x86 core takes INTR and A20 from here; the PIT's state (and its timer) came with the snapshot. */
  reattachCpu(lines: CpuControlLines): void {
    this.#cpuLines = lines;
    lines.setA20(this.#a20);
  }

  /**
   * A CPU plugged by device_add: its local APIC (reset state, LINT0 masked as an AP's) joins the
   * bus in APIC ID order, the order of CPU indexes; returns it and its index.
   */
  plugApic(apicId: number): { readonly apic: LocalApic; readonly index: number } {
    const apic = new LocalApic(this.#clock, this.#links, { id: apicId, bsp: false });
    let index = this.#lapics.findIndex((a) => a.initialId > apicId);
    if (index < 0) index = this.#lapics.length;
    this.#lapics.splice(index, 0, apic);
    return { apic, index };
  }

  /** An ejected CPU's local APIC leaves the bus (its timer stops). */
  unplugApic(index: number): void {
    const [apic] = this.#lapics.splice(index, 1);
    apic?.reset();
    if (this.apicBus.current >= this.#lapics.length) this.apicBus.current = 0;
  }

  /** CPU `index`'s INTR/INTA: its local APIC's fixed interrupts, or the 8259's where its LINT0 takes them. */
  interruptsOf(index: number): InterruptSource {
    const l = this.lapics[index]!;
    return {
      hasInterrupt: () => l.hasFixedInterrupt() || (l.acceptsPicIntr() && this.pic.intr),
      acknowledge: () => {
        const v = l.acknowledgeFixed();
        return v >= 0 ? v : this.pic.acknowledge();
      },
    };
  }

  /** The x86 cores take INTR and A20 from here: the PIT's IRQ 0 starts ticking. */
  attachCpu(lines: CpuControlLines): void {
    this.#cpuLines = lines;
    this.#cpuAttached = true;
    lines.setA20(this.#a20);
    this.updatePitIrq();
  }

  get a20(): boolean {
    return this.#a20;
  }

  private setA20(on: boolean): void {
    if (on !== this.#a20) log('A20 %s', on ? 'enabled' : 'masked');
    this.#a20 = on;
    this.#cpuLines?.setA20(on);
  }

  /** A GSI: ISA IRQs reach the 8259 and the I/O APIC, the rest only the I/O APIC. */
  gsi(line: number, level: boolean): void {
    if (line < IOAPIC_PINS) this.#boardLevel[line] = level;
    this.drive(line);
  }

  /** A PCI interrupt router (PIIX3, ICH9) drives GSI `line`; a shared line is the OR of its sources. */
  pciIrq(line: number, level: boolean): void {
    if (line < 0 || line >= IOAPIC_PINS) return;
    if (this.#pciLevel[line] !== level) log('PCI INTx → GSI %d %s', line, level ? 'raised' : 'lowered');
    this.#pciLevel[line] = level;
    this.drive(line);
  }

  private drive(line: number): void {
    const level = (this.#boardLevel[line] ?? false) || (this.#pciLevel[line] ?? false);
    if (line < ISA_IRQS) this.pic.setIrq(line, level);
    if (line < IOAPIC_PINS) this.ioapic.setIrq(line, level);
  }

  private isaIrq(irq: number, level: boolean): void {
    this.gsi(irq, level);
  }

  private rtcIrq(level: boolean): void {
    this.#rtcLevel = level;
    if (!this.#hpetLegacy) this.gsi(RTC_ISA_IRQ, level);
  }

  private setHpetLegacy(on: boolean): void {
    this.#hpetLegacy = on;
    this.updatePitIrq();
    if (!on) this.gsi(RTC_ISA_IRQ, this.#rtcLevel);
  }

  private updatePitIrq(): void {
    this.pit.channels[0].setIrqEnabled(this.#cpuAttached && !this.#hpetLegacy);
  }

  private reset(): void {
    this.pic.reset();
    this.pit.reset();
    this.speaker.reset();
    this.i8042.reset();
    this.port92.reset();
    this.ioapic.reset();
    this.hpet?.reset();
    for (const a of this.lapics) a.reset();
    this.setA20(true);
    this.updatePitIrq();
  }
}
