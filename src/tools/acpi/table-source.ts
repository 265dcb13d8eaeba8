/**
 * Where `fwlab acpi` gets tables: a directory of fw_cfg files (the loader runs in a scratch
 * machine, SeaBIOS policy), a directory of binary tables (*.dat / *.aml, e.g. acpixtract's
 * output), an acpidump text file, or fwlab's own machine after its firmware (--machine).
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../lib/errors.js';
import { readFwCfgDir } from '../fw-cfg-dir/fw-cfg-dir.js';
import { runScript } from '../loader/run.js';
import { LOADER_FILE } from '../loader/loader-files.js';
import { parseAcpidump } from './acpidump-format.js';
import { makeTable, scanRsdp, tableProblem, tablesFromMemory } from './table-set.js';
import type { AcpiTable } from './table-set.js';
import { machineTables } from './machine-tables.js';

function looksLikeFwCfgDir(dir: string): boolean {
  return existsSync(join(dir, 'index.json')) || existsSync(join(dir, LOADER_FILE.replace(/\//g, '__')));
}

export function tablesFromFwCfgDir(dir: string, problems?: string[]): AcpiTable[] {
  const run = runScript(readFwCfgDir(dir), dir, 'seabios');
  if (run.rsdp === undefined) throw new UsageError(`${dir}: the loader script left no RSDP`);
  return tablesFromMemory((a, n) => run.host.memory.read(a, n), run.rsdp, problems);
}

export function tablesFromBinaryDir(dir: string, problems?: string[]): AcpiTable[] {
  const files = readdirSync(dir).filter((f) => /\.(dat|aml)$/i.test(f)).sort();
  if (files.length === 0) throw new UsageError(`${dir}: no fw_cfg files and no *.dat / *.aml tables`);
  return files.map((f) => {
    const t = makeTable(new Uint8Array(readFileSync(join(dir, f))));
    const problem = tableProblem(t, join(dir, f));
    if (problem !== undefined) problems?.push(problem);
    return t;
  });
}

/** The tables of `source` (or `--machine`); tables that cannot be parsed are described in `problems`. */
export async function loadTables(source: string | undefined, machine: string | undefined, problems?: string[]): Promise<AcpiTable[]> {
  if (machine !== undefined) return machineTables(machine.split(/\s+/).filter(Boolean), problems);
  if (source?.startsWith('machine:')) return machineTables(source.slice(8).split(/\s+/).filter(Boolean), problems);
  if (source === undefined) throw new UsageError('give tables: a fw_cfg directory, a directory of *.dat, an acpidump file, or --machine "<QEMU options>"');
  if (!existsSync(source)) throw new UsageError(`${source}: no such file or directory`);
  if (statSync(source).isDirectory()) return looksLikeFwCfgDir(source) ? tablesFromFwCfgDir(source, problems) : tablesFromBinaryDir(source, problems);
  const tables = parseAcpidump(readFileSync(source, 'utf8'), source);
  for (const t of tables) {
    const problem = tableProblem(t, `${source}: ${t.signature} @ 0x${t.address.toString(16)}`);
    if (problem !== undefined) problems?.push(problem);
  }
  return tables;
}

export { scanRsdp };
