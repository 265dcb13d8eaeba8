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
}

/**
 * Reads a directory in the fixture format: `index.json` (an array of entries, or an object with
 * `files`) naming each fw_cfg file, or, without an index, every file with `__` for `/`.
 */
export function readFwCfgDir(dir: string): Map<string, FwCfgFile> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`${dir}: not a directory of fw_cfg files`);
  const out = new Map<string, FwCfgFile>();
  const indexPath = join(dir, 'index.json');
  if (existsSync(indexPath)) {
    const raw = JSON.parse(readFileSync(indexPath, 'utf8')) as IndexEntry[] | { files: IndexEntry[] } | Record<string, Omit<IndexEntry, 'name'>>;
    // Three shapes: [entries], {files: [entries]}, or {name: {select, size}}.
    const entries: IndexEntry[] = Array.isArray(raw) ? raw
      : Array.isArray((raw as { files?: unknown }).files) ? (raw as { files: IndexEntry[] }).files
      : Object.entries(raw as Record<string, Omit<IndexEntry, 'name'>>).map(([name, e]) => ({ ...e, name }));
    for (const e of entries) {
      const candidates = [e.file ? join(dir, basename(e.file)) : '', join(dir, mangleName(e.name)), join(dir, 'files', mangleName(e.name))];
      const path = candidates.find((p) => p && existsSync(p));
      // A capture may keep only some files (e.g. the ACPI ones); the index still lists them all.
      if (!path) continue;
      let data = new Uint8Array(readFileSync(path));
      // Files stored trimmed (trailing zeros dropped) are served at the index's size.
      if (e.size !== undefined && data.length < e.size) {
        const full = new Uint8Array(e.size);
        full.set(data);
        data = full;
      }
      out.set(e.name, { name: e.name, select: e.select ?? 0, data });
    }
    if (out.size === 0) throw new UsageError(`${dir}: index.json names no file that is present`);
    return out;
  }
  let select = 0x20;
  for (const f of readdirSync(dir).sort()) {
    const path = join(dir, f);
    if (!statSync(path).isFile()) continue;
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
