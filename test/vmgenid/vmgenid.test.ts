import test from 'ava';
import { createMachine } from '../../src/machine/create-machine.js';
import { CTL, dma, dmaReadFile, readDirectory } from '../fw-cfg/port-client.js';
import { formatGuid, guidFromMicrosoftBytes, guidFromSeed, guidToMicrosoftBytes, parseGuid } from '../../src/lib/guid.js';

const GUID = '324e6eaf-d1d1-4bf6-bf41-b9bb6c91fb87';

test('guid helpers: Microsoft order swaps the first three fields (qemu-host.md §3.3)', (t) => {
  t.is(Buffer.from(guidToMicrosoftBytes(GUID)).toString('hex'), 'af6e4e32d1d1f64bbf41b9bb6c91fb87');
  t.is(guidFromMicrosoftBytes(guidToMicrosoftBytes(GUID)), GUID);
  t.is(formatGuid(parseGuid(GUID.toUpperCase())), GUID);
  t.throws(() => parseGuid('not-a-guid'));
  t.is(guidFromSeed('a'), guidFromSeed('a'));
  t.not(guidFromSeed('a'), guidFromSeed('b'));
  t.regex(guidFromSeed('x'), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test('etc/vmgenid_guid: 4096 bytes, GUID at 40 in Microsoft order, the rest zero', (t) => {
  const m = createMachine(['-machine', 'pc', '-nodefaults', '-device', `vmgenid,guid=${GUID}`]);
  const blob = dmaReadFile(m, 'etc/vmgenid_guid');
  t.is(blob.length, 4096);
  t.is(Buffer.from(blob.subarray(40, 56)).toString('hex'), 'af6e4e32d1d1f64bbf41b9bb6c91fb87');
  t.true(blob.subarray(0, 40).every((b) => b === 0) && blob.subarray(56).every((b) => b === 0));
  t.deepEqual(m.vmgenid!.query(), { guid: GUID });
});

test('guid=auto is deterministic for the same command line; one vmgenid per machine', (t) => {
  const a = createMachine(['-nodefaults', '-device', 'vmgenid']);
  const b = createMachine(['-nodefaults', '-device', 'vmgenid']);
  t.is(a.vmgenid!.guid, b.vmgenid!.guid);
  t.is(createMachine(['-nodefaults']).vmgenid, undefined);
  t.throws(() => createMachine(['-nodefaults', '-device', 'vmgenid', '-device', 'vmgenid']), { message: /at most one/ });
});

test('vmgenid_addr: writable by DMA, cleared on reset; setGuid writes the GUID there and raises GPE0 bit 5', (t) => {
  const m = createMachine(['-machine', 'q35', '-m', '512M', '-nodefaults', '-device', `vmgenid,guid=${GUID}`]);
  const sel = readDirectory(m).find((e) => e.name === 'etc/vmgenid_addr')!.select;
  // What SeaBIOS's WRITE_POINTER does: select, write 8 bytes (guest address of the GUID).
  m.memory.writeBytes(0x20000, new Uint8Array([0x28, 0xf0, 0xff, 0x1f, 0, 0, 0, 0]));
  t.is(dma(m, 0x1000, (sel << 16) | CTL.SELECT | CTL.WRITE, 8, 0x20000), 0);
  t.is(m.vmgenid!.guestAddress, 0x1ffff028);
  // Writing the address alone puts nothing in RAM (QEMU has no write callback).
  t.true(m.memory.readBytes(0x1ffff028, 16).every((b) => b === 0));
  m.setPmBase(0x600);
  const NEW = '01234567-89ab-4def-8123-456789abcdef';
  m.vmgenid!.setGuid(NEW);
  t.is(guidFromMicrosoftBytes(m.memory.readBytes(0x1ffff028, 16)), NEW);
  t.true(m.acpiPm.gpeStatus(5));
  // GPE0 status bit 5 is visible at PMBASE+0x20 on ICH9.
  t.is(m.ports.read(0x620, 1) & 0x20, 0x20);
  t.is(guidFromMicrosoftBytes(dmaReadFile(m, 'etc/vmgenid_guid').subarray(40, 56)), NEW);
  t.deepEqual(m.vmgenid!.query(), { guid: NEW });
  m.reset();
  t.deepEqual([...dmaReadFile(m, 'etc/vmgenid_addr')], [0, 0, 0, 0, 0, 0, 0, 0]);
  t.is(m.vmgenid!.guestAddress, undefined);
});

test('setGuid before the firmware reported an address changes only the blob, no GPE', (t) => {
  const m = createMachine(['-machine', 'pc', '-nodefaults', '-device', `vmgenid,guid=${GUID}`]);
  m.vmgenid!.setGuid('11111111-2222-4333-8444-555555555555');
  t.false(m.acpiPm.gpeStatus(5));
  t.throws(() => m.vmgenid!.setGuid('nope'));
});

test('guid=auto is the same for the same options, and random only with --random', async (t) => {
  const { createMachine } = await import('../../src/machine/create-machine.js');
  const guid = (args: string[]) => createMachine(args).vmgenid!.query().guid;
  t.is(guid(['-device', 'vmgenid,guid=auto']), guid(['-device', 'vmgenid,guid=auto']));
  t.not(guid(['-device', 'vmgenid,guid=auto']), guid(['-device', 'vmgenid,guid=auto', '-m', '1G']));
  t.not(guid(['-device', 'vmgenid,guid=auto', '--random']), guid(['-device', 'vmgenid,guid=auto', '--random']));
});
