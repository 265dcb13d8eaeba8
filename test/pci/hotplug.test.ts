import test from 'ava';
import { createMachine } from '../../src/machine/create-machine.js';
import { UsageError } from '../../src/lib/errors.js';
import { cfgRead, cfgWrite } from './config-cycles.js';

const PC_HP = 0xae00;
const Q35_HP = 0x0cc0;

test('pc: hot-add into a bridge slot raises GPE0 bit 1 and shows in UP; eject removes it', (t) => {
  const m = createMachine(['-machine', 'pc', '-nodefaults', '-device', 'pci-bridge,chassis_nr=1,id=br1,addr=2']);
  const pci = m.pci;
  t.deepEqual(pci.hotplugBuses().map((b) => [b.bsel, b.busName]), [[0, 'pci.0'], [1, 'br1']]);
  // Root bus: the chipset's slot 1 (and the host bridge's slot 0) can't be removed.
  t.is(pci.hotplugBuses()[0]!.slots & 3, 0);
  cfgWrite(m, 0, 2 * 8, 0x18, 4, 0x00010100);
  const added = pci.hotplug('e1000,bus=br1,addr=5,id=hot1');
  t.is(added.bdf, '01:05.0');
  t.true(m.acpiPm.gpeStatus(1));
  m.ports.write(PC_HP + 0x10, 4, 1);
  t.is(m.ports.read(PC_HP + 0x00, 4), 1 << 5, 'UP has slot 5');
  t.is(m.ports.read(PC_HP + 0x00, 4), 0, 'UP clears on read');
  t.is(cfgRead(m, 1, 5 * 8, 0, 4), 0x100e8086, 'reachable behind the bridge');

  pci.unplug('hot1');
  t.is(m.ports.read(PC_HP + 0x04, 4), 1 << 5, 'DOWN has slot 5');
  m.ports.write(PC_HP + 0x08, 4, 1 << 5);
  t.is(m.ports.read(PC_HP + 0x04, 4), 0);
  t.is(cfgRead(m, 1, 5 * 8, 0, 4), 0xffffffff, 'gone after eject');
  t.false(pci.devices().some((d) => d.id === 'hot1'));
  t.true(m.events.some((e) => /hot-unplug: e1000 \(hot1\).*ejected/.test(e)));
});

test('pc: ejecting a chipset slot is ignored', (t) => {
  const m = createMachine(['-machine', 'pc', '-nodefaults']);
  m.ports.write(PC_HP + 0x10, 4, 0);
  m.ports.write(PC_HP + 0x08, 4, 0b11);
  t.is(m.pci.devices().length, 4);
  t.throws(() => m.pci.unplug('nope'), { instanceOf: UsageError, message: "Device 'nope' not found" });
});

test('q35: the root complex is not hot-pluggable, root ports are', (t) => {
  const m = createMachine(['-machine', 'q35', '-nodefaults', '-device', 'pcie-root-port,id=rp1,chassis=1,addr=0x10']);
  const pci = m.pci;
  t.throws(() => pci.hotplug('e1000,id=x'), { instanceOf: UsageError, message: "Bus 'pcie.0' does not support hotplugging" });
  t.deepEqual(pci.hotplugBuses().map((b) => [b.bsel, b.busName, b.slots]), [[0, 'rp1', 0xffffffff]]);
  const d = pci.hotplug('virtio-net-pci,bus=rp1,id=vn');
  t.is(d.device, 0x1041, 'modern virtio behind a PCIe port');
  t.true(m.acpiPm.gpeStatus(1));
  m.ports.write(Q35_HP + 0x10, 4, 0);
  t.is(m.ports.read(Q35_HP, 4), 1);
});

test('BSEL numbering follows QEMU: root first, then child buses newest first (q35-rootports DSDT: 00:11.0 → 0, 00:10.0 → 1)', (t) => {
  const q = createMachine(['-machine', 'q35', '-nodefaults', '-device', 'pcie-root-port,id=rp1,chassis=1,addr=0x10',
    '-device', 'pcie-root-port,id=rp2,chassis=2,addr=0x11']);
  t.deepEqual(q.pci.hotplugBuses().map((b) => [b.bsel, b.busName]), [[0, 'rp2'], [1, 'rp1']]);
  const p = createMachine(['-machine', 'pc', '-nodefaults', '-device', 'pci-bridge,chassis_nr=1,id=br1']);
  t.deepEqual(p.pci.hotplugBuses().map((b) => [b.bsel, b.busName]), [[0, 'pci.0'], [1, 'br1']]);
  t.true(p.ports.list().some((r) => r.name === 'acpi-pci-hotplug' && r.base === 0xae00 && r.length === 0x18));
});

/**
 * Observed on QEMU 7.2.22 through qtest (outl 0xae10 BSEL; inl 0xae0c): the RMV bitmap, the
 * selector's read-back, and that only aligned dword accesses work (inw/inb read 0, outw is dropped).
 */
test('RMV, selector and access widths like QEMU 7.2 (qtest observations)', (t) => {
  const cases: Array<[string[], number]> = [
    [['-machine', 'pc'], 0xfffffff8],
    [['-machine', 'pc', '-device', 'pci-bridge,chassis_nr=1,id=br1,addr=5', '-device', 'e1000,bus=br1,addr=3'], 0xffffffd8],
    [['-machine', 'pc', '-nodefaults', '-object', 'memory-backend-ram,id=hm,size=2M', '-device', 'e1000,addr=5', '-device', 'e1000e,addr=6',
      '-device', 'virtio-net-pci,addr=7', '-device', 'virtio-gpu-pci,addr=8', '-device', 'nvme,serial=x,addr=9',
      '-device', 'ivshmem-plain,memdev=hm,addr=10', '-device', 'VGA,addr=11', '-device', 'pci-bridge,chassis_nr=1,addr=12'], 0xfff9fefc],
  ];
  for (const [args, rmv] of cases) {
    const m = createMachine(args);
    m.ports.write(PC_HP + 0x10, 4, 0);
    t.is(m.ports.read(PC_HP + 0x0c, 4), rmv, args.join(' '));
    t.is(m.ports.read(PC_HP + 0x0c, 2), 0, 'word read');
    t.is(m.ports.read(PC_HP + 0x0d, 1), 0, 'byte read');
    m.ports.write(PC_HP + 0x10, 4, 3);
    t.is(m.ports.read(PC_HP + 0x10, 4), 3);
    t.is(m.ports.read(PC_HP + 0x0c, 4), 0xffffffff, 'unused BSEL');
    m.ports.write(PC_HP + 0x10, 2, 1);
    t.is(m.ports.read(PC_HP + 0x10, 4), 3, 'a word write is dropped');
    m.ports.write(PC_HP + 0x10, 4, 300);
    t.is(m.ports.read(PC_HP + 0x10, 4), 0, 'out-of-range selector reads 0');
    t.is(m.ports.read(PC_HP + 0x0c, 4), 0);
  }
});

/**
 * The same sequence on QEMU 7.2.22 (qtest + QMP device_add/device_del) gave exactly these
 * values: GPE0_STS bit 1, UP = slot bit then 0 (clear on read), DOWN after device_del,
 * DOWN cleared and the device gone after the EJ write, query-pci's bridge device list empty.
 */
test('hot-plug sequence reads like QEMU 7.2 (device_add/device_del observations)', (t) => {
  const m = createMachine(['-machine', 'pc', '-nodefaults', '-device', 'pci-bridge,chassis_nr=1,id=br1,addr=5']);
  const pci = m.pci;
  cfgWrite(m, 0, 0x0b, 0x40, 4, 0x601);
  cfgWrite(m, 0, 0x0b, 0x80, 1, 1);
  cfgWrite(m, 0, 0x28, 0x18, 4, 0x00010100);
  t.is(m.ports.read(0xafe0, 2), 0);
  m.ports.write(0xafe2, 2, 0x0002);
  pci.hotplug('e1000,bus=br1,addr=7,id=hot1');
  t.is(m.ports.read(0xafe0, 2), 0x0002);
  m.ports.write(PC_HP + 0x10, 4, 1);
  t.is(m.ports.read(PC_HP + 0x00, 4), 0x80);
  t.is(m.ports.read(PC_HP + 0x00, 4), 0);
  t.is(m.ports.read(PC_HP + 0x04, 4), 0);
  t.is(m.ports.read(PC_HP + 0x0c, 4), 0xffffffff);
  m.ports.write(PC_HP + 0x10, 4, 0);
  t.is(m.ports.read(PC_HP + 0x00, 4), 0);
  pci.unplug('hot1');
  m.ports.write(0xafe0, 2, 0x0002);
  m.ports.write(PC_HP + 0x10, 4, 1);
  t.is(m.ports.read(PC_HP + 0x04, 4), 0x80);
  t.is(m.ports.read(0xafe0, 2), 0);
  m.ports.write(PC_HP + 0x08, 4, 0x80);
  t.is(m.ports.read(PC_HP + 0x04, 4), 0);
  t.is(cfgRead(m, 1, 7 * 8, 0, 4), 0xffffffff);
  t.deepEqual(pci.queryPci()[0]!.devices.find((d) => d.qdev_id === 'br1')!.pci_bridge!.devices, []);
});
