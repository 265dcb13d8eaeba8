import type { BlockDevice } from './disks/block-devices.js';
import type { TraceRecord } from './trace/trace-log.js';
import type { CpuHotplug } from './devices/cpu-hotplug.js';
import type { PhysicalMemory } from './bus/physical-memory.js';
import type { PortBus } from './bus/port-bus.js';
import type { RamBlock } from './bus/ram-block.js';
import type { VirtualClock } from './clock.js';
import { CpuPowerOffSignal, CpuResetSignal, CpuSuspendSignal, HostResetSignal } from './cpu/cpu-core.js';
import type { CpuCore } from './cpu/cpu-core.js';
import type { InterruptLines } from './cpu/interrupt-lines.js';
import type { CmosRtc } from './devices/cmos-rtc.js';
import type { DebugConsole } from './devices/debug-console.js';
import type { AcpiPm } from './devices/acpi-pm.js';
import type { PamController } from './boards/pam.js';
import type { BoardSpec } from './boards/board.js';
import type { RamLayout } from './boards/ram-layout.js';
import { ABOVE_4G_MEM_START } from './boards/layout.js';
import type { MachineConfig } from './options/machine-config.js';
import type { DeviceDriver } from './options/device-driver.js';
import type { FwCfgDevice } from './fw-cfg/fw-cfg-device.js';
import type { AcpiFiles } from './fw-cfg/acpi-files.js';
import type { PciSubsystem } from './pci/pci-subsystem.js';
import type { Vmgenid } from './vmgenid/vmgenid.js';
import type { VmgenidPci } from './vmgenid/vmgenid-pci.js';
import type { Nvdimm } from './nvdimm/nvdimm.js';
import type { NvdimmDsm } from './nvdimm/nvdimm-dsm.js';
import type { DeviceManager } from './wiring/device-manager.js';
import type { PcPlatformDevices } from './wiring/pc-platform-devices.js';
import type { Platform, DeviceInfo } from './wiring/platform.js';
import type { BoardDevices, SerialPort } from './wiring/board-devices.js';
import type { E820Entry } from '../spec/e820.js';
import type { CpuProgram, ProgramExit } from '../spec/cpu-wire.js';
import type { PartState } from './snapshot/part-state.js';
import type { ProgramIdentity } from './snapshot/options-identity.js';
import { DEFAULT_X86_BOOT_BUDGET_NS, HOST_RESET, REBOOT, WAKEUP, runBootedX86 } from './x86-boot.js';
import { sleepUntilWakeup } from './suspend-wait.js';
import { X86Cpus } from './x86-cpus.js';
import { runApsFor } from './x86-run.js';
import type { WakeupReason } from './wiring/power.js';
import { noRebootOf } from './options/command-line.js';
import type { X86RunState } from './x86-run-state.js';
import { resumeBootedX86 } from './x86-boot.js';
import { resumeRawFirmware } from './raw-firmware.js';

export type { DeviceInfo } from './wiring/platform.js';
export type { SerialPort } from './wiring/board-devices.js';

/** What a power-on ran: the firmware's exit, the guest program's, and the x86 code's the firmware booted (ProgramExit `x86`). */
export interface MachineRun {
  readonly firmware: ProgramExit;
  readonly guest: ProgramExit | undefined;
  readonly consoleSplit: number;
  readonly x86?: ProgramExit;
}

/** How many times in a row firmware may reset the machine before fwlab calls it a loop. */
const MAX_RESETS = 4;

/**
 * A whole PC as the tools see it: the parts the DeviceManager built (src/machine/wiring/),
 * and the power-on loop that runs the firmware and the guest on the CPU core. No part
 * holds the Machine; it only reads them.
 */
export class Machine {
  readonly config: MachineConfig;
  readonly drivers: ReadonlyMap<string, DeviceDriver>;
  readonly board: BoardSpec;
  readonly memory: PhysicalMemory;
  readonly ports: PortBus;
  readonly clock: VirtualClock;
  readonly irq: InterruptLines;
  readonly cpu: CpuCore;
  /** The possible CPUs (-smp) and the CPU hot-plug register block. */
  readonly cpus: CpuHotplug;
  readonly ram: RamBlock;
  readonly ramLayout: RamLayout;
  /** What QEMU hands the firmware as etc/e820. */
  readonly e820: readonly E820Entry[];
  readonly cmos: CmosRtc;
  readonly debugConsole: DebugConsole;
  readonly serialPorts: readonly SerialPort[];
  readonly acpiPm: AcpiPm;
  readonly pam: PamController;
  readonly devices: readonly DeviceInfo[];
  readonly events: readonly string[];
  /** When each of `events` happened (virtual ns). */
  readonly eventTimes: readonly number[];
  readonly pci: PciSubsystem;
  readonly fwCfg: FwCfgDevice;
  readonly acpiFiles: AcpiFiles;
  /** The NVDIMMs in creation order (empty without `-device nvdimm`). */
  readonly nvdimms: readonly Nvdimm[];
  /** The NVDIMM DSM port at 0x0A18 (`-machine nvdimm=on`). */
  readonly nvdimmDsm: NvdimmDsm | undefined;
  /** The x86 run holding the CPU (raw firmware or booted code), saved as the `x86` section. */
  readonly x86Run: X86RunState;
  readonly #platform: Platform;
  readonly #board: BoardDevices;
  readonly #parts: DeviceManager;
  /** The programs the last power-on (or restore) ran: what a snapshot of this machine records. */
  programs: ProgramIdentity | undefined;
  #hasRun = false;
  #x86: X86Cpus | undefined;

  constructor(parts: DeviceManager) {
    const p = this.#platform = parts.platform;
    const b = this.#board = parts.board;
    this.#parts = parts;
    this.config = p.config;
    this.drivers = parts.drivers;
    this.board = p.board;
    this.memory = p.memory;
    this.ports = p.ports;
    this.clock = p.clock;
    this.irq = p.irq;
    this.ramLayout = p.ramLayout;
    this.e820 = p.e820;
    this.devices = p.devices;
    this.events = p.events;
    this.eventTimes = p.eventTimes;
    this.cpu = parts.cpu;
    this.cpus = parts.cpuHotplug;
    this.ram = b.ram;
    this.cmos = b.cmos;
    this.debugConsole = b.debugConsole;
    this.serialPorts = b.serialPorts;
    this.acpiPm = b.acpiPm;
    this.pam = b.pam;
    this.pci = parts.pci;
    this.fwCfg = parts.fwCfg;
    this.acpiFiles = parts.acpiFiles;
    this.nvdimms = parts.attached.nvdimms;
    this.nvdimmDsm = parts.nvdimmDsm;
    this.x86Run = parts.x86Run;
    // With room for more than one CPU (a plugged one too is started and parked by a reboot's firmware).
    if (this.config.topology.maxCpus > 1) {
      const dev = parts.platformDevices;
      const cpus = this.#x86 = new X86Cpus(this);
      this.cpu.setCompanions({
        runFor: (ns) => runApsFor(cpus.cpus, { clock: this.clock, takeNmi: (i) => dev.lapics[i]!.takeNmi(), select: (i) => { dev.apicBus.current = i; }, sync: () => cpus.sync() }, ns),
      });
    }
  }

  /**
   * With room for more than one CPU (-smp N or maxcpus), the machine's x86 CPUs, kept for its life:
   * the APs (boot and plugged ones) run beside the firmware (its smp_setup) and stay parked for the
   * code it boots. Undefined with one possible CPU (booted code gets a new x86 core each time).
   */
  get x86Cpus(): X86Cpus | undefined {
    return this.#x86;
  }

  /** Trace records kept for the report (areas asked for in opt/fwlab/trace, src/spec/trace.ts). */
  /** The drives by QEMU's block-layer names (the monitor's media commands). */
  get blockDevices(): readonly BlockDevice[] {
    return this.#platform.blockDevices;
  }

  get traceRecords(): readonly TraceRecord[] {
    return this.#platform.trace.records;
  }

  /** The vmgenid device, or undefined without `-device vmgenid`. */
  get vmgenid(): Vmgenid | undefined {
    return this.#parts.attached.vmgenid;
  }

  /** The interrupt controllers and timers (8259, 8254, i8042, I/O APIC, HPET, local APIC). */
  get platformDevices(): PcPlatformDevices {
    return this.#parts.platformDevices;
  }

  /** The v19 PCI vmgenid device, or undefined without `-device vmgenid-pci`. */
  get vmgenidPci(): VmgenidPci | undefined {
    return this.#parts.attached.vmgenidPci;
  }

  onReset(handler: () => void): void {
    this.#platform.onReset(handler);
  }

  /** A line in the machine's event log (the boot report's `events`). */
  addEvent(text: string): void {
    this.#platform.event(text);
  }

  /** Add a named section to the boot report. */
  addReportSection(name: string, collect: () => unknown): void {
    this.#platform.addReportSection(name, collect);
  }

  reportSections(): ReadonlyMap<string, () => unknown> {
    return this.#platform.reportSections();
  }

  /** Map (or unmap, with undefined) the chipset's PM I/O block at the base the firmware programmed. */
  setPmBase(base: number | undefined): void {
    this.#board.setPmBase(base);
  }

  get pmBase(): number | undefined {
    return this.#board.pmBase;
  }

  /** Map a firmware ROM image just below 4 GiB; its last 128 KiB shows through at 0xE0000 via PAM. */
  installRom(name: string, image: Uint8Array): void {
    this.#board.rom.install(name, image);
  }

  get romInfo(): { name: string; base: number; size: number } | undefined {
    return this.#board.rom.info;
  }

  requestReset(reason: string): never {
    return this.#board.power.requestReset(reason);
  }

  get isPoweredOff(): boolean {
    return this.#board.power.isPoweredOff;
  }

  /**
   * QMP `system_reset` while the machine runs (a command at a virtual time): a reset (or, with
   * -no-reboot, a shutdown) the run takes where the clock event that ran the command returns
   * (takeHostRequest), as it takes a guest's 0xCF9.
   */
  requestHostReset(): 'reset' | 'shutdown' {
    return this.#board.power.requestHostReset(noRebootOf(this.config.argv));
  }

  /**
   * A BSP in `cli; hlt` ends no x86 run before this virtual time: the last monitor command
   * scheduled on the clock (`--qmp-at`) still reaches the machine, as QEMU keeps a halted machine.
   */
  holdUntilNs: number | undefined;

  /** QEMU's -no-reboot: a reset request shuts the machine down instead. */
  get noReboot(): boolean {
    return noRebootOf(this.config.argv);
  }

  takeHostRequest(): void {
    this.#board.power.takeHostRequest();
  }

  /** Why the monitor stopped the machine while it was suspended (the run ends there). */
  get stoppedAsleep(): string | undefined {
    return this.#board.power.stoppedAsleep;
  }

  /** Reset while suspended and left stopped (QMP `query-status`: prelaunch). */
  get isPrelaunch(): boolean {
    return this.#board.power.isPrelaunch;
  }

  /** Suspended to RAM (S3) and not yet asked to wake up: QMP `query-status` says "suspended". */
  get isAsleep(): boolean {
    return this.#board.power.isAsleep;
  }

  /** QMP `system_wakeup` (reason other), an RTC alarm or the PM timer: an error text when not suspended. */
  requestWakeup(reason: WakeupReason): string | undefined {
    return this.#board.power.requestWakeup(reason);
  }

  /**
   * QMP `system_powerdown`: the ACPI power button, whatever the run state — a suspended machine
   * stays suspended (QEMU 7.2, s3-probe-powerdown captures).
   */
  pressPowerButton(): void {
    this.#platform.event(`power button${this.acpiPm.powerButtonEnabled ? '' : ' (PWRBTN_EN clear)'}`);
    this.acpiPm.pressPowerButton();
  }

  /**
   * QEMU's pc_machine_wakeup: a system reset that keeps RAM (and CMOS 0Fh = FEh, the RTC's
   * suspend notifier's), then acpi_notify_wakeup's PM1_STS bits. The CPU restarts at the reset vector.
   */
  wakeupReset(): void {
    this.#platform.resetDevices();
    this.#x86?.reset();
    const reason = this.#board.power.completeWakeup();
    if (reason) this.acpiPm.notifyWakeup(reason);
  }

  /** Reset every device to its power-on state (RAM keeps its contents, as on a PC). */
  reset(): void {
    this.#board.power.clearHostStop();
    this.#platform.resetDevices();
    this.#x86?.reset();
    this.cpu.reset();
  }

  /**
   * Power off and on (QEMU quit and start again with the same command line, minus the cost of
   * building): RAM and NVDIMM contents, CMOS, logs, events and the clock as when built, then reset.
   * Hot-plugged devices stay plugged.
   */
  powerCycle(): void {
    this.x86Run.clear();
    this.#platform.powerCycle();
    this.cpu.reset();
    this.#hasRun = false;
  }

  /** The firmware has run since the machine was built or power-cycled. */
  get hasRun(): boolean {
    return this.#hasRun;
  }

  /**
   * Run the firmware from reset, then hand the CPU to the guest image if the firmware
   * boots one. A reset through 0xCF9 restarts the firmware (a bounded number of times).
   * `x86.until` stops x86 code the firmware booted once it returns true (`--until`); `x86.budgetNs`
   * is the virtual time it may run (`--run-for`).
   */
  run(firmware: CpuProgram, guest: CpuProgram | undefined, guestArgs?: readonly string[], x86Options: { until?: (() => boolean) | undefined; budgetNs?: number | undefined } = {}): MachineRun {
    this.programs = programIdentity(firmware, guest, guestArgs);
    this.#hasRun = true;
    const budgetNs = x86Options.budgetNs ?? DEFAULT_X86_BOOT_BUDGET_NS;
    let woken = false;
    /** The program that held the CPU when the machine suspended (S3): the firmware's jump to its waking vector goes back to it. */
    let sleeper: CpuProgram | undefined;
    // A firmware that resets before it hands over, or booted code and guests that reset, this many
    // times make a reset loop; the monitor's system_reset counts toward neither.
    let firmwareResets = 0;
    let bootedResets = 0;
    const loop = `reset loop (${MAX_RESETS} resets)`;
    for (;;) {
      this.x86Run.clear();
      if (woken) {
        this.wakeupReset();
        this.cpu.reset();
        woken = false;
      } else this.reset();
      let exit: ProgramExit;
      try {
        exit = this.cpu.run(firmware);
      } catch (e) {
        if (!(e instanceof CpuResetSignal)) throw e;
        if (e instanceof CpuPowerOffSignal) return { firmware: { kind: 'halt', reason: e.message }, guest: undefined, consoleSplit: this.consoleLines() };
        if (e instanceof CpuSuspendSignal) {
          const asleep = sleepUntilWakeup(this, this.clock.now() + budgetNs);
          if (asleep) return { firmware: asleep, guest: undefined, consoleSplit: this.consoleLines() };
          woken = true;
          continue;
        }
        if (e instanceof HostResetSignal) firmwareResets = 0;
        else if (++firmwareResets >= MAX_RESETS) return { firmware: { kind: 'halt', reason: loop }, guest: undefined, consoleSplit: this.consoleLines() };
        continue;
      }
      firmwareResets = 0;
      const consoleSplit = this.consoleLines();
      this.#residentFirmware(exit.kind === 'handover' || exit.kind === 'x86' ? firmware : undefined);
      const waking = exit.kind === 'x86' ? sleeper : undefined;
      sleeper = undefined;
      if (exit.kind === 'x86' && waking?.wake) {
        // The firmware resumed to the FACS waking vector of a program that slept (decision 0053).
        const wake = waking.wake.bind(waking);
        const vector = exit.entry?.flat32 ? exit.ip : exit.cs * 16 + exit.ip;
        const r = this.#runProgram(() => this.cpu.run({ ...waking, run: (w) => wake(w, vector) }), exit, consoleSplit, budgetNs);
        if (r.result) return r.result;
        if (r.slept) { sleeper = waking; woken = true; } else if (!r.host && ++bootedResets >= MAX_RESETS) return { firmware: exit, guest: { kind: 'halt', reason: loop }, consoleSplit };
        continue;
      }
      if (exit.kind === 'x86') {
        // Booted code that resets the machine restarts the firmware, as under QEMU without -no-reboot.
        const x86 = runBootedX86(this, exit, { reboot: !noRebootOf(this.config.argv), until: x86Options.until, budgetNs: x86Options.budgetNs });
        if (x86 === WAKEUP) {
          // pc_machine_wakeup: the firmware runs from the reset vector and finds the S3 resume.
          woken = true;
          continue;
        }
        if (x86 === HOST_RESET) continue;
        if (x86 !== REBOOT) return { firmware: exit, guest: undefined, consoleSplit, x86 };
        this.addEvent('the booted code reset the machine: the firmware starts again');
        if (++bootedResets >= MAX_RESETS) return { firmware: exit, guest: undefined, consoleSplit, x86: { kind: 'halt', reason: loop } };
        continue;
      }
      if (exit.kind !== 'handover' || !guest) return { firmware: exit, guest: undefined, consoleSplit };
      const r = this.#runProgram(() => this.cpu.run(guest, guestArgs), exit, consoleSplit, budgetNs);
      if (r.result) return r.result;
      if (r.slept) { sleeper = guest; woken = true; } else if (!r.host && ++bootedResets >= MAX_RESETS) return { firmware: exit, guest: { kind: 'halt', reason: loop }, consoleSplit };
    }
  }

  /**
   * Runs a program the firmware handed the CPU to. A reset ends it without a result (the firmware
   * starts again); a soft-off ends the run; a suspend (S3) sleeps the machine: a result if it never wakes within the budget,
   * else `slept` (the firmware resumes, and its jump to the waking vector goes back to the program).
   */
  #runProgram(run: () => MachineRun['guest'], exit: ProgramExit, consoleSplit: MachineRun['consoleSplit'], budgetNs: number): { result?: MachineRun; slept: boolean; host?: boolean } {
    try {
      return { result: { firmware: exit, guest: run(), consoleSplit }, slept: false };
    } catch (e) {
      if (!(e instanceof CpuResetSignal)) throw e;
      if (e instanceof CpuPowerOffSignal) return { result: { firmware: exit, guest: { kind: 'halt', reason: e.message }, consoleSplit }, slept: false };
      if (!(e instanceof CpuSuspendSignal)) return { slept: false, host: e instanceof HostResetSignal };
      const asleep = sleepUntilWakeup(this, this.clock.now() + budgetNs);
      return asleep ? { result: { firmware: exit, guest: asleep, consoleSplit }, slept: true } : { slept: true };
    }
  }

  /** Every part's snapshot state in creation order (decision 0022); throws if the resident program cannot be saved. */
  saveState(): Array<{ name: string; state: PartState }> {
    return this.#platform.states.saveAll();
  }

  /**
   * Restore a snapshot's sections into this freshly built machine (same options, ROM installed),
   * then hand the CPU back to the saved program through its resume hook. A raw firmware has no
   * program (`firmware` undefined). An x86 run the snapshot held goes on with `resumeX86`.
   */
  restore(sections: ReadonlyMap<string, PartState>, firmware: CpuProgram | undefined, guest: CpuProgram | undefined, guestArgs?: readonly string[]): ProgramExit | undefined {
    if (firmware) this.programs = programIdentity(firmware, guest, guestArgs);
    this.#platform.states.loadAll(sections);
    this.clock.checkRestoredTimers();
    this.#residentFirmware(firmware);
    return this.cpu.resume(guest, guestArgs);
  }

  /** The snapshot restored last held an x86 run (raw firmware or booted code): `resumeX86` continues it. */
  get hasX86Run(): boolean {
    return this.x86Run.loaded !== undefined;
  }

  /**
   * Continue the x86 run a restored snapshot held, on a new core with the saved registers (decision
   * 0048): to `until` or the end of the budget, which counts from the run's start on the saved
   * machine, so `--run-for` means the same instant before and after a restore. A reset of booted
   * code ends the run (after a restore fwlab's firmware is not run again).
   */
  resumeX86(opts: { until?: (() => boolean) | undefined; budgetNs?: number | undefined; rawPath?: string } = {}): ProgramExit | undefined {
    const loaded = this.x86Run.takeLoaded();
    if (!loaded) return undefined;
    const cpus = this.#x86 ?? new X86Cpus(this);
    cpus.bsp.loadState(loaded.cpu);
    const noReboot = noRebootOf(this.config.argv);
    if (loaded.kind === 'raw') {
      return resumeRawFirmware(this, opts.rawPath ?? 'raw', cpus, loaded.startNs, { noReboot, ...(opts.until ? { until: opts.until } : {}), ...(opts.budgetNs !== undefined ? { budgetNs: opts.budgetNs } : {}) }).exit;
    }
    const r = resumeBootedX86(this, cpus, loaded.startNs, { reboot: !noReboot, until: opts.until, budgetNs: opts.budgetNs });
    if (r === REBOOT) return { kind: 'halt', reason: 'reset requested by the booted code (not followed after a restore)' };
    if (r === HOST_RESET) return { kind: 'halt', reason: 'reset by system_reset (not followed after a restore)' };
    if (r === WAKEUP) return { kind: 'halt', reason: 'woken from S3 (not followed after a restore)' };
    return r;
  }

  /**
   * The firmware that handed over stays resident for BIOS call traps from real-mode code
   * (src/spec/bios-call.ts); it serves them on the CPU wire.
   */
  #residentFirmware(firmware: CpuProgram | undefined): void {
    const serve = firmware?.serve;
    this.#board.biosTrap.onTrap = serve ? () => serve.call(firmware, this.cpu.wire) : undefined;
  }

  /** Traps the resident firmware has served, per vector. */
  get biosCalls(): ReadonlyMap<number, number> {
    return this.#board.biosTrap.counts;
  }

  /** Debug-console lines so far (a partial line is flushed first). */
  consoleLines(): number {
    this.debugConsole.flush();
    return this.debugConsole.lines.length;
  }

  /** Bytes the RAM actually uses (lazy allocation). */
  get ramAllocated(): number {
    return this.ram.allocated;
  }

  get highRamStart(): number {
    return this.ramLayout.above4g > 0 ? this.ramLayout.above4gStart : ABOVE_4G_MEM_START;
  }
}

function programIdentity(firmware: CpuProgram, guest: CpuProgram | undefined, guestArgs: readonly string[] | undefined): ProgramIdentity {
  return { firmware: `${firmware.name}@${firmware.version}`, guest: guest ? `${guest.name}@${guest.version}` : null, guestArgs: [...(guestArgs ?? [])] };
}
