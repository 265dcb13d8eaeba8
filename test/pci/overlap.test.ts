import test from 'ava';
import { createMachine } from '../../src/machine/create-machine.js';
import { buildBootReport } from '../../src/machine/report/boot-report.js';
import { cfgRead, cfgWrite } from './config-cycles.js';

const args = ['-machine', 'pc', '-nodefaults', '-device', 'e1000,addr=3,id=n1', '-device', 'e1000,addr=4,id=n2'];
const N1 = 3 * 8;
const N2 = 4 * 8;

test('two BARs programmed onto the same range are reported naming both; moving one clears it', (t) => {
  const m = createMachine(args);
  const pci = m.pci;
  const seen: number[] = [];
  pci.onOverlapChange((o) => seen.push(o.length));
  cfgWrite(m, 0, N1, 0x10, 4, 0xfe000000);
  // BAR0 is 128 KiB: 0xfe010000 decodes at 0xfe000000 (the size bits are read-only).
  cfgWrite(m, 0, N2, 0x10, 4, 0xfe010000);
  cfgWrite(m, 0, N1, 0x04, 2, 0x0002);
  cfgWrite(m, 0, N2, 0x04, 2, 0x0002);
  const [o] = pci.overlaps();
  t.is(pci.overlaps().length, 1);
  t.is(o!.space, 'memory');
  t.deepEqual([o!.a.id, o!.b.id].sort(), ['n1', 'n2']);
  t.deepEqual([o!.a.bar, o!.b.bar], [0, 0]);
  t.is(o!.start, 0xfe000000);
  t.is(o!.end, 0xfe020000);
  const report = buildBootReport(m).sections['pci'] as { overlaps: Array<{ text: string }> };
  t.regex(report.overlaps[0]!.text, /e1000 \(n1\) 00:03\.0 BAR0.*e1000 \(n2\) 00:04\.0 BAR0|e1000 \(n2\).*e1000 \(n1\)/);
  t.true(m.events.some((e) => /^PCI overlap: memory 0xfe000000-0xfe01ffff/.test(e)));

  cfgWrite(m, 0, N2, 0x10, 4, 0xfe020000);
  t.deepEqual(pci.overlaps(), []);
  t.true(m.events.some((e) => e.startsWith('PCI overlap cleared:')));
  t.deepEqual(seen, [1, 0]);
});

test('a BAR over RAM and an I/O BAR over the serial port are overlaps too', (t) => {
  const m = createMachine(['-machine', 'pc', '-device', 'e1000,addr=5,id=n', '-nodefaults', '-serial', 'null']);
  const pci = m.pci;
  cfgWrite(m, 0, 5 * 8, 0x10, 4, 0x00100000);
  cfgWrite(m, 0, 5 * 8, 0x14, 4, 0x3c0);
  cfgWrite(m, 0, 5 * 8, 0x04, 2, 0x0003);
  const names = pci.overlaps().map((o) => `${o.space} ${o.a.name} | ${o.b.name}`).sort();
  t.deepEqual(names, [
    // 0x3C0-0x3FF also covers the floppy controller (0x3F1-0x3F5, 0x3F7: pc has it with -nodefaults)
    // and the IDE primary channel's control port 0x3F6.
    'io e1000 (n) 00:05.0 BAR1 | fdc',
    'io e1000 (n) 00:05.0 BAR1 | fdc-dir',
    'io e1000 (n) 00:05.0 BAR1 | ide0-ctl',
    'io e1000 (n) 00:05.0 BAR1 | serial',
    'memory e1000 (n) 00:05.0 BAR0 | ram-below-4g',
  ]);
  // RAM wins the address (BARs sit below RAM), the BAR is still decoded.
  m.memory.write(0x100000, 4, 0x12345678);
  t.is(m.memory.read(0x100000, 4), 0x12345678);
  cfgWrite(m, 0, 5 * 8, 0x04, 2, 0);
  t.deepEqual(pci.overlaps(), []);
});

test('map/unmap events follow QEMU\'s pci_update_mappings trace format', (t) => {
  const m = createMachine(args);
  cfgWrite(m, 0, N1, 0x10, 4, 0xfebc0000);
  cfgWrite(m, 0, N1, 0x04, 2, 0x0002);
  cfgWrite(m, 0, N1, 0x04, 2, 0x0000);
  t.deepEqual(m.pci.events().filter((e) => e.startsWith('pci_update')), [
    'pci_update_mappings_add 00:03.0 0,0xfebc0000+0x20000',
    'pci_update_mappings_del 00:03.0 0,0xfebc0000+0x20000',
  ]);
});

test('a device behind a bridge is reachable only through the bridge windows', (t) => {
  const m = createMachine(['-machine', 'pc', '-nodefaults', '-device', 'pci-bridge,chassis_nr=1,id=br,addr=2',
    '-object', 'memory-backend-ram,id=hm,size=1M', '-device', 'ivshmem-plain,memdev=hm,bus=br,addr=1']);
  const BR = 2 * 8;
  cfgWrite(m, 0, BR, 0x18, 4, 0x00010100);
  cfgWrite(m, 1, 8, 0x18, 4, 0xfea00000);
  cfgWrite(m, 1, 8, 0x1c, 4, 0);
  cfgWrite(m, 1, 8, 0x04, 2, 0x0002);
  m.memory.write(0xfea00010, 4, 0xcafef00d);
  t.is(m.memory.read(0xfea00010, 4), 0xffffffff, 'bridge forwards nothing yet');
  t.is(m.pci.devices().find((d) => d.name === 'ivshmem-plain')!.bars[1]!.address, 0xfea00000, 'decoded on its bus');
  cfgWrite(m, 0, BR, 0x24, 2, 0xfea0);
  cfgWrite(m, 0, BR, 0x26, 2, 0xfeb0);
  cfgWrite(m, 0, BR, 0x04, 2, 0x0002);
  m.memory.write(0xfea00010, 4, 0xcafef00d);
  t.is(m.memory.read(0xfea00010, 4), 0xcafef00d, 'shared memory visible through the prefetchable window');
  cfgWrite(m, 0, BR, 0x26, 2, 0xfea0);
  t.is(m.memory.read(0xfea00010, 4), 0xcafef00d, 'window 0xfea00000-0xfeafffff still covers it');
  cfgWrite(m, 0, BR, 0x24, 2, 0xfeb0);
  t.is(m.memory.read(0xfea00010, 4), 0xffffffff, 'closed window (limit < base) forwards nothing');
});

test('setting Secondary Bus Reset resets the functions behind the bridge and unmaps them', (t) => {
  const m = createMachine(['-machine', 'pc', '-nodefaults', '-device', 'pci-bridge,chassis_nr=1,id=br,addr=2',
    '-device', 'e1000,bus=br,addr=1,id=n']);
  const BR = 2 * 8;
  cfgWrite(m, 0, BR, 0x18, 4, 0x00010100);
  cfgWrite(m, 0, BR, 0x20, 4, 0xfe00fe00);
  cfgWrite(m, 0, BR, 0x04, 2, 0x0002);
  cfgWrite(m, 1, 8, 0x10, 4, 0xfe000000);
  cfgWrite(m, 1, 8, 0x04, 2, 0x0002);
  const bar0 = () => m.pci.devices().find((d) => d.id === 'n')!.bars[0]!.address;
  t.is(bar0(), 0xfe000000);
  cfgWrite(m, 0, BR, 0x3e, 2, 0x0040);
  t.is(bar0(), -1);
  cfgWrite(m, 0, BR, 0x3e, 2, 0x0000);
  t.is(cfgRead(m, 1, 8, 0x10, 4), 0, 'BAR back at its reset value');
  t.is(cfgRead(m, 1, 8, 0x00, 4), 0x100e8086, 'reachable again once the reset bit is released');
});
