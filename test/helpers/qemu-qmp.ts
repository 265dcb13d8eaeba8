/**
 * Drives a real QEMU over QMP on stdio: waits for SeaBIOS to finish POST (its debug console
 * at 0x402 says "No bootable device"), then sends a script one command at a time and records
 * every message QEMU sends back (events included), like `test/fixtures/qemu-7.2/qmp/*.jsonl`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export const QEMU = 'qemu-system-x86_64';

/** One line of a transcript: what was sent, or what came back. */
export type TranscriptLine = { readonly send: Record<string, unknown> } | { readonly recv: Record<string, unknown> };

/** Sends each command (an `id` is added), waiting for its reply; returns greeting, events and replies in order. */
export async function runQemuQmp(machineArgs: readonly string[], script: readonly Record<string, unknown>[]): Promise<TranscriptLine[]> {
  const dir = mkdtempSync(join(tmpdir(), 'fwlab-qemu-qmp-'));
  const debugcon = join(dir, 'debugcon.log');
  const qemu = spawn(QEMU, [...machineArgs, '-accel', 'tcg', '-display', 'none', '-serial', 'none', '-monitor', 'none',
    '-chardev', `file,id=dbg,path=${debugcon}`, '-device', 'isa-debugcon,iobase=0x402,chardev=dbg', '-qmp', 'stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const out: TranscriptLine[] = [];
  const inbox: Record<string, unknown>[] = [];
  let wake: (() => void) | undefined;
  const lines = createInterface({ input: qemu.stdout });
  lines.on('line', (l) => {
    if (!l.trim()) return;
    inbox.push(JSON.parse(l) as Record<string, unknown>);
    wake?.();
  });
  let exited = false;
  qemu.on('exit', () => {
    exited = true;
    wake?.();
  });
  const next = async (): Promise<Record<string, unknown>> => {
    while (inbox.length === 0) {
      if (exited) throw new Error('QEMU exited');
      await new Promise<void>((r) => { wake = r; });
    }
    return inbox.shift()!;
  };
  try {
    out.push({ recv: await next() });
    for (let i = 0; i < 400; i++) {
      if (existsSync(debugcon) && /No bootable device|Booting from/.test(readFileSync(debugcon, 'latin1'))) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    let id = 0;
    let migrationEvents = false;
    for (const cmd of script) {
      const sent = { ...cmd, id: ++id };
      out.push({ send: sent });
      qemu.stdin.write(JSON.stringify(sent) + '\n');
      for (;;) {
        const m = await next();
        out.push({ recv: m });
        if (m.id === id) break;
      }
      // A migration runs on after migrate's reply: wait for its end (STOP, then MIGRATION completed with the events capability).
      const reply = out[out.length - 1]!;
      if (cmd.execute === 'migrate' && 'recv' in reply && !('error' in reply.recv)) {
        const since = out.length;
        const done = () => out.slice(since).some((l) => 'recv' in l && l.recv.event === 'MIGRATION'
          && ['completed', 'failed'].includes(String((l.recv.data as { status?: unknown } | undefined)?.status)));
        const stopped = () => out.slice(since).some((l) => 'recv' in l && l.recv.event === 'STOP');
        while (!done() && !(stopped() && !migrationEvents)) out.push({ recv: await next() });
        // The migration thread finishes after its last event (finish-migrate → postmigrate): let it settle.
        await new Promise((r) => setTimeout(r, 1000));
        while (inbox.length > 0) out.push({ recv: inbox.shift()! });
      }
      if (cmd.execute === 'migrate-set-capabilities') migrationEvents = JSON.stringify(cmd).includes('"events","state":true');
      // Events that follow a reply (SHUTDOWN after quit's reply, RESET after system_reset's).
      if (cmd.execute === 'system_reset' || cmd.execute === 'quit') {
        const want = cmd.execute === 'quit' ? 'SHUTDOWN' : 'RESET';
        while (!out.some((l) => 'recv' in l && l.recv.event === want && out.indexOf(l) > out.findIndex((x) => 'send' in x && x.send.id === id))) {
          out.push({ recv: await next() });
        }
      }
    }
  } finally {
    qemu.stdin.end();
    if (qemu.exitCode === null) qemu.kill();
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
