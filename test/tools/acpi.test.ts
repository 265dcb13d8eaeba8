import test from 'ava';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli.js';
import { formatAcpidump, parseAcpidump } from '../../src/tools/acpi/acpidump-format.js';
import { diffTableSets } from '../../src/tools/acpi/acpi-diff.js';
import { disassembleTable, methodsOf } from '../../src/tools/acpi/disasm-table.js';
import { tablesFromBinaryDir, tablesFromFwCfgDir } from '../../src/tools/acpi/table-source.js';
import { tableName } from '../../src/tools/acpi/table-set.js';
import { absolutePath } from '../../src/tools/acpi/aml/aml-reader.js';
import { fixturePath } from '../helpers/paths.js';
import { CONFIGS } from './loader-helpers.js';
import { whenPresent } from '../helpers/reference.js';

const post = (c: string) => fixturePath('qemu-7.2', c, 'seabios', 'fwcfg-post');
const installed = (c: string) => fixturePath('qemu-7.2', c, 'seabios', 'acpi-installed');
const tmp = () => mkdtempSync(join(tmpdir(), 'fwlab-acpi-'));
const capture = () => {
  let text = '';
  return { io: { out: (s: string) => { text += s + '\n'; } }, text: () => text };
};

for (const config of CONFIGS) {
  test(`${config}: tables after the loader equal what SeaBIOS installed (acpi-installed), semantically`, (t) => {
    const ours = tablesFromFwCfgDir(post(config));
    const real = tablesFromBinaryDir(installed(config));
    t.deepEqual(ours.map(tableName).sort(), real.map(tableName).sort());
    t.deepEqual(diffTableSets(real, ours), []);
  });
}

test('acpidump text round-trips through our parser', (t) => {
  const tables = tablesFromFwCfgDir(post('q35-vmgenid'));
  const back = parseAcpidump(formatAcpidump(tables), 'dump');
  t.deepEqual(back.map((x) => [tableName(x), x.address, Buffer.from(x.data).toString('hex')]), tables.map((x) => [tableName(x), x.address, Buffer.from(x.data).toString('hex')]));
});

if (whenPresent(['acpixtract'], 'fwlab acpi dump | acpixtract -a recovers every table byte-identical')) {
  for (const config of ['q35-vmgenid', 'pc-bridge'] as const) {
    test(`${config}: fwlab acpi dump | acpixtract -a recovers every table byte-identical`, async (t) => {
      const dir = tmp();
      try {
        t.is(await main(['acpi', 'dump', post(config), '--out', join(dir, 'dump.txt')], capture().io), 0);
        const r = spawnSync('acpixtract', ['-a', 'dump.txt'], { cwd: dir, encoding: 'utf8' });
        t.is(r.status, 0, r.stderr);
        const ours = tablesFromFwCfgDir(post(config));
        const files = readdirSync(dir).filter((f) => f.endsWith('.dat'));
        t.is(files.length, ours.length);
        for (const x of ours) {
          const name = `${x.signature === 'RSDP' ? 'rsdp' : x.signature.toLowerCase()}.dat`;
          t.true(Buffer.from(readFileSync(join(dir, name))).equals(Buffer.from(x.data)), name);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
}

/** Device and Method paths declared in iasl's disassembly (braces tracked line by line). */
function iaslPaths(dsl: string): Set<string> {
  const out = new Set<string>();
  const stack = ['\\'];
  let pending: string | undefined;
  for (const raw of dsl.split('\n')) {
    const line = raw.replace(/\/\/.*$/, '').replace(/\/\*.*?\*\//g, '');
    const m = /^\s*(Scope|Device|Method|Processor|ThermalZone|PowerResource) \(([^,)\s]+)/.exec(line);
    if (m) {
      const path = absolutePath(stack[stack.length - 1]!, m[2]!);
      if (m[1] === 'Device' || m[1] === 'Method') out.add(`${m[1]} ${path}`);
      pending = path;
    }
    for (const ch of line) {
      if (ch === '{') {
        stack.push(pending ?? stack[stack.length - 1]!);
        pending = undefined;
      } else if (ch === '}') stack.pop();
    }
  }
  return out;
}

for (const config of ['q35-vmgenid', 'pc-bridge', 'q35-rootports'] as const) {
  test(`${config}: disasm decodes DSDT/SSDT without errors and declares the same devices and methods as iasl`, (t) => {
    const tables = tablesFromBinaryDir(installed(config));
    const methods = methodsOf(tables);
    for (const tb of tables.filter((x) => x.signature === 'DSDT' || x.signature === 'SSDT')) {
      const d = disassembleTable(tb, methods)!;
      t.deepEqual(d.errors, [], tableName(tb));
      const ours = new Set(d.namespace.filter((e) => e.kind === 'Device' || e.kind === 'Method').map((e) => `${e.kind} ${e.path}`));
      const iasl = iaslPaths(readFileSync(fixturePath('qemu-7.2', config, 'seabios', 'acpica', `${tb.signature.toLowerCase()}.dsl`), 'utf8'));
      t.deepEqual([...ours].sort(), [...iasl].sort(), tableName(tb));
      const eisa = (text: string) => (text.match(/EisaId \("[A-Z0-9]{7}"\)/g) ?? []).sort();
      const dsl = readFileSync(fixturePath('qemu-7.2', config, 'seabios', 'acpica', `${tb.signature.toLowerCase()}.dsl`), 'utf8');
      t.deepEqual(eisa(d.lines.join('\n')), eisa(dsl), `${tableName(tb)} EISA ids`);
    }
  });
}

test('disasm prints the vmgenid SSDT as ASL', async (t) => {
  const o = capture();
  t.is(await main(['acpi', 'disasm', installed('q35-vmgenid'), '--table', 'SSDT[VMGENID]'], o.io), 0);
  t.regex(o.text(), /DefinitionBlock \("", "SSDT", 1, "BOCHS ", "VMGENID", 0x00000001\)/);
  t.regex(o.text(), /Name \(VGIA, 0x1FFFF000\)/, 'the address SeaBIOS patched');
  t.regex(o.text(), /Method \(\\_GPE\._E05, 0, NotSerialized\)\n\s+\{\n\s+Notify \(\\_SB\.VGEN, 0x80\)/);
});

test('acpi diff: per table and per namespace object', async (t) => {
  const d = diffTableSets(tablesFromFwCfgDir(post('q35-default')), tablesFromFwCfgDir(post('q35-vmgenid')));
  t.deepEqual(d.find((x) => x.table === 'SSDT[VMGENID]'), { table: 'SSDT[VMGENID]', what: 'only in B (202 bytes)' });
  t.true(d.some((x) => x.table === 'RSDT' && x.what === 'entries [FACP, APIC, HPET, MCFG, WAET] -> [FACP, APIC, SSDT[VMGENID], HPET, MCFG, WAET]'));
  const bridge = diffTableSets(tablesFromFwCfgDir(post('pc-default')), tablesFromFwCfgDir(post('pc-bridge')));
  t.true(bridge.some((x) => x.table === 'DSDT' && x.what.startsWith('+ Device \\_SB.PCI0.S')), JSON.stringify(bridge.slice(0, 5)));
  t.is(await main(['acpi', 'diff', post('q35-default'), post('q35-vmgenid'), '--fail-on', 'change'], capture().io), 1);
  t.is(await main(['acpi', 'diff', installed('q35-default'), post('q35-default'), '--fail-on', 'change'], capture().io), 0);
});

test('golden workflow: snapshot, check (match → 0), check after a change (→ 1), --update, check again', async (t) => {
  const dir = tmp();
  try {
    t.is(await main(['acpi', 'snapshot', dir, post('q35-default')], capture().io), 0);
    t.true(readdirSync(dir).includes('DSDT.dsl'));
    t.is(await main(['acpi', 'check', dir, post('q35-default')], capture().io), 0);
    const o = capture();
    t.is(await main(['acpi', 'check', dir, post('q35-vmgenid')], o.io), 1);
    t.regex(o.text(), /SSDT\[VMGENID\]: only in B/);
    t.is(await main(['acpi', 'check', dir, post('q35-vmgenid'), '--update'], capture().io), 0);
    t.is(await main(['acpi', 'check', dir, post('q35-vmgenid')], capture().io), 0);
    writeFileSync(join(dir, 'dump.txt'), formatAcpidump(tablesFromFwCfgDir(post('q35-vmgenid'))));
    t.is(await main(['acpi', 'check', dir, join(dir, 'dump.txt')], capture().io), 0, 'an acpidump file is a source too');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('acpi usage errors exit 2', async (t) => {
  t.is(await main(['acpi', 'dump'], capture().io), 2);
  t.is(await main(['acpi', 'disasm', installed('q35-default'), '--table', 'NOPE'], capture().io), 2);
  t.is(await main(['acpi', 'zap'], capture().io), 2);
});
