import test from 'ava';
import { main } from '../../src/cli.js';
import { explainScript } from '../../src/tools/loader/explain.js';
import { lintScript } from '../../src/tools/loader/lint.js';
import { whyByte } from '../../src/tools/loader/why.js';
import { diffScripts } from '../../src/tools/loader/diff.js';
import { runScript } from '../../src/tools/loader/run.js';
import { tableSpans } from '../../src/tools/acpi/acpi-layout.js';
import { fixturePath } from '../helpers/paths.js';
import { CONFIGS, fixtureFiles } from './loader-helpers.js';

const out = () => {
  let text = '';
  return { io: { out: (s: string) => { text += s + '\n'; } }, text: () => text };
};

for (const config of CONFIGS) {
  test(`loader explain and lint run clean over ${config}/seabios/fwcfg-post`, async (t) => {
    const dir = fixturePath('qemu-7.2', config, 'seabios', 'fwcfg-post');
    const e = out();
    t.is(await main(['loader', 'explain', dir], e.io), 0);
    t.regex(e.text(), /#\d+ +ALLOCATE +allocate etc\/acpi\/rsdp \(20 bytes\) in FSEG memory, aligned to 16/);
    t.regex(e.text(), /patch 4 bytes at FACP\+40 \(DSDT\) in etc\/acpi\/tables with the address of etc\/acpi\/tables \+ 0x40 \(DSDT\)/);
    const l = out();
    t.is(await main(['loader', 'lint', dir, '--fail-on', 'warning'], l.io), 0, l.text());
    const report = lintScript(fixtureFiles(config), config);
    t.deepEqual(report.findings, []);
    t.true(report.seabiosAccepts && report.ovmfAccepts);
  });
}

test('explain names the vmgenid chain like QEMU emits it (qemu-host.md §3.6)', (t) => {
  const lines = explainScript(fixtureFiles('q35-vmgenid'), 'q35-vmgenid').map((e) => `${e.kind} ${e.text}`);
  t.true(lines.includes('ALLOCATE allocate etc/vmgenid_guid (4096 bytes) in HIGH memory, aligned to 4096'));
  t.true(lines.includes('WRITE_POINTER send the address of etc/vmgenid_guid + 0x28 back to QEMU: write 8 bytes at offset 0 of fw_cfg file etc/vmgenid_addr'));
  t.true(lines.some((l) => /^ADD_POINTER patch 4 bytes at SSDT\[VMGENID\]\+42 \(Name\(VGIA\)\)/.test(l)));
});

test('why etc/acpi/tables+<FADT offset+40> names the ADD_POINTER and the ALLOCATE behind it', async (t) => {
  const files = fixtureFiles('q35-vmgenid');
  const fadt = tableSpans(files.get('etc/acpi/tables')!.data).find((s) => s.signature === 'FACP')!;
  const a = whyByte(files, 'etc/acpi/tables', fadt.offset + 40);
  t.is(a.location, 'FACP+40 (DSDT)');
  t.is(a.lastWriter?.kind, 'ADD_POINTER');
  t.deepEqual(a.chain.map((c) => c.kind), ['ALLOCATE', 'ADD_POINTER']);
  t.regex(a.chain[0]!.text, /^allocate etc\/acpi\/tables/);
  t.deepEqual(a.coveredBy.map((c) => c.kind), ['ADD_CHECKSUM'], 'the FADT checksum runs after it');
  const o = out();
  t.is(await main(['loader', 'why', fixturePath('qemu-7.2', 'q35-vmgenid', 'seabios', 'fwcfg-post'), `etc/acpi/tables+0x${(fadt.offset + 40).toString(16)}`], o.io), 0);
  t.regex(o.text(), /last written by #\d+ ADD_POINTER/);
  t.regex(o.text(), /#\d+ ALLOCATE: allocate etc\/acpi\/tables/);
});

test('why on a checksum byte lists the pointers patched inside its range before it', (t) => {
  const files = fixtureFiles('q35-default');
  const fadt = tableSpans(files.get('etc/acpi/tables')!.data).find((s) => s.signature === 'FACP')!;
  const a = whyByte(files, 'etc/acpi/tables', fadt.offset + 9);
  t.deepEqual(a.chain.map((c) => c.kind), ['ALLOCATE', 'ADD_POINTER', 'ADD_POINTER', 'ADD_POINTER', 'ADD_CHECKSUM']);
});

test('why on the WRITE_POINTER target names the WRITE_POINTER and the ALLOCATE of its source', (t) => {
  const a = whyByte(fixtureFiles('pc-vmgenid'), 'etc/vmgenid_addr', 0);
  t.deepEqual(a.chain.map((c) => c.kind), ['ALLOCATE', 'WRITE_POINTER']);
});

test('loader run with each policy: page-aligned GUID blob, WRITE_POINTER = blob + 40, RSDP found', (t) => {
  const files = fixtureFiles('q35-vmgenid');
  // SeaBIOS on 512 MiB sent 0x1ffff028 (fixture etc/vmgenid_addr); the scratch HIGH zone also tops out at 512 MiB.
  const seabios = runScript(files, 'q35-vmgenid', 'seabios', { highTop: 0x20000000 });
  t.deepEqual([...seabios.host.fwCfg.get('etc/vmgenid_addr')!], [...files.get('etc/vmgenid_addr')!.data]);
  for (const policy of ['seabios', 'ovmf', 'strict'] as const) {
    const r = runScript(files, 'q35-vmgenid', policy, { highTop: 0x20000000 });
    t.true(r.result.ok, policy);
    t.is(r.result.writePointers.length, 1);
    const guid = r.result.blobs.find((b) => b.name === 'etc/vmgenid_guid')!;
    t.is(r.result.writePointers[0]!.value, BigInt(guid.addr + 40));
    t.is(guid.addr % 4096, 0);
    t.not(r.rsdp, undefined);
  }
});

test('loader diff shows the vmgenid SSDT per command and per table', (t) => {
  const d = diffScripts(fixtureFiles('q35-default'), fixtureFiles('q35-vmgenid'));
  t.false(d.same);
  t.true(d.tables.some((x) => x.table === 'SSDT[VMGENID]' && x.change.startsWith('added (202 bytes')));
  t.true(d.commands.some((c) => c.op === '+' && c.text.startsWith('WRITE_POINTER')));
  t.true(diffScripts(fixtureFiles('pc-default'), fixtureFiles('pc-default')).same);
});

test('loader usage errors exit 2', async (t) => {
  t.is(await main(['loader', 'explain'], out().io), 2);
  t.is(await main(['loader', 'lint', fixturePath('qemu-7.2', 'pc-default', 'seabios', 'fwcfg-post'), '--fail-on', 'sometimes'], out().io), 2);
  t.is(await main(['loader', 'frob'], out().io), 2);
});

test('loader diff --run compares two executions: placement, WRITE_POINTER, OVMF tables', async (t) => {
  const { diffRuns } = await import('../../src/tools/loader/diff-runs.js');
  const d = diffRuns(fixtureFiles('q35-default'), fixtureFiles('q35-vmgenid'), 'ovmf');
  t.deepEqual(d.find((x) => x.what === 'WRITE_POINTER etc/vmgenid_addr+0'), { what: 'WRITE_POINTER etc/vmgenid_addr+0', a: '(none)', b: '0x1ffff028' });
  t.deepEqual(d.find((x) => x.what === 'OVMF tables'), { what: 'OVMF tables', a: 'FACS DSDT FACP APIC HPET MCFG WAET', b: 'FACS DSDT FACP APIC SSDT HPET MCFG WAET' });
  t.deepEqual(diffRuns(fixtureFiles('pc-default'), fixtureFiles('pc-default'), 'seabios'), []);
  const o = out();
  t.is(await main(['loader', 'diff', fixturePath('qemu-7.2', 'q35-default', 'seabios', 'fwcfg-post'), fixturePath('qemu-7.2', 'q35-vmgenid', 'seabios', 'fwcfg-post'), '--run', '--fail-on', 'change'], o.io), 1);
});

test('lint runs clean over the ACPI helper\'s qtest captures (index.json as a name → {select, size} map, trimmed blobs)', async (t) => {
  const { readdirSync, statSync } = await import('node:fs');
  const root = fixturePath('qemu-7.2', 'qtest-captures');
  const dirs = readdirSync(root).filter((d) => statSync(`${root}/${d}`).isDirectory());
  t.true(dirs.length > 0);
  for (const d of dirs) {
    const files = (await import('../../src/tools/fw-cfg-dir/fw-cfg-dir.js')).readFwCfgDir(`${root}/${d}`);
    t.is(files.get('etc/acpi/tables')?.data.length, 131072, `${d}: trimmed tables served at the index size`);
    const report = lintScript(files, d);
    t.deepEqual(report.findings.map((f) => `${f.severity} ${f.rule}: ${f.message}`), [], d);
  }
});
