import type { Machine } from '../../src/machine/machine.js';
import type { PciDeviceInfo } from '../../src/machine/pci/index.js';
import { cfgRead, cfgWrite } from '../pci/config-cycles.js';

/** Program one function the way SeaBIOS left it, through 0xCF8/0xCFC only. */
export function programPciLikeSeabios(m: Machine, d: PciDeviceInfo): void {
  const devfn = d.slot * 8 + d.function;
  const bridge = d.pci_bridge;
  if (bridge) {
    cfgWrite(m, d.bus, devfn, 0x18, 1, bridge.bus.number);
    cfgWrite(m, d.bus, devfn, 0x19, 1, bridge.bus.secondary);
    cfgWrite(m, d.bus, devfn, 0x1a, 1, bridge.bus.subordinate);
    const io = bridge.bus.io_range;
    cfgWrite(m, d.bus, devfn, 0x1c, 1, (io.base >> 8) & 0xff);
    cfgWrite(m, d.bus, devfn, 0x1d, 1, (io.limit >> 8) & 0xff);
    cfgWrite(m, d.bus, devfn, 0x30, 2, 0);
    cfgWrite(m, d.bus, devfn, 0x32, 2, 0);
    const mem = bridge.bus.memory_range;
    cfgWrite(m, d.bus, devfn, 0x20, 2, Math.floor(mem.base / 0x10000) & 0xffff);
    cfgWrite(m, d.bus, devfn, 0x22, 2, Math.floor(mem.limit / 0x10000) & 0xffff);
    const pref = bridge.bus.prefetchable_range;
    cfgWrite(m, d.bus, devfn, 0x24, 2, Math.floor(pref.base / 0x10000) & 0xffff);
    cfgWrite(m, d.bus, devfn, 0x26, 2, Math.floor(pref.limit / 0x10000) & 0xffff);
    cfgWrite(m, d.bus, devfn, 0x28, 4, Math.floor(pref.base / 2 ** 32));
    cfgWrite(m, d.bus, devfn, 0x2c, 4, Math.floor(pref.limit / 2 ** 32));
  }
  for (const r of d.regions) {
    const rom = r.bar === 6;
    const off = rom ? (bridge ? 0x38 : 0x30) : 0x10 + 4 * r.bar;
    // SeaBIOS writes ROM BARs without the enable bit: they stay unmapped (-1). Any aligned address will do.
    const addr = rom && r.address === -1 ? 0xfeb00000 : r.address;
    cfgWrite(m, d.bus, devfn, off, 4, addr % 2 ** 32);
    if (r.mem_type_64) cfgWrite(m, d.bus, devfn, off + 4, 4, Math.floor(addr / 2 ** 32));
  }
  if (d.irq !== undefined) cfgWrite(m, d.bus, devfn, 0x3c, 1, d.irq);
  // SeaBIOS: COMMAND |= IO | MEMORY | SERR on every function.
  cfgWrite(m, d.bus, devfn, 0x04, 2, cfgRead(m, d.bus, devfn, 0x04, 2) | 0x0103);
  for (const child of bridge?.devices ?? []) programPciLikeSeabios(m, child);
}

/** The chipset registers SeaBIOS programs before it first reads the ACPI files (qemu-host.md §5.7). */
export function programChipsetLikeSeabios(m: Machine): void {
  if (m.board.name === 'q35') {
    cfgWrite(m, 0, 0, 0x64, 4, 0);
    cfgWrite(m, 0, 0, 0x60, 4, 0xb0000001);
    cfgWrite(m, 0, 0xf8, 0x40, 4, 0x601);
    cfgWrite(m, 0, 0xf8, 0x44, 1, 0x80);
  } else {
    cfgWrite(m, 0, 0x0b, 0x40, 4, 0x601);
    cfgWrite(m, 0, 0x0b, 0x80, 1, 0x01);
    cfgWrite(m, 0, 0x0b, 0x90, 4, 0x701);
    cfgWrite(m, 0, 0x0b, 0xd2, 1, 0x09);
  }
}
