import type { BlockDevice } from '../disks/block-devices.js';
import { PhysicalMemory } from '../bus/physical-memory.js';
import { PortBus } from '../bus/port-bus.js';
import { VirtualClock } from '../clock.js';
import { InterruptLines } from '../cpu/interrupt-lines.js';
import { BOARDS } from '../boards/board.js';
import type { BoardSpec } from '../boards/board.js';
import { computeRamLayout } from '../boards/ram-layout.js';
import type { RamLayout } from '../boards/ram-layout.js';
import { qemuE820 } from '../boards/e820-table.js';
import type { MachineConfig } from '../options/machine-config.js';
import type { E820Entry } from '../../spec/e820.js';
import { StateRegistry } from '../snapshot/part-state.js';
import type { Snapshottable } from '../snapshot/part-state.js';
import { TRACE_FILE, parseTraceAreas } from '../../spec/trace.js';
import { TraceLog } from '../trace/trace-log.js';

/** A device as the boot report lists it. */
export interface DeviceInfo {
  readonly name: string;
  readonly id?: string | undefined;
  readonly bus: 'isa' | 'pci' | 'system' | 'usb';
  /** Where it sits: "ports 0x3f8-0x3ff, IRQ 4", "00:03.0"... */
  readonly where: string;
}

/**
 * The ground floor every part stands on: the validated config, the board, the address
 * spaces (memory, ports), the virtual clock, the ISA interrupt lines, and the machine-wide
 * lists (reset handlers, device list, report sections, events). Created first by the
 * DeviceManager; parts receive it (or a narrower view of it), never the Machine.
 */
export class Platform {
  readonly board: BoardSpec;
  readonly memory = new PhysicalMemory();
  readonly ports = new PortBus();
  readonly clock = new VirtualClock();
  readonly irq = new InterruptLines();
  readonly ramLayout: RamLayout;
  /** What QEMU hands the firmware as etc/e820. */
  readonly e820: readonly E820Entry[];
  readonly devices: DeviceInfo[] = [];
  /** The drives by QEMU's names (the monitor's query-block, eject, blockdev-change-medium). */
  readonly blockDevices: BlockDevice[] = [];
  readonly events: string[] = [];
  /** The virtual time of each event, in ns (QMP event timestamps). */
  readonly eventTimes: number[] = [];
  /** Traces asked for in opt/fwlab/trace (src/spec/trace.ts), or by DEBUG=fwlab:<area>. */
  readonly trace: TraceLog;
  readonly #resetHandlers: Array<() => void> = [];
  readonly #powerOnHandlers: Array<() => void> = [];
  #builtEvents = 0;
  #built = false;
  readonly #sections = new Map<string, () => unknown>();
  /** What a snapshot saves, part by part, in creation order (decision 0022). */
  readonly states = new StateRegistry();

  constructor(readonly config: MachineConfig) {
    this.board = BOARDS[config.board];
    this.ramLayout = computeRamLayout({
      board: config.board, ramSize: config.ramSize, maxmem: config.maxmem, slots: config.slots,
      maxRamBelow4g: Number(config.machineProps.get('max-ram-below-4g') ?? 0),
      amdCpu: config.cpu.amd, physBits: config.cpu.physBits,
    });
    this.e820 = qemuE820(this.ramLayout);
    const traceFile = config.fwCfgFiles.find((f) => f.name === TRACE_FILE);
    this.trace = new TraceLog(new Set(traceFile ? parseTraceAreas(String.fromCharCode(...traceFile.data)) : []));
    if (this.trace.areas.size) this.addReportSection('trace', () => ({ areas: [...this.trace.areas], dropped: this.trace.dropped, records: this.trace.records }));
  }

  /** Run `handler` on every machine reset, in registration order (= creation order). */
  onReset(handler: () => void): void {
    this.#resetHandlers.push(handler);
  }

  resetDevices(): void {
    for (const h of this.#resetHandlers) h();
  }

  /** Register a part's snapshot state under a unique section name: one line where the part is wired. */
  addState(name: string, part: Snapshottable): void {
    this.states.add(name, part);
  }

  /** Run `handler` on a power cycle: put back what a fresh machine has (RAM contents, logs, NVRAM). */
  onPowerCycle(handler: () => void): void {
    this.#powerOnHandlers.push(handler);
  }

  /** The machine is built: a power cycle returns the event log to this point. */
  markBuilt(): void {
    this.#builtEvents = this.events.length;
    this.#built = true;
  }

  /** After start-up: a device created now is hot-plugged. */
  get isBuilt(): boolean {
    return this.#built;
  }

  /** Power off and on: devices reset (BARs unmapped), then the parts' as-built state and the clock at 0. */
  powerCycle(): void {
    this.resetDevices();
    for (const h of this.#powerOnHandlers) h();
    this.clock.reset();
    this.events.length = this.#builtEvents;
    this.eventTimes.length = this.#builtEvents;
  }

  addDevice(info: DeviceInfo): void {
    this.devices.push(info);
  }

  /** Add a named section to the boot report (PCI, fw_cfg, vmgenid... register theirs). */
  addReportSection(name: string, collect: () => unknown): void {
    this.#sections.set(name, collect);
  }

  reportSections(): ReadonlyMap<string, () => unknown> {
    return this.#sections;
  }

  /** A line in the machine's event log (the boot report's `events`). */
  event(text: string): void {
    this.events.push(text);
    this.eventTimes.push(this.clock.now());
  }
}
