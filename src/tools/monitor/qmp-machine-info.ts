/**
 * The QMP queries about the machine itself: query-version, query-machines, query-cpus-fast,
 * query-hotpluggable-cpus, query-memory-devices — shapes as qapi/*.json of QEMU 7.2 define them.
 */
import type { Machine } from '../../inspect.js';

/** The QEMU release whose machine types fwlab models (qemu-host.md). */
export const EMULATED_QEMU = { micro: 0, minor: 2, major: 7 } as const;

export function queryVersion(): { qemu: typeof EMULATED_QEMU; package: string } {
  return { qemu: EMULATED_QEMU, package: 'fwlab' };
}

/** QOM type name of the CPU: QEMU's `<model>-x86_64-cpu`. */
export function cpuType(machine: Machine): string {
  return `${machine.config.cpu.name}-x86_64-cpu`;
}

/** The QOM path QEMU gives the first CPU when no id was asked for. */
export const CPU0_PATH = '/machine/unattached/device[0]';

/**
 * fwlab's two machine types. Names, aliases and defaults are QEMU 7.2's; `cpu-max` and
 * `hotpluggable-cpus` say what fwlab runs (one CPU, no CPU hot-plug).
 */
export function queryMachines(): unknown[] {
  const common = { 'numa-mem-supported': false, 'default-cpu-type': 'qemu64-x86_64-cpu', 'cpu-max': 1, deprecated: false, 'default-ram-id': 'pc.ram', 'hotpluggable-cpus': false };
  return [
    { name: 'pc-i440fx-7.2', alias: 'pc', 'is-default': true, ...common },
    { name: 'pc-q35-7.2', alias: 'q35', ...common },
  ];
}

/** CpuInstanceProperties of the single CPU (socket 0, core 0, thread 0). */
const CPU0_PROPS = { 'core-id': 0, 'thread-id': 0, 'socket-id': 0 };

export function queryCpusFast(): unknown[] {
  // fwlab runs the vCPU on the main thread of the process.
  return [{ 'thread-id': process.pid, props: CPU0_PROPS, 'qom-path': CPU0_PATH, 'cpu-index': 0, target: 'x86_64' }];
}

export function queryHotpluggableCpus(machine: Machine): unknown[] {
  return [{ props: CPU0_PROPS, 'vcpus-count': 1, 'qom-path': CPU0_PATH, type: cpuType(machine) }];
}

/** NVDIMMs as MemoryDeviceInfo `{"type": "nvdimm", "data": PCDIMMDeviceInfo}`. */
export function queryMemoryDevices(machine: Machine): unknown[] {
  return machine.nvdimms.map((n) => ({
    type: 'nvdimm',
    data: {
      slot: n.slot, node: n.node, addr: n.base, memdev: `/objects/${n.memdev}`, ...(n.id ? { id: n.id } : {}),
      hotpluggable: true, hotplugged: false, size: n.size,
    },
  }));
}
