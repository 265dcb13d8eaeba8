import type { SystemDeviceDriver } from '../options/device-driver.js';
import { RamBlock } from '../bus/ram-block.js';
import type { DeviceContext } from '../wiring/device-context.js';
import { RamWindow } from '../bus/memory-target.js';
import { UsageError } from '../../lib/errors.js';
import { hex } from '../../lib/hex.js';

/** One `-device nvdimm` as placed in the device-memory window. */
export interface Nvdimm {
  readonly id: string | undefined;
  readonly memdev: string;
  readonly slot: number;
  readonly base: number;
  readonly size: number;
  readonly node: number;
  readonly unarmed: boolean;
  /** The backend: the first `size` bytes are the persistent memory, the label area follows. */
  readonly ram: RamBlock;
  /** Namespace label area at the end of the backend (`label-size`), 0 = none. */
  readonly labelSize: number;
}

/** NVDIMM Namespace spec: a label area holds at least 128 KiB (MIN_NAMESPACE_LABEL_SIZE). */
export const MIN_NAMESPACE_LABEL_SIZE = 128 * 1024;

/**
 * The memory backend's alignment: QEMU on an x86-64 Linux host allocates anonymous RAM 2 MiB
 * aligned (QEMU_VMALLOC_ALIGN); DIMMs are placed first-fit at that alignment and an NVDIMM's
 * persistent part is the backend minus the label area, rounded down to it.
 */
const DIMM_ALIGN = 2 * 1024 * 1024;

function place(ctx: DeviceContext, size: number, wanted: number | undefined): number {
  const dm = ctx.ramLayout.deviceMemory!;
  const taken = ctx.attached.nvdimms.map((d) => [d.base, d.base + d.size] as const).sort((a, b) => a[0] - b[0]);
  const fits = (b: number) => b >= dm.base && b + size <= dm.base + dm.size && taken.every(([s, e]) => b + size <= s || b >= e);
  if (wanted !== undefined) {
    if (!fits(wanted)) throw new UsageError(`nvdimm: addr=${hex(wanted)} does not fit the device memory window`);
    return wanted;
  }
  let cand = dm.base;
  for (const [s, e] of taken) {
    if (cand + size <= s) break;
    cand = Math.max(cand, Math.ceil(e / DIMM_ALIGN) * DIMM_ALIGN);
  }
  if (!fits(cand)) throw new UsageError('nvdimm: not enough space left in the device memory window (maxmem)');
  return cand;
}

/**
 * `-device nvdimm,memdev=ID[,slot=N][,addr=A][,node=N][,unarmed=on]` (QEMU 7.2 hw/mem/nvdimm.c):
 * needs `-machine nvdimm=on` and `-m ...,slots=,maxmem=`; the backend's RAM is mapped at the
 * DIMM's address and described by the SRAT, NFIT and NVDIMM SSDT.
 */
export const NVDIMM_DRIVER: SystemDeviceDriver = {
  name: 'nvdimm',
  description: 'NVDIMM (persistent memory) in a DIMM slot, described by NFIT/SRAT and the NVDIMM SSDT',
  bus: 'system',
  props: {
    memdev: { kind: 'string', description: 'the memory backend (-object memory-backend-*,id=...)' },
    slot: { kind: 'uint', description: 'DIMM slot (first free by default)' },
    addr: { kind: 'size', description: 'guest physical address (first fit by default)' },
    node: { kind: 'uint', description: 'NUMA node', default: '0' },
    unarmed: { kind: 'bool', description: 'NFIT "not armed" flag', default: 'off' },
    'label-size': { kind: 'size', description: 'namespace label area at the end of the backend (≥ 128K)', default: '0' },
  },
  create(ctx, device) {
    if (ctx.config.machineProps.get('nvdimm') !== true) {
      throw new UsageError("nvdimm is not enabled: add 'nvdimm=on' to -machine");
    }
    const { deviceMemory } = ctx.ramLayout;
    if (!deviceMemory) throw new UsageError('nvdimm: needs -m SIZE,slots=N,maxmem=SIZE');
    const memdev = device.props.get('memdev');
    if (typeof memdev !== 'string') throw new UsageError('nvdimm: memdev=ID is required');
    const backend = ctx.config.memoryBackends.find((b) => b.id === memdev);
    if (!backend) throw new UsageError(`nvdimm: no memory backend '${memdev}' (-object memory-backend-ram,id=${memdev},size=...)`);
    const list = ctx.attached.nvdimms;
    if (list.some((d) => d.memdev === memdev)) throw new UsageError(`nvdimm: memory backend '${memdev}' is already used`);
    const slotProp = device.props.get('slot');
    const used = new Set(list.map((d) => d.slot));
    let slot = typeof slotProp === 'number' ? slotProp : 0;
    if (typeof slotProp !== 'number') while (used.has(slot)) slot++;
    if (slot >= ctx.config.slots) throw new UsageError(`nvdimm: slot ${slot} is beyond slots=${ctx.config.slots}`);
    if (used.has(slot)) throw new UsageError(`nvdimm: slot ${slot} is already occupied`);
    const labelSize = Number(device.props.get('label-size') ?? 0);
    if (labelSize !== 0 && labelSize < MIN_NAMESPACE_LABEL_SIZE) {
      throw new UsageError(`nvdimm: label-size ${labelSize} is below the minimum 128K`);
    }
    if (labelSize >= backend.size) throw new UsageError(`nvdimm: label-size leaves no room in memdev '${memdev}'`);
    const size = Math.floor((backend.size - labelSize) / DIMM_ALIGN) * DIMM_ALIGN;
    if (size === 0) throw new UsageError(`nvdimm: memdev '${memdev}' is too small for label-size`);
    const addrProp = device.props.get('addr');
    const base = place(ctx, size, typeof addrProp === 'number' ? addrProp : undefined);
    const ram = new RamBlock(`nvdimm-${device.id ?? slot}`, backend.size);
    ctx.memory.map(ram.name, base, new RamWindow(ram, 0, size));
    ctx.addState(ram.name, ram);
    const node = Number(device.props.get('node') ?? 0);
    list.push({ id: device.id, memdev, slot, base, size, node, unarmed: device.props.get('unarmed') === true, ram, labelSize });
    ctx.addDevice({ name: 'nvdimm', id: device.id, bus: 'system', where: `slot ${slot}, ${hex(base)}+${hex(size)}` });
  },
};
