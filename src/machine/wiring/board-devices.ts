import { isTraceArea } from '../../spec/trace.js';
import type { Snapshottable } from '../snapshot/part-state.js';
import { SnapshotRefused } from '../snapshot/part-state.js';
import { RamBlock } from '../bus/ram-block.js';
import { BiosTrap } from '../devices/bios-trap.js';
import { BIOS_TRAP_PORT, BIOS_TRAP_PORT_LEN } from '../../spec/bios-call.js';
import { RamWindow } from '../bus/memory-target.js';
import type { PortRange } from '../bus/port-bus.js';
import { CmosRtc } from '../devices/cmos-rtc.js';
import { DebugConsole } from '../devices/debug-console.js';
import { Serial16550 } from '../devices/serial-16550.js';
import { ParallelPort } from '../devices/parallel-port.js';
import { lpt1Backend } from '../options/machine-config.js';
import { openSerialBackend } from '../devices/serial-backend.js';
import { ResetControl } from '../devices/reset-control.js';
import { AcpiPm } from '../devices/acpi-pm.js';
import { PamController } from '../boards/pam.js';
import { type CmosDisk, cmosDiskBytes, cmosMemoryBytes, cmosMiscBytes } from '../boards/cmos-memory.js';
import { placedIdeDrives } from '../disks/ide-placement.js';
import { guessGeometry } from '../devices/disk-geometry.js';
import { statSync } from 'node:fs';
import type { MachineConfig } from '../options/machine-config.js';
import { cmosBootBytes } from '../options/boot-option.js';
import { floppyConfig } from '../disks/floppy-drives.js';
import { cmosDriveType } from '../devices/fdc/fd-formats.js';
import {
  COM_IRQS, COM_PORTS, LOW_MEMORY_END, ONE_MIB, PORT_APM, PORT_APM_LEN, PORT_CMOS, PORT_CMOS_LEN, PORT_COM_LEN,
  PORT_DEBUGCON, PORT_RESET_CONTROL, RTC_IRQ, LPT1_IRQ, PORT_LPT1, PORT_LPT_LEN,
} from '../boards/layout.js';
import { SCI_IRQ } from '../../spec/acpi-pm.js';
import { hex } from '../../lib/hex.js';
import { logger } from '../../lib/log.js';
import type { Platform } from './platform.js';
import { FirmwareRom } from './firmware-rom.js';
import { PowerControl } from './power.js';

const log = logger('machine');

export interface SerialPort {
  readonly name: string;
  /** 0 for COM1 .. 3 for COM4. */
  readonly index: number;
  readonly backend: string;
  output: string;
  /** The UART, for input (`uart.receive`). */
  uart: Serial16550 | undefined;
}

/**
 * The board's fixed devices, created in this order on the platform: RAM, the firmware ROM
 * and PAM, the RTC/CMOS, the debug console, the reset control register, the ACPI PM
 * hardware with the APM port, and COM1. The chipset maps the PM block at the base the
 * firmware programs (`setPmBase`).
 */
export class BoardDevices {
  readonly ram: RamBlock;
  readonly rom: FirmwareRom;
  readonly pam: PamController;
  readonly cmos: CmosRtc;
  readonly debugConsole: DebugConsole;
  readonly power: PowerControl;
  readonly acpiPm: AcpiPm;
  readonly serialPorts: SerialPort[] = [];
  readonly biosTrap = new BiosTrap();
  #pmRanges: PortRange[] = [];

  constructor(private readonly p: Platform) {
    const { config, board, ports } = p;
    this.debugConsole = new DebugConsole((area, text) => {
      if (isTraceArea(area)) p.trace.emit(area, text);
    });
    this.ram = new RamBlock('pc.ram', config.ramSize);
    this.mapRam();
    p.addState('ram', this.ram);
    this.rom = new FirmwareRom(p.memory);
    this.pam = new PamController(p.memory, this.ram, () => this.rom.data);
    this.cmos = new CmosRtc(p.clock, config.rtcBase);
    const fd = floppyConfig(config).units;
    const floppyTypes = [cmosDriveType(fd[0].type), cmosDriveType(fd[1].type)] as const;
    const disks = cmosDiskBytes(cmosDisks(config));
    for (const [i, v] of [...cmosMemoryBytes(p.ramLayout, config.smp), ...disks, ...cmosMiscBytes({ floppyTypes, ps2Mouse: true, boot: cmosBootBytes(config.boot.firstBoot) })]) {
      this.cmos.nvram[i] = v;
    }
    // -boot once= is for the first boot; the machine boots with order= after that (QEMU's restore_boot_order).
    const nvram = this.cmos.nvram.slice();
    for (const [i, v] of cmosMiscBytes({ floppyTypes, ps2Mouse: true, boot: cmosBootBytes(config.boot.order) })) nvram[i] = v;
    p.onPowerCycle(() => {
      this.ram.clear();
      this.cmos.nvram.set(nvram);
      this.debugConsole.clear();
      this.power.powerOn();
      for (const s of this.serialPorts) s.output = '';
    });
    ports.register('rtc', PORT_CMOS, PORT_CMOS_LEN, this.cmos.ports);
    p.onReset(() => this.cmos.reset());
    p.addState('cmos', this.cmos);
    p.addDevice({ name: 'mc146818rtc', bus: 'isa', where: `ports ${hex(PORT_CMOS)}-${hex(PORT_CMOS + 1)}, IRQ ${RTC_IRQ}` });
    ports.register('debugcon', PORT_DEBUGCON, 1, this.debugConsole);
    p.addDevice({ name: 'isa-debugcon', bus: 'isa', where: `port ${hex(PORT_DEBUGCON)}` });
    this.power = new PowerControl((text) => p.event(text));
    this.power.onSuspend(() => this.cmos.notifySuspend());
    this.cmos.onAlarmWakeup = () => this.power.requestWakeup('rtc');
    const rcr = new ResetControl((why) => this.power.requestReset(why));
    ports.register('reset-control', PORT_RESET_CONTROL, 1, rcr);
    p.onReset(() => rcr.reset());
    p.addState('reset-control', rcr);
    this.acpiPm = new AcpiPm(p.clock, p.irq, SCI_IRQ, board.gpe0Length, (req) => this.power.sleep(req.slpTyp),
      config.machineProps.get('smm') === 'off');
    this.acpiPm.onWakeupEnable = (reason, on) => this.power.enableWakeup(reason, on);
    let suspensions = 0;
    this.power.onSuspend(() => {
      const at = this.acpiPm.nextOverflowWakeupNs();
      const suspension = ++suspensions;
      // The PM timer's overflow timer: a wake-up only for the suspension it was armed in.
      if (at !== undefined) {
        p.clock.schedule(Math.max(at, p.clock.now()), () => {
          if (suspension === suspensions && this.power.isAsleep) this.power.requestWakeup('pmtimer');
        });
      }
    });
    p.addState('acpi-pm', this.acpiPm);
    if (board.gpe0FixedBase !== undefined) ports.register('gpe0', board.gpe0FixedBase, board.gpe0Length, this.acpiPm.gpe0);
    ports.register('apm', PORT_APM, PORT_APM_LEN, {
      sizes: 1,
      read: () => 0,
      write: (offset, _size, value) => {
        if (offset !== 0) return;
        if (value === board.acpiEnable) this.acpiPm.setSciEnable(true);
        else if (value === board.acpiDisable) this.acpiPm.setSciEnable(false);
      },
    });
    p.onReset(() => {
      this.acpiPm.reset();
      this.setPmBase(undefined);
      this.debugConsole.reset();
    });
    this.createSerialPorts();
    this.createParallelPort();
    ports.register('bios-trap', BIOS_TRAP_PORT, BIOS_TRAP_PORT_LEN, this.biosTrap);
    p.onReset(() => this.biosTrap.reset());
  }

  private mapRam(): void {
    const { below4g, above4g, above4gStart } = this.p.ramLayout;
    const memory = this.p.memory;
    // Below 1 MiB only conventional memory is plain RAM; 0xA0000–0xFFFFF is VGA/PAM.
    memory.map('ram-below-640k', 0, new RamWindow(this.ram, 0, LOW_MEMORY_END));
    if (below4g > ONE_MIB) memory.map('ram-below-4g', ONE_MIB, new RamWindow(this.ram, ONE_MIB, below4g - ONE_MIB));
    if (above4g > 0) memory.map('ram-above-4g', above4gStart, new RamWindow(this.ram, below4g, above4g));
    log('RAM %s below 4G, %s above at %s', hex(below4g), hex(above4g), hex(above4gStart));
  }

  /**
   * COM1..COM4 (QEMU's serial_hds_isa_init): the n-th `-serial` is COMn — `none` leaves its port out
   * and past the fourth nothing is connected (captured: q35-serial4-parallel); by default COM1 on null.
   */
  private createSerialPorts(): void {
    const { config } = this.p;
    const backends = (config.serial.length > 0 ? config.serial : config.nodefaults ? [] : ['null']).slice(0, COM_PORTS.length);
    backends.forEach((backend, index) => {
      if (backend === 'none') return;
      const base = COM_PORTS[index]!;
      const irq = COM_IRQS[index]!;
      const port: SerialPort = { name: `COM${index + 1}`, index, backend, output: '', uart: undefined };
      const sink = openSerialBackend(backend);
      const uart = new Serial16550({ write: (b) => { port.output += String.fromCharCode(b); sink.write(b); } }, this.p.irq, irq);
      port.uart = uart;
      this.p.ports.register('serial', base, PORT_COM_LEN, uart);
      this.p.onReset(() => uart.reset());
      this.p.addState(index === 0 ? 'serial' : `serial${index}`, refusingHostFile(uart, '-serial', backend));
      this.serialPorts.push(port);
      this.p.addDevice({ name: 'isa-serial', bus: 'isa', where: `ports ${hex(base)}-${hex(base + PORT_COM_LEN - 1)}, IRQ ${irq}` });
    });
  }

  /** LPT1 (QEMU's isa-parallel) on the `-parallel` backend: by default on null, none with -nodefaults. */
  private createParallelPort(): void {
    const backend = lpt1Backend(this.p.config);
    if (backend === undefined) return;
    const sink = openSerialBackend(backend, '-parallel');
    const lpt = new ParallelPort(sink, this.p.irq, LPT1_IRQ);
    this.p.ports.register('parallel', PORT_LPT1, PORT_LPT_LEN, lpt);
    this.p.onReset(() => lpt.reset());
    this.p.addState('parallel', refusingHostFile(lpt, '-parallel', backend));
    this.p.addDevice({ name: 'isa-parallel', bus: 'isa', where: `ports ${hex(PORT_LPT1)}-${hex(PORT_LPT1 + PORT_LPT_LEN - 1)}, IRQ ${LPT1_IRQ}` });
  }

  /** Map (or unmap, with undefined) the chipset's PM I/O block at the base the firmware programmed. */
  setPmBase(base: number | undefined): void {
    for (const r of this.#pmRanges) this.p.ports.unregister(r);
    this.#pmRanges = [];
    if (base === undefined) return;
    const { board } = this.p;
    const handler = board.gpe0FixedBase === undefined ? this.acpiPm.ich9Block : this.acpiPm.pm1;
    this.#pmRanges.push(this.p.ports.register('acpi-pm', base, board.pmIoLength, handler, true));
    log('PM base %s', hex(base, 4));
  }

  get pmBase(): number | undefined {
    return this.#pmRanges[0]?.base;
  }
}

/**
 * The hard disks QEMU's CMOS describes, as bus i/2 unit i%2 of its first two IDE buses: pc's IDE
 * indexes 0-3; q35's AHCI ports 0 and 1 (unit 0 only). A missing image is left to the drive's own
 * open, which reports it.
 */
function cmosDisks(config: MachineConfig): Array<CmosDisk | undefined> {
  const out: Array<CmosDisk | undefined> = [undefined, undefined, undefined, undefined];
  for (const { drive, index } of placedIdeDrives(config)) {
    if (drive.cdrom || drive.file === undefined) continue;
    const slot = config.board === 'pc' ? index : index < 2 ? index * 2 : -1;
    if (slot < 0) continue;
    let size: number;
    try { size = statSync(drive.file).size; } catch { continue; }
    out[slot] = guessGeometry(Math.floor(size / 512));
  }
  return out;
}

/**
 * A port writing to a host file (`file:PATH`) cannot be carried by a snapshot: the restoring
 * machine opens (truncates) the file again, and the bytes written before the snapshot are not in
 * it. `migrate` refuses with one line (decision 0048).
 */
function refusingHostFile(part: Snapshottable, option: string, backend: string): Snapshottable {
  if (!backend.startsWith('file:')) return part;
  return {
    saveState: () => { throw new SnapshotRefused(`${option} ${backend}: a host file cannot be saved in a snapshot (use stdio or null)`); },
    loadState: (s) => part.loadState(s),
  };
}
