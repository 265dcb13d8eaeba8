/**
 * `fwlab acpi disasm` data-table decoding against ACPICA's `iasl -d`, field by field: committed
 * iasl outputs (ACPICA's table templates; QEMU's tables after SeaBIOS and OVMF) always, and iasl
 * itself over every fixture table and fwlab's own tables when acpica-tools is installed.
 */
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeDataTable, formatDataTable, hasDataLayout } from '../../src/tools/acpi/tables/index.js';
import { makeTable } from '../../src/tools/acpi/table-set.js';
import { machineTables } from '../../src/tools/acpi/machine-tables.js';
import { parseIaslFields } from '../helpers/iasl-fields.js';
import type { IaslField } from '../helpers/iasl-fields.js';
import { fixturePath, sharedPath } from '../helpers/paths.js';
import { prng } from '../helpers/prng.js';
import { testWith } from '../helpers/reference.js';


/** Where iasl 20200925 prints a wrong offset (NFIT interleave lines 4 bytes late, SMBIOS data at the header's offset 8). */
const IASL_OFFSET_QUIRKS = new Set(['NFIT Line Offset', 'NFIT SMBIOS Table Entries']);

/** The disagreements between fwlab's decoding of `data` and iasl's text, one line each. */
function differences(sig: string, data: Uint8Array, iaslText: string): string[] {
  const ours = parseIaslFields(formatDataTable(sig, data));
  const theirs = parseIaslFields(iaslText);
  const key = (f: IaslField) => `${f.offset === undefined || IASL_OFFSET_QUIRKS.has(`${sig} ${f.name}`) ? '' : `@${f.offset}/${f.length} `}${f.name} = ${f.value}`;
  const out: string[] = [];
  for (let i = 0; i < Math.max(ours.length, theirs.length); i++) {
    const a = ours[i] ? key(ours[i]!) : '(nothing)';
    const b = theirs[i] ? key(theirs[i]!) : '(nothing)';
    if (a !== b) out.push(`${sig} field ${i}: fwlab ${a} | iasl ${b}`);
    if (out.length >= 5) break;
  }
  return out;
}

const signatureOf = (data: Uint8Array) => String.fromCharCode(...data.subarray(0, 4));

test('every ACPICA template table decodes as iasl -d prints it (committed iasl 20200925 outputs)', (t) => {
  const dir = fixturePath('acpi-tables', 'iasl-20200925');
  const sigs = readdirSync(dir).filter((f) => f.endsWith('.dat'));
  const problems: string[] = [];
  let fields = 0;
  for (const f of sigs) {
    const data = new Uint8Array(readFileSync(join(dir, f)));
    const sig = signatureOf(data);
    t.true(hasDataLayout(sig), sig);
    const text = readFileSync(join(dir, f.replace(/\.dat$/, '.dsl')), 'utf8');
    fields += parseIaslFields(text).length;
    problems.push(...differences(sig, data, text));
  }
  t.deepEqual(problems, []);
  t.true(sigs.length >= 16 && fields > 500, `${sigs.length} tables, ${fields} fields`);
});

test('QEMU 7.2\'s data tables (after SeaBIOS and after OVMF) decode as iasl -d prints them (committed outputs)', (t) => {
  const problems: string[] = [];
  for (const cfg of ['pc-default/seabios', 'q35-vmgenid/ovmf']) {
    const dsl = fixturePath('acpi-tables', 'qemu-7.2-iasl', cfg.replace('/', '-'));
    for (const f of readdirSync(dsl)) {
      const data = new Uint8Array(readFileSync(fixturePath('qemu-7.2', ...cfg.split('/'), 'acpi-installed', f.replace(/\.dsl$/, '.dat'))));
      problems.push(...differences(signatureOf(data), data, readFileSync(join(dsl, f), 'utf8')).map((p) => `${cfg}: ${p}`));
    }
  }
  t.deepEqual(problems, []);
});

/** Every data table of the fixtures (and the shared fixtures when present). */
function fixtureTables(): { where: string; data: Uint8Array }[] {
  const roots = [fixturePath('qemu-7.2'), sharedPath('fixtures', 'qemu-7.2')].filter((r): r is string => !!r && existsSync(r));
  const out: { where: string; data: Uint8Array }[] = [];
  for (const root of roots) {
    for (const cfg of readdirSync(root)) {
      for (const fw of ['seabios', 'ovmf']) {
        const dir = join(root, cfg, fw, 'acpi-installed');
        if (!existsSync(dir)) continue;
        for (const f of readdirSync(dir)) {
          if (/^(dsdt|ssdt|rsdp)/.test(f)) continue;
          out.push({ where: join(dir, f), data: new Uint8Array(readFileSync(join(dir, f))) });
        }
      }
    }
  }
  return out;
}

function iaslDisassemble(tmp: string, name: string, data: Uint8Array): string {
  writeFileSync(join(tmp, `${name}.dat`), data);
  spawnSync('iasl', ['-d', `${name}.dat`], { cwd: tmp });
  return readFileSync(join(tmp, `${name}.dsl`), 'utf8');
}

testWith(['iasl'])('every fixture data table and every data table fwlab builds decodes as a live iasl -d prints it', async (t) => {
  const tmp = mkdtempSync(join(tmpdir(), 'fwlab-iasl-'));
  try {
    const tables = fixtureTables();
    const machines = [
      ['-machine', 'q35', '-m', '512M', '-nodefaults', '-device', 'vmgenid,guid=324e6eaf-d1d1-4bf6-bf41-b9bb6c91fb87'],
      ['-machine', 'pc,nvdimm=on', '-m', '512M,slots=2,maxmem=2G', '-nodefaults', '-object', 'memory-backend-ram,id=mem1,size=128M', '-device', 'nvdimm,id=nv1,memdev=mem1'],
    ];
    for (const args of machines) {
      for (const tb of await machineTables(args)) {
        if (tb.signature === 'DSDT' || tb.signature === 'SSDT' || tb.signature === 'RSDP') continue;
        tables.push({ where: `fwlab ${args.join(' ')}: ${tb.signature}`, data: tb.data });
      }
    }
    const problems: string[] = [];
    tables.forEach((tb, i) => {
      const sig = signatureOf(tb.data);
      problems.push(...differences(sig, tb.data, iaslDisassemble(tmp, `t${i}`, tb.data)).map((p) => `${tb.where}: ${p}`));
    });
    t.deepEqual(problems, []);
    const sigs = new Set(tables.map((x) => signatureOf(x.data)));
    t.log(`${tables.length} tables (${[...sigs].sort().join(' ')})`);
    t.true(tables.length >= 10);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('an RSDP decodes every field of revision 2 (iasl -d cannot read one from a file)', (t) => {
  const data = new Uint8Array(readFileSync(fixturePath('qemu-7.2', 'q35-vmgenid', 'ovmf', 'acpi-installed', 'rsdp.dat')));
  const f = parseIaslFields(formatDataTable('RSDP', makeTable(data).data));
  t.deepEqual(f.map((x) => x.name), ['Signature', 'Checksum', 'Oem ID', 'Revision', 'RSDT Address', 'Length', 'XSDT Address', 'Extended Checksum', 'Reserved']);
  t.is(f[0]!.value, '"RSD PTR "');
  t.is(f[3]!.value, '02');
});

test('truncated and corrupted tables decode without throwing: every field that fits, nothing past the length', (t) => {
  const dir = fixturePath('acpi-tables', 'iasl-20200925');
  const rand = prng(17);
  let runs = 0;
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.dat'))) {
    const good = new Uint8Array(readFileSync(join(dir, f)));
    const sig = signatureOf(good);
    for (let i = 0; i < 40; i++) {
      const cut = 8 + Math.floor(rand() * (good.length - 8));
      const bad = good.slice(0, cut);
      for (let k = 36; k < bad.length; k++) if (rand() < 0.1) bad[k] = Math.floor(rand() * 256);
      // The header's length field says the whole table; the decoder must stop at the bytes it has.
      const lines = decodeDataTable(sig, bad);
      t.true(lines.every((l) => l.kind !== 'field' || l.offset + l.length <= bad.length), `${sig} cut at ${cut}`);
      runs++;
    }
  }
  t.true(runs >= 600);
});
