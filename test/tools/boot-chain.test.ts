import test from 'ava';
import { boot } from '../../src/index.js';
import { main } from '../../src/cli.js';
import { parseGuestConsole } from '../../src/tools/report/guest-console.js';

const GUID = '324e6eaf-d1d1-4bf6-bf41-b9bb6c91fb87';

test('the boot chain: e820 before and after, blobs, loader, tables, guest — each consistent with the others', async (t) => {
  const { report } = await boot(['-machine', 'q35', '-device', `vmgenid,guid=${GUID}`]);
  const c = report.chain;
  t.deepEqual(c.e820.qemu.map((e) => e.type), ['reserved', 'RAM']);
  t.truthy(c.e820.firmware, 'the hand-over record carries the final e820');
  t.is(c.loader.result, '32 entries, ok (policy seabios)');
  t.deepEqual(c.loader.findings, []);
  t.is(c.loader.commands.filter((x) => x.kind === 'ALLOCATE').length, 3);
  t.deepEqual(c.loader.writePointers, [`WRITE_POINTER etc/vmgenid_addr+0 = 0x${(Number(c.blobs.find((b) => b.file === 'etc/vmgenid_guid')!.address) + 0x28).toString(16)}`]);

  // Every HIGH blob sits in a range the firmware's e820 reserves; the RSDP in the F-segment.
  const reserved = c.e820.firmware!.filter((e) => e.type === 'reserved');
  for (const b of c.blobs) {
    const a = Number(b.address);
    t.true(reserved.some((r) => Number(r.start) <= a && a + b.size - 1 <= Number(r.end)), `${b.file} at ${b.address} is reserved`);
  }
  t.is(c.blobs.find((b) => b.file === 'etc/acpi/rsdp')?.zone, 'FSEG');
  t.true(Number(c.firmwareReservedRam) >= 128 * 1024 + 4096, 'at least the tables and the vmgenid page');

  // The installed tables: QEMU's set, all checksums good, FACS at the start of the tables blob.
  t.deepEqual(c.tables.map((x) => x.signature).sort(),
    ['APIC', 'DSDT', 'FACP', 'FACS', 'HPET', 'MCFG', 'RSDP', 'RSDT', 'SSDT[VMGENID]', 'WAET']);
  t.true(c.tables.every((x) => x.checksum === 'ok'));
  t.is(c.tables.find((x) => x.signature === 'FACS')?.address, c.blobs.find((b) => b.file === 'etc/acpi/tables')?.address);
  t.is(c.tables.find((x) => x.signature === 'RSDP')?.address, c.blobs.find((b) => b.file === 'etc/acpi/rsdp')?.address);

  // The guest found the same RSDP and reads the configured GUID where the firmware put it.
  t.true(c.guest!.rsdp!.startsWith(c.blobs.find((b) => b.file === 'etc/acpi/rsdp')!.address));
  t.is(c.guest!.vmgenid?.guid, GUID);
  t.is(Number(c.guest!.vmgenid?.address), Number(c.blobs.find((b) => b.file === 'etc/vmgenid_guid')!.address) + 0x28);
  t.true(c.guest!.devices.some((d) => d.path === '\\_SB_.VGEN' && d.hid === 'QEMUVGID'));
});

test('fwlab boot prints each step of the chain; --json carries the same under "chain"', async (t) => {
  let text = '';
  t.is(await main(['boot', '-machine', 'pc', '-device', 'vmgenid'], { out: (s) => { text += s; } }), 0);
  for (const heading of ['e820 after POST', 'where the fw_cfg blobs went', 'Linker-loader: ', 'ACPI tables in guest memory', 'VM generation ID: ']) {
    t.true(text.includes(heading), `text report has "${heading}"`);
  }
  let json = '';
  t.is(await main(['boot', '-machine', 'pc', '-device', 'vmgenid', '--json'], { out: (s) => { json += s; } }), 0);
  const r = JSON.parse(json) as { chain: { tables: unknown[]; guest: { vmgenid: { guid: string } } } };
  t.true(r.chain.tables.length >= 8);
  t.regex(r.chain.guest.vmgenid.guid, /^[0-9a-f-]{36}$/);
});

test('guest console lines parse into devices, the generation ID and events', (t) => {
  const g = parseGuestConsole([
    'ospm: rsdp 0xf5fe0 rev=0 oem=BOCHS checksum=ok',
    'ospm: device \\_SB_.VGEN hid=QEMUVGID cid=VM_Gen_Counter sta=0xf',
    'ospm: vmgenid 11111111-2222-4333-8444-555555555555 addr=0x1ffff028 \\_SB_.VGEN',
    'ospm: gpe 0x5 _E05',
    'not from the guest',
    'ospm: idle devices=1',
  ]);
  t.is(g.rsdp, '0xf5fe0 rev=0 oem=BOCHS checksum=ok');
  t.deepEqual(g.devices, [{ path: '\\_SB_.VGEN', hid: 'QEMUVGID', cid: 'VM_Gen_Counter', sta: '0xf' }]);
  t.deepEqual(g.vmgenid, { guid: '11111111-2222-4333-8444-555555555555', address: '0x1ffff028', path: '\\_SB_.VGEN' });
  t.deepEqual(g.events, ['gpe 0x5 _E05']);
});
