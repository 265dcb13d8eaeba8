import test from 'ava';
import { createMachine } from '../../src/machine/create-machine.js';
import { cfgWrite } from './config-cycles.js';

/**
 * QEMU's pci_bar_address rules, each checked on QEMU 7.2.22 through qtest by programming the
 * BAR and writing/reading guest memory there (VGA BAR0 is 16 MiB of RAM, ivshmem BAR2 2 MiB):
 * the write sticks exactly where QEMU maps the BAR.
 */
test('BAR decode follows QEMU 7.2 (MEM enable, 32-bit last page, 64-bit overflow)', (t) => {
  const m = createMachine(['-machine', 'pc', '-nodefaults', '-m', '512M', '-object', 'memory-backend-ram,id=hm,size=2M',
    '-device', 'VGA,addr=5', '-device', 'ivshmem-plain,memdev=hm,addr=6']);
  const V = 5 * 8;
  const I = 6 * 8;
  const sticks = (addr: number) => {
    m.memory.write(addr, 4, 0x12345678);
    return m.memory.read(addr, 4) === 0x12345678;
  };
  const addr = (name: string, bar: number) => m.pci.devices().find((d) => d.name === name)!.bars.find((b) => b.bar === bar)!.address;

  cfgWrite(m, 0, V, 0x10, 4, 0xfd000000);
  t.is(addr('VGA', 0), -1, 'MEM decode off');
  t.false(sticks(0xfd000000));
  cfgWrite(m, 0, V, 0x04, 2, 0x2);
  t.is(addr('VGA', 0), 0xfd000000);
  t.true(sticks(0xfd000000));
  cfgWrite(m, 0, V, 0x10, 4, 0xff000000);
  t.is(addr('VGA', 0), -1, 'a 32-bit BAR ending at 0xffffffff does not decode');
  t.false(sticks(0xff000010));
  cfgWrite(m, 0, V, 0x10, 4, 0xfe000000);
  t.true(sticks(0xfe000010));
  cfgWrite(m, 0, V, 0x10, 4, 0x30000000);
  t.true(sticks(0x30000010), 'above RAM (512 MiB)');
  cfgWrite(m, 0, V, 0x04, 2, 0);

  cfgWrite(m, 0, I, 0x04, 2, 0x2);
  cfgWrite(m, 0, I, 0x18, 4, 0);
  cfgWrite(m, 0, I, 0x1c, 4, 4);
  t.is(addr('ivshmem-plain', 2), 0x4_0000_0000);
  t.true(sticks(0x4_0000_0010));
  cfgWrite(m, 0, I, 0x18, 4, 0xffe00000);
  cfgWrite(m, 0, I, 0x1c, 4, 0xffffffff);
  t.is(addr('ivshmem-plain', 2), -1, 'a 64-bit BAR ending at 2^64-1 does not decode');
  cfgWrite(m, 0, I, 0x1c, 4, 0);
  t.is(addr('ivshmem-plain', 2), 0xffe00000, 'a 64-bit BAR may end at 0xffffffff');
  t.true(sticks(0xffe00010));
  cfgWrite(m, 0, I, 0x1c, 4, 1);
  t.true(sticks(0x1_ffe0_0010));
});
