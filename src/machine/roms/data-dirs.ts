import { readFileSync } from 'node:fs';
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

/** A firmware file found on the search path: where, and its bytes. */
export interface FoundFile {
  readonly path: string;
  readonly data: Uint8Array;
}

function tryRead(path: string): Uint8Array | undefined {
  try {
    return new Uint8Array(readFileSync(path));
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
