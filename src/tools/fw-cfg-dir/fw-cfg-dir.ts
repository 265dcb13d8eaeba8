import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { UsageError } from '../../lib/errors.js';

/** One fw_cfg file as captured: its directory entry and its bytes. */
export interface FwCfgFile {
  readonly name: string;
  readonly select: number;
  readonly data: Uint8Array;
}

/** A set of fw_cfg files by name (the fixture format's `fwcfg-post/` directory, or a machine's). */
export type FwCfgFiles = ReadonlyMap<string, FwCfgFile>;

/** `etc/acpi/tables` → `etc__acpi__tables` (the fixture format's file names). */
export function mangleName(name: string): string {
  return name.replace(/\//g, '__');
}

interface IndexEntry {
  readonly name: string;
  readonly select?: number;
  readonly size?: number;
  readonly file?: string;
  readonly sha256?: string;
}

const findingsOf = new WeakMap<FwCfgFiles, readonly string[]>();

/** What readFwCfgDir found wrong with a capture that it could still read (file sizes, hashes). */
export function captureFindings(files: FwCfgFiles): readonly string[] {
  return findingsOf.get(files) ?? [];
}

function readIndex(indexPath: string): IndexEntry[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(indexPath, 'utf8'));
  } catch (e) {
    throw new UsageError(`${indexPath}: not JSON (${(e as Error).message.split('\n')[0]})`);
  }
  // Three shapes: [entries], {files: [entries]}, or {name: {select, size}}.
  const entries: unknown = Array.isArray(raw) ? raw
    : raw !== null && typeof raw === 'object' && Array.isArray((raw as { files?: unknown }).files) ? (raw as { files: unknown[] }).files
    : raw !== null && typeof raw === 'object' ? Object.entries(raw as Record<string, object>).map(([name, e]) => ({ ...e, name }))
    : undefined;
  if (!Array.isArray(entries) || !entries.every((e) => e !== null && typeof e === 'object' && typeof (e as IndexEntry).name === 'string')) {
    throw new UsageError(`${indexPath}: not a fw_cfg index (an array of {name, select, size, file})`);
  }
  return entries as IndexEntry[];
}

/** A capture directory holds files only (and, in the index format, an optional files/ folder). */
function rejectSubdirectories(dir: string, allowed: readonly string[]): void {
  for (const f of readdirSync(dir)) {
    // An entry may vanish between the listing and the stat (/proc, a capture being rewritten).
    if (!allowed.includes(f) && statSync(join(dir, f), { throwIfNoEntry: false })?.isDirectory()) {
      throw new UsageError(`${dir}: has a sub-directory '${f}'; a capture directory holds only fw_cfg files and index.json`);
    }
  }
}

/**
 * Reads a directory in the fixture format: `index.json` (an array of entries, or an object with
 * `files`) naming each fw_cfg file, or, without an index, every file with `__` for `/`.
 * A file larger than the index says, or whose bytes disagree with the index's sha256, is a
 * finding (captureFindings): the capture is not what its index describes.
 */
export function readFwCfgDir(dir: string): Map<string, FwCfgFile> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`${dir}: not a directory of fw_cfg files`);
  const out = new Map<string, FwCfgFile>();
  const findings: string[] = [];
  findingsOf.set(out, findings);
  const indexPath = join(dir, 'index.json');
  if (existsSync(indexPath)) {
    rejectSubdirectories(dir, ['files']);
    for (const e of readIndex(indexPath)) {
      const candidates = [e.file ? join(dir, basename(e.file)) : '', join(dir, mangleName(e.name)), join(dir, 'files', mangleName(e.name))];
      const path = candidates.find((p) => p && existsSync(p));
      // A capture may keep only some files (e.g. the ACPI ones); the index still lists them all.
      if (!path) continue;
      if (statSync(path).isDirectory()) throw new UsageError(`${path}: a directory where index.json names the fw_cfg file ${e.name}`);
      let data = new Uint8Array(readFileSync(path));
      if (e.size !== undefined && data.length > e.size) findings.push(`${path}: ${data.length} bytes, index.json says ${e.size} for ${e.name}`);
      // Files stored trimmed (trailing zeros dropped) are served at the index's size.
      if (e.size !== undefined && data.length < e.size) {
        const full = new Uint8Array(e.size);
        full.set(data);
        data = full;
      }
      if (e.sha256 && createHash('sha256').update(data).digest('hex') !== e.sha256.toLowerCase()) {
        findings.push(`${path}: its bytes do not match the sha256 index.json gives for ${e.name}`);
      }
      out.set(e.name, { name: e.name, select: e.select ?? 0, data });
    }
    if (out.size === 0) throw new UsageError(`${dir}: index.json names no file that is present`);
    return out;
  }
  rejectSubdirectories(dir, []);
  let select = 0x20;
  for (const f of readdirSync(dir).sort()) {
    const path = join(dir, f);
    if (!statSync(path, { throwIfNoEntry: false })?.isFile()) continue;
    const name = f.replace(/__/g, '/');
    out.set(name, { name, select: select++, data: new Uint8Array(readFileSync(path)) });
  }
  if (out.size === 0) throw new UsageError(`${dir}: no fw_cfg files in it`);
  return out;
}

/** Writes files + index.json exactly like the fixtures' `fwcfg-post/` directories. */
export function writeFwCfgDir(dir: string, files: Iterable<FwCfgFile>): void {
  mkdirSync(dir, { recursive: true });
  const index = [];
  const folder = basename(dir);
  for (const f of files) {
    const file = mangleName(f.name);
    writeFileSync(join(dir, file), f.data);
    index.push({ name: f.name, select: f.select, size: f.data.length, reserved: 0, file: `${folder}/${file}`, sha256: createHash('sha256').update(f.data).digest('hex') });
  }
  writeFileSync(join(dir, 'index.json'), JSON.stringify(index, null, 1) + '\n');
}
