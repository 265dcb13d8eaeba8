import test from 'ava';
import { main } from '../../src/cli.js';

const M = '-machine q35 -m 512M -device vmgenid,guid=324e6eaf-d1d1-4bf6-bf41-b9bb6c91fb87 -nodefaults';
const capture = () => {
  let text = '';
  return { io: { out: (s: string) => { text += s + '\n'; } }, text: () => text };
};

test('--machine: fwlab\'s own loader script explains and lints clean, its installed tables dump with good checksums', async (t) => {
  const e = capture();
  t.is(await main(['loader', 'explain', '--machine', M], e.io), 0);
  t.regex(e.text(), /WRITE_POINTER +send the address of etc\/vmgenid_guid \+ 0x28 back to QEMU/);
  const l = capture();
  t.is(await main(['loader', 'lint', '--machine', M, '--fail-on', 'error', '--json'], l.io), 0, l.text());
  const d = capture();
  t.is(await main(['acpi', 'dump', '--machine', M, '--json'], d.io), 0);
  const tables = JSON.parse(d.text()) as { table: string; checksumOk: boolean }[];
  t.true(['RSDP', 'RSDT', 'FACP', 'DSDT', 'SSDT[VMGENID]'].every((n) => tables.some((x) => x.table === n)), JSON.stringify(tables));
  t.true(tables.every((x) => x.checksumOk));
});

test('machine:<options> works as a diff side: fwlab\'s ACPI for q35-vmgenid vs QEMU\'s capture', async (t) => {
  const opts = 'machine:-machine q35 -nodefaults -serial null -m 512M -device vmgenid,guid=324e6eaf-d1d1-4bf6-bf41-b9bb6c91fb87';
  const { fixturePath } = await import('../helpers/paths.js');
  const o = capture();
  t.is(await main(['acpi', 'diff', opts, fixturePath('qemu-7.2', 'q35-vmgenid', 'seabios', 'fwcfg-post'), '--json'], o.io), 0);
  t.true(Array.isArray(JSON.parse(o.text())));
});
