import { writeFileSync } from 'node:fs';
import { UsageError } from '../lib/errors.js';
import { oneOf, paint, parseCommandArgs } from '../tools/cli-args.js';
import { loadTables } from '../tools/acpi/table-source.js';
import { formatAcpidump } from '../tools/acpi/acpidump-format.js';
import { formatTableAsl, methodsOf, disassembleTable } from '../tools/acpi/disasm-table.js';
import { diffTableSets } from '../tools/acpi/acpi-diff.js';
import { checkSnapshot, writeSnapshot } from '../tools/acpi/golden.js';
import { tableName } from '../tools/acpi/table-set.js';
import type { AcpiTable } from '../tools/acpi/table-set.js';
import type { Io } from './io.js';
import { warn } from './io.js';
import { outputFile } from './paths.js';

export const ACPI_HELP = `usage: fwlab acpi <command> [options]

SRC is a directory of fw_cfg files (the loader runs, SeaBIOS policy), a directory of *.dat tables,
an acpidump text file, or --machine "<QEMU options>" / 'machine:<QEMU options>' (fwlab's machine
after its firmware).
  dump SRC [--out FILE]           acpidump's text format (acpixtract -a reads it back)
  disasm SRC [--table NAME]       AML → ASL-like text (NAME: DSDT, SSDT, SSDT[VMGENID], FACP...)
  diff A B [--fail-on change]     semantic: header fields, pointers normalised, AML as namespaces
  snapshot DIR SRC                write the tables as golden files (SIG.dat, + .dsl for AML)
  check DIR SRC [--update]        compare with the golden files; exit 1 on a difference
Every command takes --json.`;

function summary(t: AcpiTable) {
  let sum = 0;
  const n = t.signature === 'RSDP' ? Math.min(20, t.data.length) : t.signature === 'FACS' ? 0 : t.data.length;
  for (let i = 0; i < n; i++) sum = (sum + t.data[i]!) & 0xff;
  return { table: tableName(t), address: `0x${t.address.toString(16)}`, length: t.data.length, checksumOk: sum === 0 };
}

/** `fwlab acpi ...`. */
export async function acpiCommand(args: readonly string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    io.out(ACPI_HELP);
    return sub === undefined ? 2 : 0;
  }
  const p = parseCommandArgs(rest, { flags: ['--json', '--update'], options: ['--machine', '--out', '--table', '--fail-on'] }, 'acpi');
  if (p.flags.has('--help')) {
    io.out(ACPI_HELP);
    return 0;
  }
  const json = p.flags.has('--json');
  const machine = p.options.get('--machine');
  const want = (n: number) => {
    if (p.positionals.length !== n) throw new UsageError(`acpi ${sub} takes ${n} path${n === 1 ? '' : 's'} (got ${p.positionals.length}; fwlab acpi --help)`);
    return p.positionals;
  };
  // Every table that cannot be parsed is named on stderr, never silently dropped.
  const load = async (src: string | undefined, m: string | undefined) => {
    const problems: string[] = [];
    const tables = await loadTables(src, m, problems);
    for (const problem of problems) warn(io, problem);
    return tables;
  };
  const source = async (pos: number) => load(p.positionals[pos], machine);
  switch (sub) {
    case 'dump': {
      want(machine ? 0 : 1);
      const tables = await source(0);
      const text = json ? JSON.stringify(tables.map(summary), null, 1) : formatAcpidump(tables).trimEnd();
      const out = p.options.get('--out');
      if (out) outputFile(out, '--out');
      if (out) writeFileSync(out, text + '\n');
      else io.out(text);
      return 0;
    }
    case 'disasm': {
      want(machine ? 0 : 1);
      const tables = await source(0);
      const only = p.options.get('--table');
      const chosen = only ? tables.filter((t) => tableName(t) === only || t.signature === only) : tables;
      if (only && chosen.length === 0) throw new UsageError(`no table '${only}' (have ${tables.map(tableName).join(', ')})`);
      const methods = methodsOf(tables);
      if (json) {
        io.out(JSON.stringify(chosen.map((t) => ({ ...summary(t), ...(disassembleTable(t, methods) ?? {}) })), null, 1));
      } else io.out(chosen.map((t) => formatTableAsl(t, methods)).join('\n\n'));
      return 0;
    }
    case 'diff': {
      const [a, b] = want(2);
      const failOn = oneOf(p.options.get('--fail-on'), ['change', 'never'] as const, '--fail-on', 'never');
      const d = diffTableSets(await load(a, undefined), await load(b, undefined));
      if (json) io.out(JSON.stringify(d, null, 1));
      else io.out(d.length ? d.map((x) => `${paint(x.table, 'yellow')}: ${x.what}`).join('\n') : 'no semantic differences');
      return failOn === 'change' && d.length ? 1 : 0;
    }
    case 'snapshot': {
      const [dir] = want(machine ? 1 : 2);
      const written = writeSnapshot(dir!, await source(1));
      io.out(json ? JSON.stringify({ dir, files: written }) : `${written.length} tables written to ${dir}: ${written.join(' ')}`);
      return 0;
    }
    case 'check': {
      const [dir] = want(machine ? 1 : 2);
      const tables = await source(1);
      const d = checkSnapshot(dir!, tables);
      if (p.flags.has('--update') && d.length) {
        writeSnapshot(dir!, tables);
        io.out(json ? JSON.stringify({ updated: true, differences: d }, null, 1) : `${d.length} differences; snapshot ${dir} updated`);
        return 0;
      }
      if (json) io.out(JSON.stringify({ updated: false, differences: d }, null, 1));
      else io.out(d.length ? [...d.map((x) => `${paint(x.table, 'red')}: ${x.what}`), `${d.length} differences from ${dir} (fwlab acpi check ${dir} ... --update accepts them)`].join('\n') : `tables match ${dir}`);
      return d.length ? 1 : 0;
    }
    default:
      throw new UsageError(`unknown acpi command '${sub}' (fwlab acpi --help)`);
  }
}
