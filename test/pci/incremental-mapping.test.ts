import test from 'ava';
import { createMachine } from '../../src/machine/create-machine.js';
import type { Machine } from '../../src/machine/machine.js';
import { prng } from './config-cycles.js';

/** What decodes where: the flat memory view and the port ranges, by name. */
function layout(m: Machine): string {
  const mem = m.memory.flatView().map((r) => `${r.start.toString(16)}-${r.end.toString(16)} ${r.mapping.name}`);
  const io = m.ports.list().map((r) => `${r.base.toString(16)}+${r.length} ${r.name}`).sort();
  return [...mem, ...io].join('\n');
}

/**
 * After each config write the machine updates only the written function (a bridge: its
 * subtree). Re-deciding every BAR of the machine from scratch must then change nothing.
 */
test('per-function updates after random header writes leave what a whole-machine update gives', (t) => {
  const m = createMachine(['-machine', 'pc', '-nodefaults',
    '-device', 'pci-bridge,id=b1,chassis_nr=1', '-device', 'pci-bridge,id=b2,chassis_nr=2,bus=b1,addr=3',
    '-device', 'e1000,bus=b1,addr=5', '-device', 'e1000,bus=b2,addr=6', '-device', 'nvme,serial=x,bus=b2', '-device', 'e1000']);
  const pci = m.pci;
  const fns = pci.host.functions();
  const rand = prng(0x16);
  // Give the bridges bus numbers so every function is reachable.
  const b1 = fns.find((f) => f.qdevId === 'b1')!;
  const b2 = fns.find((f) => f.qdevId === 'b2')!;
  pci.configWrite(0, b1.devfn, 0x18, 4, 0x00020100);
  pci.configWrite(1, b2.devfn, 0x18, 4, 0x00020201);
  const windows = [0x04, 0x10, 0x14, 0x18, 0x1c, 0x20, 0x24, 0x30, 0x3c, 0x3e];
  const values = [0, 0xffffffff, 0xfe000000, 0xfebc0000, 0xc000, 0xfff0fe00, 0xfeb0fe00, 0x0007, 0x0003, 0x0008];
  let checked = 0;
  for (let i = 0; i < 1500; i++) {
    const f = fns[Math.floor(rand() * fns.length)]!;
    const reg = windows[Math.floor(rand() * windows.length)]!;
    if (f.isBridge && reg === 0x18) continue;
    const value = values[Math.floor(rand() * values.length)]!;
    pci.configWrite(f.busNumber, f.devfn, reg, reg === 0x04 || reg === 0x3e ? 2 : 4, reg === 0x04 || reg === 0x3e ? value & 0xffff : value);
    const incremental = layout(m);
    const events = pci.host.mapper.eventCount;
    pci.host.mapper.update();
    if (layout(m) !== incremental || pci.host.mapper.eventCount !== events) {
      t.fail(`step ${i}: write ${f.label} [0x${reg.toString(16)}] = 0x${value.toString(16)} left a layout the full update changes`);
      return;
    }
    checked++;
  }
  t.is(checked > 1000, true);
  t.true(pci.host.mapper.eventCount > 50, `${pci.host.mapper.eventCount} mapping events`);
});
