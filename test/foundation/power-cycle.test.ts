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

test('a re-boot runs POST, loader and guest again: the same port and memory traffic as a new machine\'s boot', async (t) => {
  const args = ['-machine', 'pc', '-device', 'vmgenid'];
  const traffic = async (machine: ReturnType<typeof createMachine>) => {
    const counts = { portReads: 0, portWrites: 0, memoryWrites: 0 };
    const ports = machine.ports;
    const memory = machine.memory;
    const read = ports.read.bind(ports);
    const write = ports.write.bind(ports);
    const memWrite = memory.write.bind(memory);
    const memBytes = memory.writeBytes.bind(memory);
    ports.read = (port, size) => { counts.portReads++; return read(port, size); };
    ports.write = (port, size, value) => { counts.portWrites++; write(port, size, value); };
    memory.write = (addr, size, value) => { counts.memoryWrites++; memWrite(addr, size, value); };
    memory.writeBytes = (addr, data) => { counts.memoryWrites++; memBytes(addr, data); };
    try {
      const r = await bootMachine(machine);
      return { counts, console: r.report.firmware?.console, guest: r.report.guest };
    } finally {
      ports.read = read;
      ports.write = write;
      memory.write = memWrite;
      memory.writeBytes = memBytes;
    }
  };
  const machine = createMachine(args);
  const first = await traffic(machine);
  const again = await traffic(machine);
  const fresh = await traffic(createMachine(args));
  t.true(fresh.counts.portWrites > 1000 && fresh.counts.memoryWrites > 100, JSON.stringify(fresh.counts));
  t.deepEqual(first.counts, fresh.counts);
  t.deepEqual(again.counts, fresh.counts);
  t.deepEqual(again.console, fresh.console);
  t.deepEqual(again.guest, fresh.guest);
});
