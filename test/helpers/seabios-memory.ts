/**
 * Runs real QEMU + SeaBIOS (no boot device) until SeaBIOS gives up booting, then reads guest
 * memory through qtest: what the firmware left for an OS, for differential tests.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface SeabiosRun {
  /** SeaBIOS's debug console up to "No bootable device". */
  readonly log: string;
  read(addr: number, size: number): Promise<Uint8Array>;
  close(): void;
}

const TIMEOUT_MS = 60_000;

export async function runSeabios(machineArgs: readonly string[]): Promise<SeabiosRun> {
  const dir = mkdtempSync(join(tmpdir(), 'fwlab-seabios-mem-'));
  const debugcon = join(dir, 'debugcon.log');
  const qemu = spawn('qemu-system-x86_64', [...machineArgs, '-accel', 'tcg', '-display', 'none', '-chardev', `file,id=dbg,path=${debugcon}`,
    '-device', 'isa-debugcon,iobase=0x402,chardev=dbg', '-qtest', 'stdio', '-qtest-log', 'none'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const replies: string[] = [];
  let wake: (() => void) | undefined;
  createInterface({ input: qemu.stdout }).on('line', (l) => {
    if (l.startsWith('IRQ')) return;
    replies.push(l);
    wake?.();
  });
  const close = (): void => {
    qemu.kill();
    rmSync(dir, { recursive: true, force: true });
  };
  const t0 = Date.now();
  const logText = (): string => (existsSync(debugcon) ? readFileSync(debugcon, 'latin1') : '');
  while (!logText().includes('No bootable device')) {
    if (Date.now() - t0 > TIMEOUT_MS || qemu.exitCode !== null) {
      close();
      throw new Error('SeaBIOS did not reach "No bootable device"');
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const text = logText();
  const log = text.slice(0, text.indexOf('No bootable device'));
  const read = async (addr: number, size: number): Promise<Uint8Array> => {
    qemu.stdin.write(`b64read 0x${addr.toString(16)} ${size}\n`);
    while (replies.length === 0) await new Promise<void>((r) => { wake = r; });
    const reply = replies.shift()!;
    if (!reply.startsWith('OK ')) throw new Error(`qtest b64read: ${reply}`);
    return new Uint8Array(Buffer.from(reply.slice(3).trim(), 'base64'));
  };
  return { log, read, close };
}
