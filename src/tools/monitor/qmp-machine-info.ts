/**
 * The QMP queries about the machine itself: query-version, query-machines, query-cpus-fast,
 * query-memory-devices (CPUs: monitor-cpus.ts) — shapes as qapi/*.json of QEMU 7.2 define them.
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

/** fwlab's two machine types: names, aliases, CPU limits and defaults are QEMU 7.2's. */
export function queryMachines(): unknown[] {
  const common = { 'numa-mem-supported': false, 'default-cpu-type': 'qemu64-x86_64-cpu', deprecated: false, 'default-ram-id': 'pc.ram', 'hotpluggable-cpus': true };
  return [
    { name: 'pc-i440fx-7.2', alias: 'pc', 'is-default': true, 'cpu-max': 255, ...common },
    { name: 'pc-q35-7.2', alias: 'q35', 'cpu-max': 288, ...common },
  ];
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
