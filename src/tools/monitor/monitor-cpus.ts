/**
 * CPUs over QMP as QEMU 7.2 shows them: query-hotpluggable-cpus (possible CPUs, highest index
 * first), query-cpus-fast (present ones), device_add/device_del of `<model>-x86_64-cpu` with
 * pc_cpu_pre_plug's checks and messages. The machine side is `machine.cpus` (the hot-plug block).
 */
import type { Machine } from '../../inspect.js';
import type { CpuSlot } from '../../inspect.js';
import { cpuType } from './qmp-machine-info.js';

/** CpuInstanceProperties in QEMU's key order; die-id only when the topology has dies. */
function cpuProps(machine: Machine, s: CpuSlot): Record<string, number> {
  const dies = machine.config.topology.dies > 1;
  return { 'core-id': s.core, 'thread-id': s.thread, ...(dies ? { 'die-id': s.die } : {}), 'socket-id': s.socket };
}

/**
 * Boot CPUs are /machine/unattached/device[0], then device[i + 1] (QEMU creates one more
 * unattached object after the first CPU); hot-plugged ones live under /machine/peripheral(-anon).
 */
export class MonitorCpus {
  private readonly anonPaths = new Map<number, string>();
  private anonCount: number;

  constructor(private readonly machine: Machine) {
    this.anonCount = machine.config.devices.filter((d) => d.id === undefined).length;
  }

  private qomPath(index: number): string | undefined {
    const c = this.machine.cpus.slots()[index]!;
    if (!c.present) return undefined;
    if (!c.hotplugged) return `/machine/unattached/device[${index === 0 ? 0 : index + 1}]`;
    return c.id !== undefined ? `/machine/peripheral/${c.id}` : this.anonPaths.get(index);
  }

  queryHotpluggableCpus(): unknown[] {
    const m = this.machine;
    return m.cpus.slots().map((c, i) => {
      const path = this.qomPath(i);
      return { props: cpuProps(m, c.slot), 'vcpus-count': 1, ...(path ? { 'qom-path': path } : {}), type: cpuType(m) };
    }).reverse();
  }

  queryCpusFast(): unknown[] {
    const m = this.machine;
    // fwlab runs the boot vCPU on the main thread; the others get distinct made-up thread ids.
    return m.cpus.slots().flatMap((c, i) => c.present
      ? [{ 'thread-id': process.pid + i, props: cpuProps(m, c.slot), 'qom-path': this.qomPath(i)!, 'cpu-index': i, target: 'x86_64' }]
      : []);
  }

  /** device_add of a CPU: QEMU's pc_cpu_pre_plug checks in its order; throws Error(message). */
  deviceAdd(driver: string, props: Record<string, unknown>): void {
    const m = this.machine;
    const id = props.id;
    if (id !== undefined && typeof id !== 'string') throw new Error("Invalid parameter type for 'id', expected: string");
    // QEMU names an anonymous device (peripheral-anon/device[N]) before its checks run: a failed one uses N too.
    const anonPath = id === undefined ? `/machine/peripheral-anon/device[${this.anonCount++}]` : undefined;
    if (driver !== cpuType(m)) throw new Error(`Invalid CPU type, expected cpu type: '${cpuType(m)}'`);
    const t = m.config.topology;
    for (const k of Object.keys(props)) {
      if (!['id', 'socket-id', 'die-id', 'core-id', 'thread-id'].includes(k)) throw new Error(`Property '${driver}.${k}' not found`);
    }
    if (id !== undefined && (m.pci.devices().some((d) => d.id === id) || m.cpus.slots().some((c) => c.id === id))) {
      throw new Error(`Duplicate device ID '${id}'`);
    }
    const field = (name: string, count: number, required: boolean): number => {
      const v = props[`${name}-id`];
      if (v === undefined) {
        if (required) throw new Error(`CPU ${name}-id is not set`);
        return 0;
      }
      if (typeof v !== 'number' || !Number.isInteger(v)) throw new Error(`Invalid parameter type for '${name}-id', expected: integer`);
      if (v < 0 || v >= count) throw new Error(`Invalid CPU ${name}-id: ${v} must be in range 0:${count - 1}`);
      return v;
    };
    const socket = field('socket', t.sockets, true);
    const die = field('die', t.dies, t.dies > 1);
    const core = field('core', t.cores, true);
    const thread = field('thread', t.threads, true);
    const slots = m.cpus.slots();
    const index = slots.findIndex((c) => c.slot.socket === socket && c.slot.die === die && c.slot.core === core && c.slot.thread === thread);
    const slot = slots[index]!;
    if (slot.present) throw new Error(`CPU[${index}] with APIC ID ${slot.slot.apicId} exists`);
    m.cpus.plug(index, id);
    if (anonPath !== undefined) this.anonPaths.set(index, anonPath);
  }

  /** The CPU index device_del names by id, or undefined when the id is not a CPU. */
  indexOf(id: string): number | undefined {
    const i = this.machine.cpus.slots().findIndex((c) => c.id === id);
    return i < 0 ? undefined : i;
  }

  /** device_del of a hot-plugged CPU: the legacy interface cannot unplug (QEMU's message), the boot CPU never. */
  deviceDel(index: number): void {
    const m = this.machine;
    if (!m.cpus.modern) throw new Error(`acpi: device unplug request for not supported device type: ${cpuType(m)}`);
    if (index === 0) throw new Error('Boot CPU is unpluggable');
    m.cpus.requestUnplug(index);
  }
}
