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

/**
 * A capture's qmp.log (`> ` sent, `< ` received) as `event NAME` and `COMMAND -> reply` items; the
 * capture's own qmp_capabilities, cont and quit, and the RESUME and SHUTDOWN events they cause, left out.
 */
export function qemuTranscript(run: string): string[] {
  const items: string[] = [];
  const sent: string[] = [];
  for (const line of capture(run, 'qmp.log').split('\n')) {
    if (line.startsWith('> ')) sent.push((JSON.parse(line.slice(2)) as { execute: string }).execute);
    if (!line.startsWith('< ')) continue;
    const msg = JSON.parse(line.slice(2)) as { event?: string; return?: unknown; error?: unknown; QMP?: unknown };
    if (msg.event !== undefined) {
      if (msg.event !== 'RESUME' && msg.event !== 'SHUTDOWN') items.push(`event ${msg.event}`);
    } else if (msg.QMP === undefined) {
      const cmd = sent.shift()!;
      if (!['qmp_capabilities', 'cont', 'quit'].includes(cmd)) items.push(`${cmd} -> ${JSON.stringify(msg.return !== undefined ? { return: msg.return } : { error: msg.error })}`);
    }
  }
  return items;
}
