/**
 * A QMP monitor over a booted fwlab machine, answering as QEMU 7.2 does: `{"return": …}` /
 * `{"error": {"class", "desc"}}` replies and `{"timestamp", "event", "data"}` events, with
 * timestamps from the virtual clock. `set-vm-generation-id`, `query-acpi-tables` and
 * `aml-eval` are fwlab's additions (QEMU 7.2 has no runtime GUID change).
 */
import type { Machine } from '../../inspect.js';
import type { BootOptions } from '../../inspect.js';
import { Migration } from './monitor-migrate.js';
import { QmpError, commandNotFound, genericError, stringArg } from './qmp-error.js';
import { queryMachines, queryMemoryDevices, queryVersion } from './qmp-machine-info.js';
import { MonitorCpus } from './monitor-cpus.js';
import { qomGet, qomList } from './qom-tree.js';
import { HumanMonitor } from './hmp.js';
import { MonitorEvents } from './monitor-events.js';
import { MonitorBlock } from './monitor-block.js';
import type { QmpEvent } from './monitor-events.js';
import { acpiTablesCommand, amlEvalCommand, resetMachine, whyCommand } from './monitor-machine.js';

export type { QmpEvent } from './monitor-events.js';

export interface QmpCommand {
  readonly execute?: unknown;
  readonly arguments?: Record<string, unknown>;
  readonly id?: unknown;
}

export type QmpReply = { return: unknown; id?: unknown } | { error: { class: string; desc: string }; id?: unknown };

export const QMP_GREETING = { QMP: { version: queryVersion(), capabilities: [] as string[] } };

/** Each command with the arguments it takes (QEMU refuses any other). */
const COMMANDS: Readonly<Record<string, readonly string[]>> = {
  qmp_capabilities: ['enable'], 'query-commands': [], 'query-version': [], 'query-status': [], 'query-machines': [],
  'query-cpus-fast': [], 'query-hotpluggable-cpus': [], 'query-memory-devices': [], 'query-pci': [],
  'qom-list': ['path'], 'qom-get': ['path', 'property'], 'human-monitor-command': ['command-line', 'cpu-index'],
  stop: [], cont: [], quit: [], system_reset: [], system_wakeup: [], system_powerdown: [], device_add: [], device_del: ['id'],
  'query-vm-generation-id': [], 'set-vm-generation-id': ['guid'], 'query-acpi-tables': [], 'aml-eval': ['path', 'args'],
  migrate: ['uri', 'blk', 'inc', 'detach', 'resume'], 'query-migrate': [], 'migrate-set-capabilities': ['capabilities'],
  why: ['address', 'path'],
  'query-block': [], eject: ['device', 'id', 'force'], 'blockdev-open-tray': ['device', 'id', 'force'],
  'blockdev-close-tray': ['device', 'id'], // remove-medium: QEMU's visitor reports a missing 'id' before an unexpected member (monitor-block.ts).
  'blockdev-remove-medium': ['id', 'device'],
  'blockdev-change-medium': ['device', 'id', 'filename', 'format', 'force', 'read-only-mode'],
};
const BLOCK_COMMANDS = new Set(['query-block', 'eject', 'blockdev-open-tray', 'blockdev-close-tray', 'blockdev-remove-medium', 'blockdev-change-medium']);

export class MonitorSession {
  private negotiated = false;
  private running = true;
  /**
   * Set while a command runs from the machine's clock (`--qmp-at`): the machine is running, and a
   * system_reset is the run's to take (scheduleQmp raises it when the clock event returns).
   */
  atVirtualTime = false;
  private readonly migration: Migration;
  private readonly events: MonitorEvents;
  private readonly cpus: MonitorCpus;
  private readonly hmp: HumanMonitor;
  private readonly block: MonitorBlock;
  quit = false;

  /** `fwlabVersion`: what a snapshot written by `migrate` records (the CLI passes the package version). */
  constructor(readonly machine: Machine, private readonly boot: BootOptions, private readonly fwlabVersion?: string) {
    this.events = new MonitorEvents(machine);
    this.cpus = new MonitorCpus(machine);
    this.block = new MonitorBlock(machine, (event, data) => this.events.emit(event, data));
    this.hmp = new HumanMonitor(machine, (name, args) => this.block.run(name, args), (name) => this.runSync(name));
    const session = this;
    this.migration = new Migration({
      machine, version: fwlabVersion,
      get running() { return session.running; },
      emit: (event, data) => this.events.emit(event, data),
      stop: () => {
        this.running = false;
        this.events.emit('STOP');
      },
    });
  }

  /** Events queued since the last call. */
  takeEvents(): QmpEvent[] {
    return this.events.take();
  }

  async handle(cmd: QmpCommand): Promise<QmpReply> {
    const id = cmd.id === undefined ? {} : { id: cmd.id };
    try {
      if (typeof cmd.execute !== 'string') throw genericError("QMP input lacks member 'execute'");
      const name = cmd.execute;
      if (!this.negotiated && name !== 'qmp_capabilities') {
        throw new QmpError('CommandNotFound', "Expecting capabilities negotiation with 'qmp_capabilities'");
      }
      const allowed = COMMANDS[name];
      if (!allowed) throw commandNotFound(name);
      const args = cmd.arguments ?? {};
      if (name !== 'device_add') {
        for (const k of Object.keys(args)) if (!allowed.includes(k)) throw genericError(`Parameter '${k}' is unexpected`);
      }
      return { return: await this.run(name, args), ...id };
    } catch (e) {
      if (e instanceof QmpError) return { error: { class: e.errorClass, desc: e.message }, ...id };
      return { error: { class: 'GenericError', desc: (e as Error).message }, ...id };
    }
  }

  /** HMP's `system_powerdown` / `system_wakeup`: the QMP command; a QmpError's text is HMP's "Error: ...". */
  private runSync(name: 'system_powerdown' | 'system_wakeup'): void {
    if (name === 'system_powerdown') {
      this.events.emit('POWERDOWN');
      this.machine.pressPowerButton();
      return;
    }
    const refused = this.machine.requestWakeup('other');
    if (refused !== undefined) throw genericError(refused);
  }

  private async run(name: string, args: Record<string, unknown>): Promise<unknown> {
    const m = this.machine;
    if (BLOCK_COMMANDS.has(name)) return this.block.run(name, args);
    switch (name) {
      case 'qmp_capabilities':
        if (this.negotiated) throw new QmpError('CommandNotFound', 'Capabilities negotiation is already complete, command ignored');
        this.negotiated = true;
        return {};
      case 'query-commands':
        return Object.keys(COMMANDS).map((n) => ({ name: n }));
      case 'query-version':
        return queryVersion();
      case 'query-status':
        if (m.isPrelaunch) return { status: 'prelaunch', singlestep: false, running: false };
        if (m.isAsleep) return { status: 'suspended', singlestep: false, running: false };
        // After a soft-off QEMU exits, or with -no-shutdown stays in this state.
        if (m.isPoweredOff) return { status: 'shutdown', singlestep: false, running: false };
        return { status: this.running ? 'running' : this.migration.postmigrate ? 'postmigrate' : 'paused', singlestep: false, running: this.running };
      case 'system_wakeup':
        // qmp_system_wakeup: every fwlab board has the ACPI PM device that registers wake-up support.
        this.runSync(name);
        return {};
      case 'system_powerdown':
        // qemu_system_powerdown: the event, then the ACPI power button (in any run state).
        this.runSync(name);
        return {};
      case 'migrate':
        return this.migration.run(stringArg(args, 'uri'));
      case 'query-migrate':
        return this.migration.query();
      case 'migrate-set-capabilities':
        if (args.capabilities === undefined) throw genericError("Parameter 'capabilities' is missing");
        return this.migration.setCapabilities(args.capabilities);
      case 'query-machines':
        return queryMachines();
      case 'query-cpus-fast':
        return this.cpus.queryCpusFast();
      case 'query-hotpluggable-cpus':
        return this.cpus.queryHotpluggableCpus();
      case 'query-memory-devices':
        return queryMemoryDevices(m);
      case 'query-pci':
        if (!m.reportSections().has('pci')) return [];
        return m.pci.queryPci();
      case 'qom-list':
        return qomList(m, stringArg(args, 'path'));
      case 'qom-get':
        return qomGet(m, stringArg(args, 'path'), stringArg(args, 'property'));
      case 'human-monitor-command':
        return this.hmp.run(stringArg(args, 'command-line'));
      case 'stop':
        if (this.running) {
          this.running = false;
          this.events.emit('STOP');
        }
        return {};
      case 'cont':
        if (!this.running) {
          this.running = true;
          this.events.emit('RESUME');
        }
        return {};
      case 'quit':
        this.quit = true;
        this.events.emit('SHUTDOWN', { guest: false, reason: 'host-qmp-quit' });
        return {};
      case 'system_reset':
        if (this.atVirtualTime) {
          // The machine is running: the run takes the reset where this clock event returns.
          const how = m.requestHostReset();
          this.events.emit(how === 'shutdown' ? 'SHUTDOWN' : 'RESET', { guest: false, reason: 'host-qmp-system-reset' });
          return {};
        }
        this.events.emit('RESET', { guest: false, reason: 'host-qmp-system-reset' });
        await resetMachine(m, this.boot);
        return {};
      case 'query-vm-generation-id': {
        const v = m.vmgenid ?? m.vmgenidPci;
        if (!v) throw genericError('this machine has no vmgenid device (-device vmgenid)');
        return v.query();
      }
      case 'set-vm-generation-id':
        return this.setVmGenerationId(stringArg(args, 'guid'));
      case 'query-acpi-tables':
        return acpiTablesCommand(m);
      case 'why':
        return whyCommand(m, args);
      case 'aml-eval':
        return amlEvalCommand(m, stringArg(args, 'path'), Array.isArray(args.args) ? args.args : []);
      case 'device_add':
        return this.deviceAdd(args);
      case 'device_del': {
        const id = stringArg(args, 'id');
        try {
          const cpu = this.cpus.indexOf(id);
          if (cpu !== undefined) this.cpus.deviceDel(cpu);
          else if (!m.pci.devices().some((d) => d.id === id)) throw new QmpError('DeviceNotFound', `Device '${id}' not found`);
          else m.pci.unplug(id);
        } catch (e) {
          if (e instanceof QmpError) throw e;
          throw genericError((e as Error).message);
        }
        this.events.unplugging(id);
        return {};
      }
      default:
        throw commandNotFound(name);
    }
  }

  private setVmGenerationId(guid: string): unknown {
    const v = this.machine.vmgenid;
    if (!v) throw genericError('this machine has no vmgenid device (-device vmgenid)');
    if (!this.running) throw genericError('the machine is stopped (cont first)');
    const before = this.machine.debugConsole.lines.length;
    try {
      v.setGuid(guid);
    } catch (e) {
      throw genericError((e as Error).message);
    }
    this.events.emit('VMGENID_CHANGED', { guid: v.guid, address: v.guestAddress === undefined ? null : `0x${v.guestAddress.toString(16)}`, notified: v.guestAddress !== undefined });
    this.machine.consoleLines();
    return { guid: v.guid, guestConsole: this.machine.debugConsole.lines.slice(before) };
  }

  private deviceAdd(args: Record<string, unknown>): unknown {
    const { driver, ...props } = args;
    if (driver === undefined) throw genericError("Parameter 'driver' is missing");
    if (typeof driver !== 'string') throw genericError("Invalid parameter type for 'driver', expected: string");
    const spec = [driver, ...Object.entries(props).map(([k, v]) => `${k}=${String(v)}`)].join(',');
    try {
      if (driver.endsWith('-x86_64-cpu')) this.cpus.deviceAdd(driver, props);
      else this.machine.pci.hotplug(spec);
    } catch (e) {
      throw genericError((e as Error).message);
    }
    return {};
  }
}
