/**
 * The QEMU captures of guest images (test/fixtures/guest-images/<run>/, scripts/capture-guest-images.mjs)
 * and their command lines as fwlab options.
 */
import { readFileSync } from 'node:fs';
import { fixturePath, repoRoot } from './paths.js';

/** One file of a capture run, as text (latin1: serial output byte for byte). */
export const capture = (run: string, file: string): string => readFileSync(fixturePath('guest-images', run, file), 'latin1');

/**
 * A capture's QEMU command line (cmdline.txt) as fwlab options: image paths from the repository,
 * COM1 kept in the machine (stdio → null), the display and QEMU's debug-console chardev dropped
 * (fwlab always has its debug console at 0x402).
 */
export function fwlabArgsOf(run: string): string[] {
  const qemu = capture(run, 'cmdline.txt').trim().split(/\s+/).slice(1);
  const out: string[] = [];
  for (let i = 0; i < qemu.length; i++) {
    const a = qemu[i]!;
    if (a === '-display' || a === '-chardev' || (a === '-device' && qemu[i + 1]!.startsWith('isa-debugcon'))) { i++; continue; }
    out.push(a === 'stdio' ? 'null' : a.replace(/(^|=)guest-images\//, `$1${repoRoot()}/guest-images/`));
  }
  return out;
}
