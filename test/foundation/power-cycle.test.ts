import test from 'ava';
import { bootMachine, createMachine } from '../../src/machine/create-machine.js';

const CONFIGS: Array<[string, string[]]> = [
  ['pc, bridge, vmgenid', ['-machine', 'pc', '-device', 'vmgenid,guid=324e6eaf-d1d1-4bf6-bf41-b9bb6c91fb87',
    '-device', 'pci-bridge,chassis_nr=1,id=b1', '-device', 'e1000,bus=b1']],
  ['q35, vmgenid-pci, 2G', ['-machine', 'q35', '-m', '2G', '-device', 'vmgenid-pci']],
];

for (const [label, args] of CONFIGS) {
  test(`${label}: a machine booted again reports exactly what a newly built one does`, async (t) => {
    const machine = createMachine(args);
    const first = await bootMachine(machine);
    // Leave traces a fresh machine does not have: RAM, CMOS, console, events.
    machine.memory.write(0x7000, 4, 0xdeadbeef);
    machine.ports.write(0x70, 1, 0x40);
    machine.ports.write(0x71, 1, 0x5a);
    machine.ports.write(0x402, 1, 0x41);
    const again = await bootMachine(machine);
    const fresh = await bootMachine(createMachine(args));
    t.is(again.machine, machine);
    t.deepEqual(again.report, fresh.report);
    t.deepEqual(first.report, fresh.report);
    t.is(machine.memory.read(0x7000, 4), fresh.machine.memory.read(0x7000, 4));
  });
}
