/**
 * The monitor's event queue: QEMU's `{"timestamp": {"seconds", "microseconds"}, "event", "data"}`
 * with the time taken from the virtual clock (deterministic). QEMU events: RESET and SHUTDOWN
 * (host- or guest-caused), STOP, RESUME, DEVICE_DELETED, SUSPEND, WAKEUP, SUSPEND_DISK; fwlab's own: VMGENID_CHANGED,
 * BAR_OVERLAP, CONSOLE (a debug-console line).
 */
import type { Machine } from '../../inspect.js';

export interface QmpEvent {
  readonly timestamp: { readonly seconds: number; readonly microseconds: number };
  readonly event: string;
  readonly data?: unknown;
}

export class MonitorEvents {
  private readonly pending: QmpEvent[] = [];
  private consoleSeen: number;
  private machineEventsSeen: number;
  private readonly overlapsSeen = new Set<string>();
  private readonly removing = new Set<string>();
  private unpluggedSeen: number;

  constructor(private readonly machine: Machine) {
    this.unpluggedSeen = machine.pci.host.unpluggedIds.length;
    this.consoleSeen = machine.debugConsole.lines.length;
    this.machineEventsSeen = machine.events.length;
  }

  emit(event: string, data?: unknown, atNs?: number): void {
    const ns = atNs ?? this.machine.clock.now();
    const timestamp = { seconds: Math.floor(ns / 1e9), microseconds: Math.floor((ns % 1e9) / 1e3) };
    this.pending.push({ timestamp, event, ...(data === undefined ? {} : { data }) });
  }

  /** device_del asked for `id`: DEVICE_DELETED follows once the guest has ejected it. */
  unplugging(id: string): void {
    this.removing.add(id);
  }

  take(): QmpEvent[] {
    this.collectMachineEvents();
    this.collectConsole();
    this.collectOverlaps();
    this.collectDeleted();
    return this.pending.splice(0);
  }

  /** What the guest did to the machine: a reset through 0xCF9, sleep and soft-off through PM1a_CNT, the wake-up. */
  private collectMachineEvents(): void {
    const ev = this.machine.events;
    for (; this.machineEventsSeen < ev.length; this.machineEventsSeen++) {
      const e = ev[this.machineEventsSeen]!;
      const at = this.machine.eventTimes[this.machineEventsSeen];
      // qemu_system_reset_request(GUEST_RESET): a reset, or with -no-reboot a shutdown.
      if (e.startsWith('reset requested') || e.startsWith('triple fault')) {
        this.emit(this.machine.noReboot ? 'SHUTDOWN' : 'RESET', { guest: true, reason: 'guest-reset' }, at);
      }
      else if (e === 'power off (S5)' || e === 'power off (S4)') this.emit('SHUTDOWN', { guest: true, reason: 'guest-shutdown' }, at);
      else if (e === 'suspend (S3)') this.emit('SUSPEND', undefined, at);
      else if (e === 'suspend to disk (S4)') this.emit('SUSPEND_DISK', undefined, at);
      else if (e.startsWith('wakeup (')) this.emit('WAKEUP', undefined, at);
    }
  }

  /** Every PCI device that went (with an id), asked for or not (a slot powered off takes all behind it); then CPUs. */
  private collectDeleted(): void {
    const gone = this.machine.pci.host.unpluggedIds;
    for (; this.unpluggedSeen < gone.length; this.unpluggedSeen++) {
      const id = gone[this.unpluggedSeen]!;
      this.removing.delete(id);
      this.emit('DEVICE_DELETED', { device: id, path: `/machine/peripheral/${id}` });
    }
    if (this.removing.size === 0) return;
    const present = new Set(this.machine.pci.devices().map((d) => d.id));
    for (const c of this.machine.cpus.slots()) if (c.present && c.id !== undefined) present.add(c.id);
    for (const id of this.removing) {
      if (present.has(id)) continue;
      this.removing.delete(id);
      this.emit('DEVICE_DELETED', { device: id, path: `/machine/peripheral/${id}` });
    }
  }

  /** BAR_OVERLAP for each new overlap the PCI subsystem reports. */
  private collectOverlaps(): void {
    if (!this.machine.reportSections().has('pci')) return;
    for (const o of this.machine.pci.overlaps()) {
      const key = JSON.stringify(o);
      if (this.overlapsSeen.has(key)) continue;
      this.overlapsSeen.add(key);
      this.emit('BAR_OVERLAP', o);
    }
  }

  private collectConsole(): void {
    this.machine.consoleLines();
    const lines = this.machine.debugConsole.lines;
    for (; this.consoleSeen < lines.length; this.consoleSeen++) this.emit('CONSOLE', { line: lines[this.consoleSeen] });
  }
}
