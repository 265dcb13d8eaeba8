import test from 'ava';
import { createMachine } from '../../src/machine/create-machine.js';
import { UsageError } from '../../src/lib/errors.js';
import { cfgRead, cfgWrite } from './config-cycles.js';

const layout = (args: string[]) => createMachine(args).pci.devices().map((d) => `${d.bdf} ${d.vendor.toString(16)}:${d.device.toString(16)}`);

test('QEMU 7.2 defaults without -nodefaults: pc has VGA 00:02.0 and e1000 00:03.0', (t) => {
  t.deepEqual(layout(['-machine', 'pc']), [
    '00:00.0 8086:1237', '00:01.0 8086:7000', '00:01.1 8086:7010', '00:01.3 8086:7113', '00:02.0 1234:1111', '00:03.0 8086:100e',
  ]);
  const m = createMachine(['-machine', 'pc']);
  for (const name of ['isa-serial', 'isa-parallel', 'isa-fdc', 'ide-cd']) t.true(m.devices.some((d) => d.name === name), name);
});

test('QEMU 7.2 defaults: q35 has VGA 00:01.0 and e1000e 00:02.0; -device VGA replaces the default VGA', (t) => {
  t.deepEqual(layout(['-machine', 'q35']), [
    '00:00.0 8086:29c0', '00:01.0 1234:1111', '00:02.0 8086:10d3', '00:1f.0 8086:2918', '00:1f.2 8086:2922', '00:1f.3 8086:2930',
  ]);
  t.deepEqual(layout(['-machine', 'q35', '-device', 'VGA,addr=5']).filter((l) => l.endsWith('1234:1111')), ['00:05.0 1234:1111']);
});

const REFUSED: Array<[string[], RegExp]> = [
  [['-machine', 'q35', '-device', 'pcie-root-port,chassis=1', '-device', 'pcie-root-port,chassis=1'], /Can't add chassis slot, error -16/],
  [['-machine', 'q35', '-device', 'e1000,bus=pci.0'], /Bus 'pci\.0' not found/],
  [['-machine', 'pc', '-device', 'pci-bridge'], /Bridge chassis not specified/],
  [['-machine', 'pc', '-device', 'e1000,addr=1'], /slot 1 function 0 not available for e1000, in use by PIIX3/],
  [['-machine', 'pc', '-device', 'nvme'], /serial property not set/],
  [['-machine', 'pc', '-device', 'ivshmem-plain'], /You must specify a 'memdev'/],
  [['-machine', 'pc', '-object', 'memory-backend-ram,id=m,size=3M', '-device', 'ivshmem-plain,memdev=m'], /power of two/],
  [['-machine', 'q35', '-device', 'pcie-root-port,chassis=1,pref32-reserve=1M,pref64-reserve=1M'], /PREF32 and PREF64 conflict/],
];

/** Each refusal (and message) as QEMU 7.2.22 prints it for the same command line. */
for (const [args, message] of REFUSED) {
  test(`refused like QEMU: ${args.slice(2).join(' ')}`, (t) => {
    t.throws(() => createMachine(args), { instanceOf: UsageError, message });
  });
}

test('pcie-root-port carries the Red Hat resource-reserve capability SeaBIOS reads', (t) => {
  const m = createMachine(['-machine', 'q35', '-nodefaults', '-device', 'pcie-root-port,chassis=1,addr=4,io-reserve=8K,mem-reserve=4M,pref64-reserve=1G']);
  const devfn = 4 * 8;
  let cap = cfgRead(m, 0, devfn, 0x34, 1);
  while (cap !== 0 && cfgRead(m, 0, devfn, cap, 1) !== 0x09) cap = cfgRead(m, 0, devfn, cap + 1, 1);
  t.not(cap, 0);
  t.is(cfgRead(m, 0, devfn, cap + 2, 1), 32, 'length');
  t.is(cfgRead(m, 0, devfn, cap + 3, 1), 1, 'type: resource reserve');
  t.is(cfgRead(m, 0, devfn, cap + 4, 4), 0xffffffff, 'bus_res unset');
  t.deepEqual([cfgRead(m, 0, devfn, cap + 8, 4), cfgRead(m, 0, devfn, cap + 12, 4)], [0x2000, 0]);
  t.is(cfgRead(m, 0, devfn, cap + 16, 4), 0x400000);
  t.is(cfgRead(m, 0, devfn, cap + 20, 4), 0xffffffff, 'pref32 unset');
  t.deepEqual([cfgRead(m, 0, devfn, cap + 24, 4), cfgRead(m, 0, devfn, cap + 28, 4)], [0x40000000, 0]);
  cfgWrite(m, 0, devfn, cap + 16, 4, 0);
  t.is(cfgRead(m, 0, devfn, cap + 16, 4), 0x400000, 'read-only');
});

test('vmgenid-pci: 1b36:0009 by default (device-id configurable), class 0x0500, GUID in its BAR', (t) => {
  const m = createMachine(['-machine', 'pc', '-nodefaults', '-device', 'vmgenid-pci,addr=6,guid=324e6eaf-d1d1-4bf6-bf41-b9bb6c91fb87']);
  t.is(cfgRead(m, 0, 6 * 8, 0, 4), 0x00091b36);
  t.is(cfgRead(m, 0, 6 * 8, 0x0a, 2), 0x0500);
  cfgWrite(m, 0, 6 * 8, 0x10, 4, 0xfe000000);
  cfgWrite(m, 0, 6 * 8, 0x14, 4, 0);
  cfgWrite(m, 0, 6 * 8, 0x04, 2, 2);
  // qemu-host.md §3.3: the GUID in little-endian ("mixed-endian") form.
  t.deepEqual([...m.memory.readBytes(0xfe000000, 16)], [0xaf, 0x6e, 0x4e, 0x32, 0xd1, 0xd1, 0xf6, 0x4b, 0xbf, 0x41, 0xb9, 0xbb, 0x6c, 0x91, 0xfb, 0x87]);
  const other = createMachine(['-machine', 'pc', '-nodefaults', '-device', 'vmgenid-pci,addr=6,device-id=0x10']);
  t.is(cfgRead(other, 0, 6 * 8, 0, 4), 0x00101b36);
});

/**
 * QEMU 7.2.22 accepts these (checked by running it): a root port on pc's pci.0, a root port
 * behind a root port, a device at slot 2 behind a root port. The last one exists but no config
 * cycle reaches it (01:02.0 reads all-ones there too), while 01:00.0 does.
 */
test('accepted like QEMU 7.2: root ports anywhere, devices at any slot behind them (only slot 0 answers)', (t) => {
  t.notThrows(() => createMachine(['-machine', 'pc', '-device', 'pcie-root-port,chassis=1']));
  t.notThrows(() => createMachine(['-machine', 'q35', '-device', 'pcie-root-port,id=a,chassis=1', '-device', 'pcie-root-port,bus=a,chassis=2']));
  const q = createMachine(['-machine', 'q35', '-nodefaults', '-device', 'pcie-root-port,id=a,chassis=1,addr=0x10', '-device', 'e1000,bus=a,addr=2']);
  cfgWrite(q, 0, 0x80, 0x18, 4, 0x00010100);
  t.is(cfgRead(q, 1, 2 * 8, 0, 4), 0xffffffff);
  const p = createMachine(['-machine', 'pc', '-nodefaults', '-device', 'pcie-root-port,id=a,chassis=1,addr=5', '-device', 'virtio-net-pci,bus=a']);
  cfgWrite(p, 0, 5 * 8, 0x18, 4, 0x00010100);
  t.is(cfgRead(p, 0, 5 * 8, 0, 4), 0x000c1b36);
  t.is(cfgRead(p, 1, 0, 0, 4), 0x10411af4, 'modern virtio behind the port, as on QEMU');
});
