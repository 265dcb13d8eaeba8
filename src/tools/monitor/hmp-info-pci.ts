/**
 * HMP `info pci`: the query-pci result as QEMU 7.2's monitor prints it (one block per function,
 * a bridge's secondary-bus functions right after the bridge, memory addresses as 64-bit values).
 */
import type { PciDeviceInfo, PciInfo, PciMemoryRegion } from '../../inspect.js';

const hex = (v: number | bigint, width: number) => `0x${BigInt.asUintN(64, BigInt(v)).toString(16).padStart(width, '0')}`;
const pad = (v: number, width: number) => String(v).padStart(width, ' ');

function region(r: PciMemoryRegion): string {
  const last = BigInt.asUintN(64, BigInt(r.address) + BigInt(r.size) - 1n);
  if (r.type === 'io') return `      BAR${r.bar}: I/O at ${hex(r.address, 4)} [${hex(last, 4)}].`;
  const kind = `${r.mem_type_64 ? '64' : '32'} bit ${r.prefetch ? 'prefetchable ' : ''}memory`;
  return `      BAR${r.bar}: ${kind} at ${hex(r.address, 8)} [${hex(last, 8)}].`;
}

function device(d: PciDeviceInfo, out: string[]): void {
  out.push(`  Bus ${pad(d.bus, 2)}, device ${pad(d.slot, 3)}, function ${d.function}:`);
  // QEMU prints an unnamed class code in decimal ("Class 0264" for 0x0108).
  const cls = d.class_info.desc ?? `Class ${String(d.class_info.class).padStart(4, '0')}`;
  out.push(`    ${cls}: PCI device ${d.id.vendor.toString(16).padStart(4, '0')}:${d.id.device.toString(16).padStart(4, '0')}`);
  if (d.id['subsystem-vendor'] !== undefined && d.id.subsystem !== undefined) {
    out.push(`      PCI subsystem ${d.id['subsystem-vendor'].toString(16).padStart(4, '0')}:${d.id.subsystem.toString(16).padStart(4, '0')}`);
  }
  if (d.irq !== undefined) out.push(`      IRQ ${d.irq}, pin ${String.fromCharCode(0x40 + d.irq_pin)}`);
  const br = d.pci_bridge?.bus;
  if (br) {
    out.push(`      BUS ${br.number}.`, `      secondary bus ${br.secondary}.`, `      subordinate bus ${br.subordinate}.`);
    out.push(`      IO range [${hex(br.io_range.base, 4)}, ${hex(br.io_range.limit, 4)}]`);
    out.push(`      memory range [${hex(br.memory_range.base, 8)}, ${hex(br.memory_range.limit, 8)}]`);
    out.push(`      prefetchable memory range [${hex(br.prefetchable_range.base, 8)}, ${hex(br.prefetchable_range.limit, 8)}]`);
  }
  for (const r of d.regions) out.push(region(r));
  out.push(`      id "${d.qdev_id}"`);
  for (const child of d.pci_bridge?.devices ?? []) device(child, out);
}

export function formatInfoPci(buses: readonly PciInfo[]): string {
  const out: string[] = [];
  for (const b of buses) for (const d of b.devices) device(d, out);
  return out.map((l) => l + '\n').join('');
}
