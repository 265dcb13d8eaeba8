/**
 * HMP `info mtree` and `info qtree` in QEMU 7.2's layout, over what fwlab's machine has:
 * its physical-memory mappings and port ranges (one level under QEMU's `system` and `io`
 * containers), and its devices (system devices, the PCI tree from query-pci, ISA devices
 * under the ISA bridge).
 */
import type { Machine } from '../../inspect.js';
import type { PciDeviceInfo, PciInfo } from '../../inspect.js';

const a16 = (v: number) => v.toString(16).padStart(16, '0');

const KIND: Readonly<Record<string, string>> = { ram: 'ram', rom: 'rom', mmio: 'i/o', pam: 'ram' };

export function formatInfoMtree(machine: Machine): string {
  const out: string[] = ['address-space: memory', '  0000000000000000-ffffffffffffffff (prio 0, i/o): system'];
  const maps = [...machine.memory.mappings()].sort((x, y) => x.base - y.base || y.priority - x.priority);
  for (const m of maps) out.push(`    ${a16(m.base)}-${a16(m.base + m.size - 1)} (prio ${m.priority}, ${KIND[m.target.kind] ?? 'i/o'}): ${m.name}`);
  out.push('', 'address-space: I/O', '  0000000000000000-000000000000ffff (prio 0, i/o): io');
  const ports = [...machine.ports.list()].sort((x, y) => x.base - y.base);
  for (const p of ports) out.push(`    ${a16(p.base)}-${a16(p.base + p.length - 1)} (prio ${p.mayOverlap ? 1 : 0}, i/o): ${p.name}`);
  out.push('');
  return out.map((l) => l + '\n').join('');
}

const h = (v: number, w = 0) => v.toString(16).padStart(w, '0');

/** QOM type names of the PCI functions, by "bus:slot.function". */
export type PciTypeNames = ReadonlyMap<string, string>;

function pciDevice(d: PciDeviceInfo, depth: string, ctx: { isa: readonly string[]; names: PciTypeNames }, out: string[]): void {
  const addr = `${h(d.slot, 2)}.${d.function}`;
  out.push(`${depth}dev: ${ctx.names.get(`${d.bus}:${d.slot}.${d.function}`) ?? 'pci-device'}, id "${d.qdev_id}"`);
  const p = depth + '  ';
  out.push(`${p}addr = ${addr}`);
  const sub = d.id['subsystem-vendor'] !== undefined ? ` (sub ${h(d.id['subsystem-vendor'], 4)}:${h(d.id.subsystem ?? 0, 4)})` : '';
  out.push(`${p}class ${d.class_info.desc ?? `Class ${h(d.class_info.class, 4)}`}, addr ${h(d.bus, 2)}:${addr}, pci id ${h(d.id.vendor, 4)}:${h(d.id.device, 4)}${sub}`);
  for (const r of d.regions) {
    const kind = r.type === 'io' ? 'i/o' : 'mem';
    const start = BigInt.asUintN(64, BigInt(r.address));
    out.push(`${p}bar ${r.bar}: ${kind} at 0x${start.toString(16)} [0x${BigInt.asUintN(64, start + BigInt(r.size) - 1n).toString(16)}]`);
  }
  if (d.pci_bridge) {
    out.push(`${p}bus: ${d.qdev_id || `bus${d.pci_bridge.bus.secondary}`}`, `${p}  type PCI`);
    for (const c of d.pci_bridge.devices ?? []) pciDevice(c, p + '  ', ctx, out);
  }
  if (d.class_info.class === 0x0601 && ctx.isa.length) {
    out.push(`${p}bus: isa.0`, `${p}  type ISA`);
    for (const name of ctx.isa) out.push(`${p}  dev: ${name}, id ""`);
  }
}

export function formatInfoQtree(machine: Machine, pci: readonly PciInfo[] | undefined, names: PciTypeNames): string {
  const out: string[] = ['bus: main-system-bus', '  type System'];
  for (const d of machine.devices.filter((x) => x.bus === 'system')) out.push(`  dev: ${d.name}, id "${d.id ?? ''}"`);
  const isa = machine.devices.filter((x) => x.bus === 'isa').map((x) => x.name);
  if (pci) {
    const q35 = machine.config.board === 'q35';
    // Expander bridges' hosts come first (QEMU lists the newest system-bus device first).
    for (const b of pci.filter((x) => x.bus !== 0)) {
      const e = machine.pci.host.expanders.find((x) => x.number === b.bus);
      out.push('  dev: pxb-host, id ""', `    bus: ${e?.name ?? `pci.${b.bus}`}`, `      type ${e?.kind === 'pxb-pcie' ? 'pxb-pcie-bus' : 'pxb-bus'}`);
      for (const d of b.devices) pciDevice(d, '      ', { isa, names }, out);
    }
    out.push(`  dev: ${q35 ? 'q35-pcihost' : 'i440FX-pcihost'}, id ""`);
    for (const b of pci.filter((x) => x.bus === 0)) {
      out.push(`    bus: ${q35 ? 'pcie' : 'pci'}.${b.bus}`, `      type ${q35 ? 'PCIE' : 'PCI'}`);
      for (const d of b.devices) pciDevice(d, '      ', { isa, names }, out);
    }
  } else {
    for (const name of isa) out.push(`  dev: ${name}, id ""`);
  }
  return out.map((l) => l + '\n').join('');
}
