/**
 * A QMP-style monitor over a booted fwlab machine: JSON commands in, `{"return":…}` /
 * `{"error":{"class","desc"}}` out, plus events stamped with the virtual clock.
 * `set-vm-generation-id` is fwlab's addition (QEMU 7.2 has no runtime GUID change).
 */
import type { Machine } from '../../inspect.js';
import { DEFAULT_BIOS, DEFAULT_GUEST, loadProgram, romPath } from '../../inspect.js';
import type { BootOptions } from '../../inspect.js';
import { findVmgenid } from '../../inspect.js';
import { pciOf } from '../../inspect.js';
import { scanRsdp, tableName, tablesFromMemory } from '../acpi/table-set.js';
import type { AcpiTable } from '../acpi/table-set.js';
import { evaluateInstalledAml } from './monitor-aml.js';

export interface QmpCommand {
  readonly execute?: unknown;
  readonly arguments?: Record<string, unknown>;
  readonly id?: unknown;
}

export interface QmpEvent {
  readonly event: string;
  readonly data?: unknown;
  readonly timestamp: { readonly seconds: number; readonly microseconds: number };
}

export type QmpReply = { return: unknown; id?: unknown } | { error: { class: string; desc: string }; id?: unknown };

class QmpError extends Error {
  constructor(readonly errorClass: string, message: string) {
    super(message);
  }
}

const generic = (msg: string) => new QmpError('GenericError', msg);

export const QMP_GREETING = { QMP: { version: { qemu: { major: 7, minor: 2, micro: 0 }, package: 'fwlab' }, capabilities: [] as string[] } };

export class MonitorSession {
  private negotiated = false;
  private running = true;
  private consoleSeen: number;
  private readonly pending: QmpEvent[] = [];
  quit = false;

  constructor(readonly machine: Machine, private readonly boot: BootOptions) {
    this.consoleSeen = machine.debugConsole.lines.length;
  }

  /** Events queued since the last call (debug-console lines as CONSOLE events). */
  takeEvents(): QmpEvent[] {
    this.collectConsole();
    this.collectOverlaps();
    this.collectDeleted();
    return this.pending.splice(0);
  }

  private emit(event: string, data?: unknown): void {
    const ns = this.machine.clock.now();
    this.pending.push({ event, ...(data === undefined ? {} : { data }), timestamp: { seconds: Math.floor(ns / 1e9), microseconds: Math.floor((ns % 1e9) / 1e3) } });
  }

  private readonly overlapsSeen = new Set<string>();
  private readonly unplugging = new Set<string>();

  /** DEVICE_DELETED once the guest has ejected a device device_del asked to remove. */
  private collectDeleted(): void {
    if (this.unplugging.size === 0) return;
    const present = new Set(pciOf(this.machine).devices().map((d) => d.id));
    for (const id of this.unplugging) {
      if (present.has(id)) continue;
      this.unplugging.delete(id);
      this.emit('DEVICE_DELETED', { device: id, path: `/machine/peripheral/${id}` });
    }
  }

  /** BAR_OVERLAP for each new overlap the PCI subsystem reports (its `pci` report section). */
  private collectOverlaps(): void {
    const pci = this.machine.reportSections().get('pci')?.() as { overlaps?: unknown[] } | undefined;
    for (const o of pci?.overlaps ?? []) {
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

  async handle(cmd: QmpCommand): Promise<QmpReply> {
    const id = cmd.id === undefined ? {} : { id: cmd.id };
    try {
      if (typeof cmd.execute !== 'string') throw generic("a command is an object with 'execute'");
      if (!this.negotiated && cmd.execute !== 'qmp_capabilities') {
        throw new QmpError('CommandNotFound', "Expecting capabilities negotiation with 'qmp_capabilities'");
      }
      return { return: await this.run(cmd.execute, cmd.arguments ?? {}), ...id };
    } catch (e) {
      if (e instanceof QmpError) return { error: { class: e.errorClass, desc: e.message }, ...id };
      return { error: { class: 'GenericError', desc: (e as Error).message }, ...id };
    }
  }

  private installedTables(): AcpiTable[] {
    const read = (a: number, n: number) => this.machine.memory.readBytes(a, n);
    const rsdp = scanRsdp(read);
    if (rsdp === undefined) throw generic('no RSDP in 0xE0000..0xFFFFF: the firmware installed no ACPI tables');
    return tablesFromMemory(read, rsdp);
  }

  private async run(name: string, args: Record<string, unknown>): Promise<unknown> {
    switch (name) {
      case 'qmp_capabilities':
        this.negotiated = true;
        return {};
      case 'query-commands':
        return COMMANDS.map((n) => ({ name: n }));
      case 'query-status':
        return { status: this.running ? 'running' : 'paused', running: this.running, singlestep: false };
      case 'stop':
        if (this.running) {
          this.running = false;
          this.emit('STOP');
        }
        return {};
      case 'cont':
        if (!this.running) {
          this.running = true;
          this.emit('RESUME');
        }
        return {};
      case 'quit':
        this.quit = true;
        this.emit('SHUTDOWN', { guest: false, reason: 'host-qmp-quit' });
        return {};
      case 'query-vm-generation-id': {
        const v = findVmgenid(this.machine);
        if (!v) throw generic('this machine has no vmgenid device (-device vmgenid)');
        return v.query();
      }
      case 'set-vm-generation-id': {
        const v = findVmgenid(this.machine);
        if (!v) throw generic('this machine has no vmgenid device (-device vmgenid)');
        if (typeof args.guid !== 'string') throw generic("set-vm-generation-id needs 'guid'");
        if (!this.running) throw generic('the machine is stopped (cont first)');
        const before = this.machine.debugConsole.lines.length;
        try {
          v.setGuid(args.guid);
        } catch (e) {
          throw generic((e as Error).message);
        }
        this.emit('VMGENID_CHANGED', { guid: v.guid, address: v.guestAddress === undefined ? null : `0x${v.guestAddress.toString(16)}`, notified: v.guestAddress !== undefined });
        this.machine.consoleLines();
        return { guid: v.guid, guestConsole: this.machine.debugConsole.lines.slice(before) };
      }
      case 'system_reset': {
        this.emit('RESET', { guest: false, reason: 'host-qmp-system-reset' });
        // Same programs again from reset (the ROM stays installed): the firmware redoes the
        // loader, WRITE_POINTER included (etc/vmgenid_addr was cleared by the reset).
        const bios = await loadProgram(this.boot.bios ?? romPath(DEFAULT_BIOS), '--bios');
        const guestPath = this.boot.guest ?? defaultGuest();
        const guest = guestPath === 'none' ? undefined : await loadProgram(guestPath, '--guest');
        const exits = this.machine.run(bios.program, guest?.program);
        return { firmware: exits.firmware, guest: exits.guest ?? null };
      }
      case 'query-acpi-tables':
        return this.installedTables().map((t) => {
          let sum = 0;
          const n = t.signature === 'RSDP' ? 20 : t.signature === 'FACS' ? 0 : t.data.length;
          for (let i = 0; i < n; i++) sum = (sum + t.data[i]!) & 0xff;
          return { table: tableName(t), address: `0x${t.address.toString(16)}`, length: t.data.length, checksumOk: sum === 0 };
        });
      case 'aml-eval': {
        if (typeof args.path !== 'string') throw generic("aml-eval needs 'path'");
        const list = Array.isArray(args.args) ? args.args : [];
        return evaluateInstalledAml(this.machine, this.installedTables(), args.path, list);
      }
      case 'query-pci': {
        const pci = this.machine.reportSections().get('pci');
        if (!pci) throw generic('this build of fwlab has no PCI subsystem to query');
        return pci();
      }
      case 'device_add': {
        const { driver, ...props } = args;
        if (typeof driver !== 'string') throw generic("device_add needs 'driver'");
        const spec = [driver, ...Object.entries(props).map(([k, v]) => `${k}=${String(v)}`)].join(',');
        try {
          const d = pciOf(this.machine).hotplug(spec);
          return { bdf: d.bdf, id: d.id ?? null };
        } catch (e) {
          throw generic((e as Error).message);
        }
      }
      case 'device_del': {
        if (typeof args.id !== 'string') throw generic("device_del needs 'id'");
        try {
          pciOf(this.machine).unplug(args.id);
        } catch (e) {
          throw generic((e as Error).message);
        }
        this.unplugging.add(args.id);
        return {};
      }
      default:
        throw new QmpError('CommandNotFound', `The command ${name} has not been found`);
    }
  }
}

function defaultGuest(): string {
  try {
    return romPath(DEFAULT_GUEST);
  } catch {
    return 'none';
  }
}

const COMMANDS = [
  'qmp_capabilities', 'query-commands', 'query-status', 'stop', 'cont', 'quit', 'query-vm-generation-id', 'set-vm-generation-id',
  'system_reset', 'query-acpi-tables', 'aml-eval', 'query-pci', 'device_add', 'device_del',
];
