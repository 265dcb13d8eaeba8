import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CpuProgram } from '../../spec/cpu-wire.js';
import { UsageError } from '../../lib/errors.js';

export interface LoadedProgram {
  readonly path: string;
  readonly image: Uint8Array;
  readonly program: CpuProgram;
}

/** The built-in ROM and guest image names under roms/ (built by build.mjs). */
export const DEFAULT_BIOS = 'fwlab-bios.mjs';
export const DEFAULT_GUEST = 'ospm.mjs';

const romPaths = new Map<string, string>();

/** Finds roms/NAME by walking up from this module (works from dist/ and from build/). */
export function romPath(name: string): string {
  const found = romPaths.get(name);
  if (found !== undefined && existsSync(found)) return found;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'roms', name);
    if (existsSync(candidate)) {
      romPaths.set(name, candidate);
      return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new UsageError(`roms/${name} not found: run 'npm run build' first`);
}

/**
 * Loads a ROM module (or guest image) by path, the way a PC loads bios.bin: the file's
 * bytes become the ROM contents and its exported `program` is what the CPU core runs.
 */
export async function loadProgram(path: string, what: string): Promise<LoadedProgram> {
  const full = resolve(path);
  if (!existsSync(full)) throw new UsageError(`${what} ${path}: no such file`);
  // Node evaluates a module once per process; the image read with it stays the one it was.
  const cached = loaded.get(full);
  if (cached && !unverified.has(full)) return cached;
  const image = new Uint8Array(readFileSync(full));
  if (cached) {
    // Evaluated before this process started (a startup snapshot): served only while the file holds those bytes.
    unverified.delete(full);
    if (sameBytes(cached.image, image)) return cached;
    loaded.delete(full);
  }
  let mod: { program?: unknown };
  try {
    mod = (await import(pathToFileURL(full).href)) as { program?: unknown };
  } catch (e) {
    throw new UsageError(`${what} ${path}: cannot load module (${(e as Error).message.split('\n')[0]})`);
  }
  const p = mod.program as Partial<CpuProgram> | undefined;
  if (!p || typeof p.run !== 'function' || typeof p.name !== 'string') {
    throw new UsageError(`${what} ${path}: not a fwlab program (it must export 'program' with name and run(wire))`);
  }
  const result: LoadedProgram = { path: full, image, program: p as CpuProgram };
  loaded.set(full, result);
  return result;
}

const loaded = new Map<string, LoadedProgram>();
/** Preloaded programs whose file has not been compared with their image in this process yet. */
const unverified = new Set<string>();

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
}

/**
 * A program evaluated from `image` (the bytes of the file at `path`) by a process that cannot
 * import() it, e.g. the startup snapshot's builder (src/cli/startup-snapshot.ts). loadProgram
 * serves it only after checking that the file still holds those bytes.
 */
export function preloadProgram(path: string, image: Uint8Array, program: CpuProgram): void {
  const full = resolve(path);
  loaded.set(full, { path: full, image, program });
  unverified.add(full);
}
