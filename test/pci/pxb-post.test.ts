import test from 'ava';
import { readFileSync, readdirSync } from 'node:fs';
import { fixturePath } from '../helpers/paths.js';
import { fwlabPostView } from '../helpers/post-view.js';
import type { ConfigDump } from '../helpers/machine-compare.js';
import { canonical } from './config-cycles.js';
import { readFwCfgDir } from '../../src/tools/fw-cfg-dir/fw-cfg-dir.js';
import { tablesFromFwCfgDir } from '../../src/tools/acpi/table-source.js';
import { tableSpans } from '../../src/tools/acpi/acpi-layout.js';
import { runScript } from '../../src/tools/loader/run.js';
import { tablesFromMemory } from '../../src/tools/acpi/table-set.js';
import { diffTableSets } from '../../src/tools/acpi/acpi-diff.js';
import type { FwCfgFile } from '../../src/tools/fw-cfg-dir/fw-cfg-dir.js';
import { NOT_RECORDED } from '../helpers/installed-roms.js';

/**
 * PCI expander bridges (pxb on pc, pxb-pcie on q35) after POST, against real QEMU 7.2 +
 * SeaBIOS 1.16.2 (test/fixtures/qemu-7.2/pxb/, scripts/capture-pxb.mjs): the config space of
 * every function on every bus, query-pci, and every fw_cfg file as the firmware received it
 * (etc/acpi/tables with the PCxx devices and PCI0's _CRS, etc/extra-pci-roots, the loader...).
 */
const DIR = fixturePath('qemu-7.2', 'pxb');
const CONFIGS = JSON.parse(readFileSync(`${DIR}/configs.json`, 'utf8')) as Record<string, string[]>;

interface Captured {
  readonly args: string[];
  readonly queryPci: unknown;
  readonly config: ConfigDump[];
}

/**
 * COMMAND's bus-master bit, which the option ROMs (iPXE) and SeaBIOS's disk drivers set, is the one
 * register fwlab's firmware does not program as SeaBIOS: masked on both sides.
 */
function masked(dump: ConfigDump): Buffer {
  const b = Buffer.from(dump.config + (dump.extended ?? ''), 'hex');
  b[0x04]! &= ~0x04;
  return b;
}

function configDiff(ours: readonly ConfigDump[], theirs: readonly ConfigDump[]): string[] {
  const out: string[] = [];
  for (const c of theirs) {
    const o = ours.find((x) => x.bdf === c.bdf);
    if (!o) {
      out.push(`${c.bdf}: missing in fwlab`);
      continue;
    }
    const a = masked(o);
    const b = masked(c);
    for (let i = 0; i < Math.max(a.length, b.length); i += 4) {
      const x = a.subarray(i, i + 4).toString('hex');
      const y = b.subarray(i, i + 4).toString('hex');
      if (x !== y) out.push(`${c.bdf} @0x${i.toString(16)}: fwlab ${x || '-'} QEMU ${y || '-'}`);
    }
  }
  for (const o of ours) if (!theirs.some((c) => c.bdf === o.bdf)) out.push(`${o.bdf}: only in fwlab`);
  return out;
}

/** Which table of the blob a byte offset falls in, for a readable first difference. */
function where(blob: Uint8Array, at: number): string {
  const span = tableSpans(blob).find((s) => at >= s.offset && at < s.offset + s.length);
  return span ? `${span.signature}+0x${(at - span.offset).toString(16)}` : `0x${at.toString(16)}`;
}

/** The tables as the loader installs them, compared semantically (named AML objects, resource descriptors). */
function tableDifferences(ours: ReadonlyMap<string, FwCfgFile>, theirs: ReadonlyMap<string, FwCfgFile>): string[] {
  const tables = (files: ReadonlyMap<string, FwCfgFile>) => {
    const run = runScript(files, 'capture', 'seabios');
    return run.rsdp === undefined ? [] : tablesFromMemory((a, n) => run.host.memory.read(a, n), run.rsdp);
  };
  return diffTableSets(tables(ours), tables(theirs)).slice(0, 12).map((d) => `  ${d.table}: ${d.what}`);
}

for (const [name, args] of Object.entries(CONFIGS)) {
  const cap = JSON.parse(readFileSync(`${DIR}/${name}/view.json`, 'utf8')) as Captured;
  let booted: ReturnType<typeof fwlabPostView> | undefined;
  const fwlab = () => (booted ??= fwlabPostView(args));
  test(`${name}: config space of every function after POST equals QEMU 7.2 + SeaBIOS's`, async (t) => {
    t.deepEqual(cap.args, args, 'the capture is of this command line');
    const ours = await fwlab();
    t.deepEqual(configDiff(ours.config, cap.config), []);
  });
  test(`${name}: query-pci after POST equals QEMU's (buses newest expander first)`, async (t) => {
    const ours = await fwlab();
    t.deepEqual(canonical(ours.queryPci), canonical(cap.queryPci));
  });
  test(`${name}: every fw_cfg file (ACPI tables, etc/extra-pci-roots, loader) equals what SeaBIOS received`, async (t) => {
    const ours = await fwlab();
    const theirs = readFwCfgDir(`${DIR}/${name}/fwcfg`);
    const served = new Map(ours.fwcfg.filter((f) => !NOT_RECORDED.has(f.name)).map((f) => [f.name, f]));
    t.deepEqual([...served.keys()].sort(), [...theirs.keys()].sort(), 'directory');
    const differences: string[] = [];
    for (const [file, f] of theirs) {
      const got = served.get(file);
      if (!got) continue;
      if (got.select !== f.select) differences.push(`${file}: select 0x${got.select.toString(16)} vs 0x${f.select.toString(16)}`);
      const a = Buffer.from(got.data);
      const b = Buffer.from(f.data);
      if (!a.equals(b)) {
        const at = a.findIndex((v, i) => v !== b[i]);
        differences.push(`${file}: ${a.length} vs ${b.length} bytes, first difference at ${file === 'etc/acpi/tables' ? where(b, at < 0 ? Math.min(a.length, b.length) : at) : at}`);
        if (file === 'etc/acpi/tables') differences.push(...tableDifferences(served, theirs));
      }
    }
    t.deepEqual(differences, []);
  });
}

test('the fixture directory holds exactly the configs of configs.json, each with its DSDT from QEMU', (t) => {
  const dirs = readdirSync(DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  t.deepEqual(dirs, Object.keys(CONFIGS).sort());
  for (const name of dirs) t.true(tablesFromFwCfgDir(`${DIR}/${name}/fwcfg`).some((x) => x.signature === 'DSDT'), name);
});
