/**
 * The linker-loader executor (the firmware's, as `fwlab loader run` uses it) on synthetic
 * scripts of N commands: two ALLOCATEs, N-3 ADD_POINTERs inside etc/acpi/tables, one ADD_CHECKSUM.
 */
import { runScript } from '../../src/tools/loader/run.js';
import type { FwCfgFile } from '../../src/tools/fw-cfg-dir/fw-cfg-dir.js';
import {
  ACPI_BUILD_RSDP_FILE, ACPI_BUILD_TABLE_FILE, LINKER_LOADER_FILE, LOADER_CMD, LOADER_ENTRY_SIZE, LOADER_OFFSETS, LOADER_ZONE,
} from '../../src/spec/linker-loader.js';
import { median, ms, timeRuns } from '../lib/measure.js';
import type { BenchContext, Goal, Section } from '../lib/section.js';

function putName(b: Uint8Array, at: number, name: string): void {
  for (let i = 0; i < name.length; i++) b[at + i] = name.charCodeAt(i);
}

export function loaderFiles(commands: number): Map<string, FwCfgFile> {
  const pointers = commands - 3;
  const script = new Uint8Array(commands * LOADER_ENTRY_SIZE);
  const v = new DataView(script.buffer);
  let e = 0;
  const entry = (cmd: number) => {
    const at = e++ * LOADER_ENTRY_SIZE;
    v.setUint32(at + LOADER_OFFSETS.command, cmd, true);
    return at;
  };
  const alloc = (file: string, align: number, zone: number) => {
    const at = entry(LOADER_CMD.ALLOCATE);
    putName(script, at + LOADER_OFFSETS.ALLOCATE.file, file);
    v.setUint32(at + LOADER_OFFSETS.ALLOCATE.align, align, true);
    script[at + LOADER_OFFSETS.ALLOCATE.zone] = zone;
  };
  alloc(ACPI_BUILD_RSDP_FILE, 16, LOADER_ZONE.FSEG);
  alloc(ACPI_BUILD_TABLE_FILE, 64, LOADER_ZONE.HIGH);
  for (let i = 0; i < pointers; i++) {
    const at = entry(LOADER_CMD.ADD_POINTER);
    putName(script, at + LOADER_OFFSETS.ADD_POINTER.destFile, ACPI_BUILD_TABLE_FILE);
    putName(script, at + LOADER_OFFSETS.ADD_POINTER.srcFile, ACPI_BUILD_TABLE_FILE);
    v.setUint32(at + LOADER_OFFSETS.ADD_POINTER.offset, 64 + 4 * i, true);
    script[at + LOADER_OFFSETS.ADD_POINTER.size] = 4;
  }
  const tables = new Uint8Array(64 + 4 * pointers);
  const at = entry(LOADER_CMD.ADD_CHECKSUM);
  putName(script, at + LOADER_OFFSETS.ADD_CHECKSUM.file, ACPI_BUILD_TABLE_FILE);
  v.setUint32(at + LOADER_OFFSETS.ADD_CHECKSUM.resultOffset, 9, true);
  v.setUint32(at + LOADER_OFFSETS.ADD_CHECKSUM.start, 0, true);
  v.setUint32(at + LOADER_OFFSETS.ADD_CHECKSUM.length, tables.length, true);
  const file = (name: string, select: number, data: Uint8Array): [string, FwCfgFile] => [name, { name, select, data }];
  return new Map([
    file(LINKER_LOADER_FILE, 0x20, script),
    file(ACPI_BUILD_TABLE_FILE, 0x21, tables),
    file(ACPI_BUILD_RSDP_FILE, 0x22, new Uint8Array(20)),
  ]);
}

export default async function loaderScale(ctx: BenchContext): Promise<Section> {
  const lines: string[] = [];
  const results = new Map<number, number>();
  for (const n of [100, 1000, 10_000]) {
    const files = loaderFiles(n);
    let ok = false;
    const t = median(await timeRuns(ctx.quick ? 5 : 15, 3, () => {
      ok = runScript(files, 'bench', 'seabios').result.ok;
    }));
    results.set(n, t);
    lines.push(`${String(n).padStart(6)} commands: ${ms(t, 2)} (${ok ? 'ok' : 'FAILED'})`);
  }
  const t = results.get(10_000)!;
  return {
    title: 'Linker-loader commands (100 → 10,000)',
    lines,
    goals: [{ goal: 'loader: 10,000 commands <= 20 ms in-process', measured: ms(t, 2), met: t <= 20 }],
  };
}
