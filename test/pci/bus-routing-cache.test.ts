/**
 * The config router keeps bus number → bus until a bridge's bus numbers (0x18-0x1a) or Bridge
 * Control (secondary bus reset, 0x3e) are written (decision 0057: window and command writes no
 * longer drop it). After random bridge writes of every kind and width, each of the 256 bus
 * numbers must route where a router without a cache (QEMU's pci_find_bus_nr walk) sends it.
 */
import test from 'ava';
import { createMachine } from '../../src/machine/create-machine.js';
import { ConfigRouter } from '../../src/machine/pci/config-access.js';
import { prng } from './config-cycles.js';

test('cached bus routing equals a fresh walk after random bridge writes', (t) => {
  const m = createMachine(['-machine', 'pc', '-nodefaults',
    '-device', 'pci-bridge,id=b1,chassis_nr=1', '-device', 'pci-bridge,id=b2,chassis_nr=2,bus=b1,addr=3',
    '-device', 'pci-bridge,id=b3,chassis_nr=3', '-device', 'e1000,bus=b2,addr=6', '-device', 'nvme,serial=x,bus=b3']);
  const pci = m.pci;
  const host = pci.host;
  const bridges = host.functions().filter((f) => f.isBridge && f.secondary);
  const rand = prng(0x57);
  const regs = [0x04, 0x18, 0x19, 0x1a, 0x1c, 0x20, 0x24, 0x3c, 0x3e, 0x3f, 0x16, 0x17, 0x1b];
  let checked = 0;
  for (let i = 0; i < 2000; i++) {
    const f = bridges[Math.floor(rand() * bridges.length)]!;
    const reg = regs[Math.floor(rand() * regs.length)]!;
    const size = ([1, 2, 4] as const)[Math.floor(rand() * 3)]!;
    const at = reg & ~(size - 1);
    const value = Math.floor(rand() * 2 ** 32) & (size === 4 ? 0xffffffff : size === 2 ? 0xffff : 0xff);
    // Bus numbers from a small range so bridges route each other's numbers often; bus reset now and then.
    const noReset = rand() < 0.8;
    const v = at <= 0x1a && at + size > 0x18 ? value & 0x03030303 : noReset && (at === 0x3e || at === 0x3c) ? value & ~0x0040_0040 : value;
    pci.configWrite(f.busNumber, f.devfn, at, size, v >>> 0);
    const fresh = new ConfigRouter(() => host.root, () => {}, undefined, () => host.expanders);
    for (let n = 0; n < 256; n++) {
      const a = host.router.findBus(n);
      const b = fresh.findBus(n);
      if (a !== b) {
        t.fail(`write ${i}: ${f.label} ${at.toString(16)}/${size} = ${v.toString(16)}: bus ${n} routes to ${a?.name} (cached), ${b?.name} (walk)`);
        return;
      }
      checked++;
    }
  }
  t.is(checked, 2000 * 256);
});
