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
 * COM1 kept in the machine (stdio → null), the display, QEMU's debug-console chardev and the capture's
 * own plumbing (-S, the QMP socket, `snapshot=on`) dropped (fwlab always has its debug console at 0x402).
 */
export function fwlabArgsOf(run: string): string[] {
  const qemu = capture(run, 'cmdline.txt').trim().split(/\s+/).slice(1);
  const out: string[] = [];
  for (let i = 0; i < qemu.length; i++) {
    const a = qemu[i]!;
    if (a === '-display' || a === '-chardev' || a === '-qmp' || (a === '-device' && qemu[i + 1]!.startsWith('isa-debugcon'))) { i++; continue; }
    if (a === '-S') continue;
    out.push(a === 'stdio' ? 'null' : a.replace(/(^|=)guest-images\//, `$1${repoRoot()}/guest-images/`));
  }
  return out;
}

/**
 * A capture's qmp.log (`> ` sent, `< ` received) as `event NAME` (SHUTDOWN: `event SHUTDOWN REASON`)
 * and `COMMAND -> reply` items; the capture's own qmp_capabilities, cont and quit, and the RESUME and
 * SHUTDOWN (host-qmp-quit) events they cause, left out.
 */
export function qemuTranscript(run: string): string[] {
  const items: string[] = [];
  const sent: string[] = [];
  for (const line of capture(run, 'qmp.log').split('\n')) {
    if (line.startsWith('> ')) sent.push((JSON.parse(line.slice(2)) as { execute: string }).execute);
    if (!line.startsWith('< ')) continue;
    const msg = JSON.parse(line.slice(2)) as { event?: string; data?: { guest?: boolean; reason?: string }; return?: unknown; error?: unknown; QMP?: unknown };
    if (msg.event !== undefined) {
      if (msg.event === 'SHUTDOWN') {
        if (msg.data?.reason !== 'host-qmp-quit') items.push(`event SHUTDOWN ${msg.data?.reason ?? ''}`);
      } else if (msg.event !== 'RESUME') items.push(`event ${msg.event}`);
    } else if (msg.QMP === undefined) {
      const cmd = sent.shift()!;
      if (!['qmp_capabilities', 'cont', 'quit'].includes(cmd)) items.push(`${cmd} -> ${JSON.stringify(msg.return !== undefined ? { return: msg.return } : { error: msg.error })}`);
    }
  }
  return items;
}

/** fwlab's `--qmp-at` stderr lines (docs/tools.md) as qemuTranscript's items. */
export function qmpAtTranscript(stderr: string): string[] {
  const items: string[] = [];
  for (const line of stderr.split('\n')) {
    const ev = /^fwlab: qmp-at event (\{.*\})$/.exec(line);
    if (ev) {
      const e = JSON.parse(ev[1]!) as { event: string; data?: { guest?: boolean; reason?: string } };
      if (e.event === 'SHUTDOWN') items.push(`event SHUTDOWN ${e.data?.reason ?? ''}`);
      else items.push(`event ${e.event}`);
    }
    const reply = /^fwlab: qmp-at [\d.]+ ms (\{.*?\}) -> (\{.*\})$/.exec(line);
    if (reply) items.push(`${(JSON.parse(reply[1]!) as { execute: string }).execute} -> ${JSON.stringify(JSON.parse(reply[2]!))}`);
  }
  return items;
}
