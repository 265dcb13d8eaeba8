/**
 * The boot chain as a debugger sees it after POST: QEMU's e820 and the firmware's final one
 * (from the hand-over record in guest memory), where each fw_cfg blob went and how much RAM
 * the firmware kept, every linker-loader command with the firmware's verdict, the tables
 * installed in memory, and what the guest found. Host-side: it reads the machine, never runs it.
 */
import type { Machine } from '../../inspect.js';
import type { BootReport } from '../../inspect.js';
import { HANDOVER_ADDR, HANDOVER_OFFSETS, HANDOVER_SIGNATURE } from '../../spec/handover.js';
import { E820_ENTRY_SIZE, E820_RAM, E820_TYPE_NAMES } from '../../spec/e820.js';
import { asciiAt, byteSum, le32, le64 } from '../../lib/bytes.js';
import { hex } from '../../lib/hex.js';
import { scanRsdp, tableName, tablesFromMemory } from '../acpi/table-set.js';
import { explainScript } from '../loader/explain.js';
import { LOADER_FILE } from '../loader/loader-files.js';
import type { FwCfgFile } from '../fw-cfg-dir/fw-cfg-dir.js';
import { parseGuestConsole } from './guest-console.js';
import type { GuestFindings } from './guest-console.js';
import { legacyTables } from '../why/bios-tables.js';
import type { LegacyTable } from '../why/bios-tables.js';

export interface E820Row {
  readonly start: string;
  readonly end: string;
  readonly type: string;
}

export interface BootChain {
  readonly e820: { readonly qemu: readonly E820Row[]; readonly firmware: readonly E820Row[] | null };
  /** RAM below 4 GiB the firmware's final e820 no longer lists as usable RAM (bytes, hex). */
  readonly firmwareReservedRam: string | null;
  readonly blobs: ReadonlyArray<{ file: string; address: string; size: number; zone: string }>;
  readonly loader: {
    readonly commands: ReadonlyArray<{ index: number; kind: string; text: string }>;
    /** The firmware's verdict line ("32 entries, ok (policy seabios)"), and its findings. */
    readonly result: string | null;
    readonly findings: readonly string[];
    readonly writePointers: readonly string[];
    /**
     * Why the guest has no usable ACPI tables after the loader ran (no RSDP, no root table, no
     * FACP or DSDT, a bad checksum), or null when it has them or the loader did not run.
     */
    readonly failure: string | null;
  };
  readonly tables: ReadonlyArray<{ signature: string; address: string; length: number; checksum: 'ok' | 'BAD' }>;
  /** The legacy tables the F-segment scan finds: $PIR, MP table, SMBIOS (decision 0035). */
  readonly biosTables: readonly LegacyTable[];
  readonly guest: GuestFindings | null;
}

export type FullBootReport = BootReport & { readonly chain: BootChain };

function e820Rows(entries: ReadonlyArray<{ address: number; length: number; type: number }>): E820Row[] {
  return entries.map((e) => ({ start: hex(e.address), end: hex(e.address + e.length - 1), type: E820_TYPE_NAMES[e.type] ?? String(e.type) }));
}

/** The firmware's final e820 map, from the hand-over record (src/spec/handover.ts), if it left one. */
function firmwareE820(m: Machine): Array<{ address: number; length: number; type: number }> | null {
  const header = m.memory.readBytes(HANDOVER_ADDR, 64);
  if (asciiAt(header, HANDOVER_OFFSETS.signature, 8) !== HANDOVER_SIGNATURE || byteSum(header) !== 0) return null;
  const addr = le32(header, HANDOVER_OFFSETS.e820Addr);
  const count = Math.min(le32(header, HANDOVER_OFFSETS.e820Count), 128);
  const table = m.memory.readBytes(addr, count * E820_ENTRY_SIZE);
  const out: Array<{ address: number; length: number; type: number }> = [];
  for (let i = 0; i < count; i++) {
    const o = i * E820_ENTRY_SIZE;
    out.push({ address: Number(le64(table, o)), length: Number(le64(table, o + 8)), type: le32(table, o + 16) });
  }
  return out;
}

/** The RSDP address of the hand-over record (the only way to find it after the OVMF profile), if any. */
export function handoverRsdp(m: Machine): number | undefined {
  const header = m.memory.readBytes(HANDOVER_ADDR, 64);
  if (asciiAt(header, HANDOVER_OFFSETS.signature, 8) !== HANDOVER_SIGNATURE || byteSum(header) !== 0) return undefined;
  return le32(header, HANDOVER_OFFSETS.rsdp) || undefined;
}

/** RAM (per QEMU's map, below 4 GiB) that the firmware's map marks as anything but RAM. */
function reservedRam(qemu: ReadonlyArray<{ address: number; length: number; type: number }>, fw: ReadonlyArray<{ address: number; length: number; type: number }>): number {
  let total = 0;
  for (const r of qemu) {
    if (r.type !== E820_RAM || r.address >= 2 ** 32) continue;
    for (const f of fw) {
      if (f.type === E820_RAM) continue;
      const start = Math.max(r.address, f.address);
      const end = Math.min(r.address + r.length, f.address + f.length);
      if (start < end) total += end - start;
    }
  }
  return total;
}

function fwCfgFiles(m: Machine): Map<string, FwCfgFile> {
  const fw = m.fwCfg;
  return new Map(fw.files().map((f) => [f.name, { name: f.name, select: f.select, data: fw.peekItem(f.select) }]));
}

const BLOB_LINE = /^loader: (\S+) at (0x[0-9a-f]+) \((\d+) bytes, (\w+)\)$/;
const RESULT_LINE = /^loader: (\d+ entries, .*)$/;
const WRITE_POINTER_LINE = /^loader: (WRITE_POINTER .*)$/;

/** Where the firmware placed each blob, from its console lines (the last placement of each file wins). */
export function blobsOf(fwLines: readonly string[]): BootChain['blobs'] {
  const byFile = new Map<string, BootChain['blobs'][number]>();
  for (const l of fwLines) {
    const b = BLOB_LINE.exec(l);
    if (b) byFile.set(b[1]!, { file: b[1]!, address: b[2]!, size: Number(b[3]), zone: b[4]! });
  }
  return [...byFile.values()];
}

/** The blobs and both e820 maps of a booted machine, from its debug console and memory (no report needed). */
export function placementOf(m: Machine): Pick<BootChain, 'blobs' | 'e820'> {
  const fw = firmwareE820(m);
  return { blobs: blobsOf(m.debugConsole.lines), e820: { qemu: e820Rows(m.e820), firmware: fw ? e820Rows(fw) : null } };
}

export function bootChain(report: BootReport, m: Machine): BootChain {
  const fwLines = report.firmware?.console ?? [];
  const blobs = blobsOf(fwLines);
  const result = fwLines.map((l) => RESULT_LINE.exec(l)?.[1]).find((x) => x !== undefined) ?? null;
  const loaderLines = fwLines.filter((l) => l.startsWith('loader: '));
  const findings = loaderLines.filter((l) => !BLOB_LINE.test(l) && !RESULT_LINE.test(l) && !WRITE_POINTER_LINE.test(l)).map((l) => l.slice(8));
  const writePointers = loaderLines.flatMap((l) => WRITE_POINTER_LINE.exec(l)?.[1] ?? []);

  let commands: BootChain['loader']['commands'] = [];
  try {
    const files = fwCfgFiles(m);
    if (files.has(LOADER_FILE)) commands = explainScript(files, 'machine').map((e) => ({ index: e.index, kind: e.kind, text: e.text }));
  } catch {
    // a machine without fw_cfg has no loader
  }

  const read = (a: number, n: number) => m.memory.readBytes(a, n);
  const rsdp = scanRsdp(read);
  const tables = rsdp === undefined ? [] : tablesFromMemory(read, rsdp).map((t) => {
    const n = t.signature === 'RSDP' ? 20 : t.signature === 'FACS' ? 0 : t.data.length;
    return { signature: tableName(t), address: hex(t.address), length: t.data.length, checksum: byteSum(t.data, 0, n) === 0 ? 'ok' as const : 'BAD' as const };
  });

  const fw = firmwareE820(m);
  const failure = result === null ? null : tablesFailure(rsdp, tables);
  return {
    e820: { qemu: e820Rows(m.e820), firmware: fw ? e820Rows(fw) : null },
    firmwareReservedRam: fw ? hex(reservedRam(m.e820, fw)) : null,
    blobs,
    loader: { commands, result, findings, writePointers, failure },
    tables,
    biosTables: legacyTables(read),
    guest: report.guest ? parseGuestConsole(report.guest.console) : null,
  };
}

/** What an OS would miss in the installed tables: the RSDP, a root table, FACP and DSDT, good checksums. */
function tablesFailure(rsdp: number | undefined, tables: BootChain['tables']): string | null {
  if (rsdp === undefined) return 'no RSDP in 0xE0000..0xFFFFF';
  const has = (sig: string) => tables.some((t) => t.signature === sig);
  if (!has('RSDT') && !has('XSDT')) return 'the RSDP points to no RSDT or XSDT';
  const missing = ['FACP', 'DSDT'].filter((sig) => !has(sig));
  if (missing.length) return `no ${missing.join(' and ')} reachable from the RSDP`;
  const bad = tables.filter((t) => t.checksum === 'BAD').map((t) => t.signature);
  return bad.length ? `bad checksum in ${bad.join(', ')}` : null;
}

export function withChain(report: BootReport, m: Machine): FullBootReport {
  return { ...report, chain: bootChain(report, m) };
}
