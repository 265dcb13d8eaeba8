import { PhysicalMemory } from './bus/physical-memory.js';
import { PortBus } from './bus/port-bus.js';
import { RamBlock } from './bus/ram-block.js';
import { RamWindow, RomWindow } from './bus/memory-target.js';
import { VirtualClock } from './clock.js';
import { CpuCore, CpuResetSignal } from './cpu/cpu-core.js';
import { InterruptLines } from './cpu/interrupt-lines.js';
import { CmosRtc } from './devices/cmos-rtc.js';
import { DebugConsole } from './devices/debug-console.js';
import { Serial16550 } from './devices/serial-16550.js';
import { ResetControl } from './devices/reset-control.js';
import { AcpiPm } from './devices/acpi-pm.js';
import { PamController } from './boards/pam.js';
import { BOARDS } from './boards/board.js';
import type { BoardSpec } from './boards/board.js';
import { computeRamLayout } from './boards/ram-layout.js';
import type { RamLayout } from './boards/ram-layout.js';
import { qemuE820 } from './boards/e820-table.js';
import { cmosMemoryBytes, cmosMiscBytes } from './boards/cmos-memory.js';
import {
  ABOVE_4G_MEM_START, BIOS_ROM_END, COM1_IRQ, LOW_MEMORY_END, ONE_MIB, PORT_APM, PORT_APM_LEN, PORT_CMOS,
  PORT_CMOS_LEN, PORT_COM1, PORT_COM_LEN, PORT_DEBUGCON, PORT_RESET_CONTROL,
} from './boards/layout.js';
import type { MachineConfig } from './options/machine-config.js';
import type { DeviceDriver } from './options/device-driver.js';
import type { PortRange } from './bus/port-bus.js';
import type { E820Entry } from '../spec/e820.js';
import type { CpuProgram, ProgramExit } from '../spec/cpu-wire.js';
import { SCI_IRQ } from '../spec/acpi-pm.js';
import { KiB } from '../lib/size.js';
import { logger } from '../lib/log.js';
import { hex } from '../lib/hex.js';

const log = logger('machine');

/** A device as the boot report lists it. */
export interface DeviceInfo {
  readonly name: string;
  readonly id?: string | undefined;
  readonly bus: 'isa' | 'pci' | 'system';
  /** Where it sits: "ports 0x3f8-0x3ff, IRQ 4", "00:03.0"... */
  readonly where: string;
}

export interface SerialPort {
  readonly name: string;
  readonly backend: string;
  output: string;
}


/** How many times in a row firmware may reset the machine before fwlab calls it a loop. */
const MAX_RESETS = 4;

/**
 * A whole PC: buses, RAM, the CPU core and the board's fixed devices, built from a
 * validated MachineConfig. Subsystems (PCI, fw_cfg, ACPI) attach through `onReset`,
 * `addReportSection` and the device catalog.
 */
export class Machine {
  readonly board: BoardSpec;
  readonly memory = new PhysicalMemory();
  readonly ports = new PortBus();
  readonly clock = new VirtualClock();
  readonly irq = new InterruptLines();
  readonly cpu: CpuCore;
  readonly ram: RamBlock;
  readonly ramLayout: RamLayout;
  /** What QEMU hands the firmware as etc/e820. */
  readonly e820: readonly E820Entry[];
  readonly cmos: CmosRtc;
  readonly debugConsole = new DebugConsole();
  readonly serialPorts: SerialPort[] = [];
  readonly acpiPm: AcpiPm;
  readonly pam: PamController;
  readonly devices: DeviceInfo[] = [];
  readonly events: string[] = [];
  private readonly resetHandlers: Array<() => void> = [];
  private readonly sections = new Map<string, () => unknown>();
  private rom: Uint8Array | undefined;
  private romName = '';
  private pmRanges: PortRange[] = [];
  private resetRequested: string | undefined;
  private poweredOff = false;

  constructor(readonly config: MachineConfig, readonly drivers: ReadonlyMap<string, DeviceDriver>) {
    this.board = BOARDS[config.board];
    this.cpu = new CpuCore(this.ports, this.memory, this.clock, this.irq);
    this.ramLayout = computeRamLayout({
      board: config.board, ramSize: config.ramSize, maxmem: config.maxmem, slots: config.slots,
      maxRamBelow4g: Number(config.machineProps.get('max-ram-below-4g') ?? 0),
      amdCpu: config.cpu.amd, physBits: config.cpu.physBits,
    });
    this.e820 = qemuE820(this.ramLayout);
    this.ram = new RamBlock('pc.ram', config.ramSize);
    this.mapRam();
    this.pam = new PamController(this.memory, this.ram, () => this.rom);
    this.cmos = new CmosRtc(this.clock, config.rtcBase);
    for (const [i, v] of [...cmosMemoryBytes(this.ramLayout, config.smp), ...cmosMiscBytes({ floppies: 0, ps2Mouse: true })]) {
      this.cmos.nvram[i] = v;
    }
    this.ports.register('rtc', PORT_CMOS, PORT_CMOS_LEN, this.cmos.ports);
    this.addDevice({ name: 'mc146818rtc', bus: 'isa', where: `ports ${hex(PORT_CMOS)}-${hex(PORT_CMOS + 1)}, IRQ 8` });
    this.ports.register('debugcon', PORT_DEBUGCON, 1, this.debugConsole);
    this.addDevice({ name: 'isa-debugcon', bus: 'isa', where: `port ${hex(PORT_DEBUGCON)}` });
    const rcr = new ResetControl((why) => this.requestReset(why));
    this.ports.register('reset-control', PORT_RESET_CONTROL, 1, rcr);
    this.onReset(() => rcr.reset());
    this.acpiPm = new AcpiPm(this.clock, this.irq, SCI_IRQ, this.board.gpe0Length, (req) => this.sleep(req.slpTyp));
    if (this.board.gpe0FixedBase !== undefined) {
      this.ports.register('gpe0', this.board.gpe0FixedBase, this.board.gpe0Length, this.acpiPm.gpe0);
    }
    this.ports.register('apm', PORT_APM, PORT_APM_LEN, {
      sizes: 1,
      read: () => 0,
      write: (offset, _size, value) => {
        if (offset !== 0) return;
        if (value === this.board.acpiEnable) this.acpiPm.setSciEnable(true);
        else if (value === this.board.acpiDisable) this.acpiPm.setSciEnable(false);
      },
    });
    this.onReset(() => {
      this.acpiPm.reset();
      this.setPmBase(undefined);
      this.pam.reset();
      this.debugConsole.reset();
    });
    this.createSerialPorts();
  }

  private mapRam(): void {
    const { below4g, above4g, above4gStart } = this.ramLayout;
    // Below 1 MiB only conventional memory is plain RAM; 0xA0000–0xFFFFF is VGA/PAM.
    this.memory.map('ram-below-640k', 0, new RamWindow(this.ram, 0, LOW_MEMORY_END));
    if (below4g > ONE_MIB) this.memory.map('ram-below-4g', ONE_MIB, new RamWindow(this.ram, ONE_MIB, below4g - ONE_MIB));
    if (above4g > 0) this.memory.map('ram-above-4g', above4gStart, new RamWindow(this.ram, below4g, above4g));
    log('RAM %s below 4G, %s above at %s', hex(below4g), hex(above4g), hex(above4gStart));
  }

  private createSerialPorts(): void {
    const backends = this.config.serial.length > 0 ? this.config.serial : this.config.nodefaults ? [] : ['null'];
    const backend = backends[0];
    if (backend === undefined || backend === 'none') return;
    const port: SerialPort = { name: 'COM1', backend, output: '' };
    const uart = new Serial16550({ write: (b) => { port.output += String.fromCharCode(b); } }, this.irq, COM1_IRQ);
    this.ports.register('serial', PORT_COM1, PORT_COM_LEN, uart);
    this.onReset(() => uart.reset());
    this.serialPorts.push(port);
    this.addDevice({ name: 'isa-serial', bus: 'isa', where: `ports ${hex(PORT_COM1)}-${hex(PORT_COM1 + 7)}, IRQ ${COM1_IRQ}` });
  }

  addDevice(info: DeviceInfo): void {
    this.devices.push(info);
  }

  /** Create the `-device` instances, in command-line order, through their drivers. */
  createDevices(): void {
    for (const d of this.config.devices) {
      const driver = this.drivers.get(d.driver);
      if (!driver) throw new Error(`no driver ${d.driver}`);
      driver.create(this, d);
    }
  }

  onReset(handler: () => void): void {
    this.resetHandlers.push(handler);
  }

  /** Add a named section to the boot report (PCI, fw_cfg, ACPI... register theirs). */
  addReportSection(name: string, collect: () => unknown): void {
    this.sections.set(name, collect);
  }

  reportSections(): ReadonlyMap<string, () => unknown> {
    return this.sections;
  }

  /** Map (or unmap, with undefined) the chipset's PM I/O block at the base the firmware programmed. */
  setPmBase(base: number | undefined): void {
    for (const r of this.pmRanges) this.ports.unregister(r);
    this.pmRanges = [];
    if (base === undefined) return;
    const handler = this.board.gpe0FixedBase === undefined ? this.acpiPm.ich9Block : this.acpiPm.pm1;
    this.pmRanges.push(this.ports.register('acpi-pm', base, this.board.pmIoLength, handler, true));
    log('PM base %s', hex(base, 4));
  }

  get pmBase(): number | undefined {
    return this.pmRanges[0]?.base;
  }

  /** Map a firmware ROM image just below 4 GiB; its last 128 KiB shows through at 0xE0000 via PAM. */
  installRom(name: string, image: Uint8Array): void {
    if (this.rom) throw new Error(`a ROM (${this.romName}) is already installed`);
    // At least 128 KiB, so the isa-bios alias at 0xE0000 is all ROM (QEMU caps it at 128 KiB).
    let size = 128 * KiB;
    while (size < image.length) size *= 2;
    const data = new Uint8Array(size).fill(0xff);
    data.set(image, size - image.length);
    this.rom = data;
    this.romName = name;
    this.memory.map(`bios ${name}`, BIOS_ROM_END - size, new RomWindow(data));
  }

  get romInfo(): { name: string; base: number; size: number } | undefined {
    return this.rom ? { name: this.romName, base: BIOS_ROM_END - this.rom.length, size: this.rom.length } : undefined;
  }

  requestReset(reason: string): void {
    this.resetRequested = reason;
    this.events.push(`reset requested: ${reason}`);
    throw new CpuResetSignal(reason);
  }

  private sleep(slpTyp: number): void {
    // QEMU's acpi_pm1_cnt_write: SLP_TYP 0 is soft-off (S5) on both boards' _S5 package.
    if (slpTyp === 0) {
      this.poweredOff = true;
      this.events.push('power off (S5)');
    } else this.events.push(`sleep request SLP_TYP=${slpTyp} (not emulated)`);
  }

  get isPoweredOff(): boolean {
    return this.poweredOff;
  }

  /** Reset every device to its power-on state (RAM keeps its contents, as on a PC). */
  reset(): void {
    for (const h of this.resetHandlers) h();
    this.cpu.reset();
  }

  /**
   * Run the firmware from reset, then hand the CPU to the guest image if the firmware
   * boots one. A reset through 0xCF9 restarts the firmware (a bounded number of times).
   */
  run(firmware: CpuProgram, guest: CpuProgram | undefined): { firmware: ProgramExit; guest: ProgramExit | undefined; consoleSplit: number } {
    for (let attempt = 0; ; attempt++) {
      this.reset();
      this.resetRequested = undefined;
      let exit: ProgramExit;
      try {
        exit = this.cpu.run(firmware);
      } catch (e) {
        if (!(e instanceof CpuResetSignal)) throw e;
        if (attempt + 1 >= MAX_RESETS) {
          return { firmware: { kind: 'halt', reason: `reset loop (${MAX_RESETS} resets)` }, guest: undefined, consoleSplit: this.consoleLines() };
        }
        continue;
      }
      const consoleSplit = this.consoleLines();
      if (exit.kind !== 'handover' || !guest) return { firmware: exit, guest: undefined, consoleSplit };
      try {
        return { firmware: exit, guest: this.cpu.run(guest), consoleSplit };
      } catch (e) {
        if (!(e instanceof CpuResetSignal)) throw e;
      }
    }
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
