import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where Debian's QEMU 7.2 looks for firmware files after the `-L` directories (`qemu-system-x86_64 -L help`
 * on Debian 12 prints these three: qemu-system-data, seabios, ipxe-qemu).
 */
export const QEMU_FIRMWARE_DIRS: readonly string[] = ['/usr/share/qemu', '/usr/share/seabios', '/usr/lib/ipxe/qemu'];

/** The search path QEMU uses: every `-L DIR` in the order given, then the built-in directories. */
export function firmwareSearchPath(dataDirs: readonly string[]): string[] {
  return [...dataDirs, ...QEMU_FIRMWARE_DIRS];
}

/** A firmware file found on the search path: where, and its bytes (shared between callers: never write to them). */
export interface FoundFile {
  readonly path: string;
  readonly data: Uint8Array;
}

/** Files read before, by path, with the size and time stamp they had: a machine with many NICs reads each ROM once. */
const cache = new Map<string, { readonly size: number; readonly mtimeMs: number; readonly data: Uint8Array }>();

function tryRead(path: string): Uint8Array | undefined {
  try {
    const st = statSync(path);
    if (!st.isFile()) return undefined;
    const hit = cache.get(path);
    if (hit && hit.size === st.size && hit.mtimeMs === st.mtimeMs) return hit.data;
    const data = new Uint8Array(readFileSync(path));
    cache.set(path, { size: st.size, mtimeMs: st.mtimeMs, data });
    return data;
  } catch {
    return undefined;
  }
}

/**
 * QEMU's qemu_find_file for a BIOS file: the name as a path first (relative to the working
 * directory), then each search directory in order. Undefined when no readable file is found.
 */
export function findFirmwareFile(name: string, dataDirs: readonly string[]): FoundFile | undefined {
  if (name === '') return undefined;
  const direct = tryRead(name);
  if (direct) return { path: name, data: direct };
  for (const dir of firmwareSearchPath(dataDirs)) {
    const path = join(dir, name);
    const data = tryRead(path);
    if (data) return { path, data };
  }
  return undefined;
}
