import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { UsageError } from '../../lib/errors.js';

/**
 * A real QEMU driven through its qtest line protocol on stdio (qemu-host.md §6).
 * Debian's 7.2 has no qtest accelerator: `-accel tcg -S` keeps the CPU paused while
 * port and memory commands still work.
 */
export class QtestClient {
  private readonly replies: string[] = [];
  private wake: (() => void) | undefined;
  private exited: string | undefined;
  private stderr = '';

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('IRQ ')) return;
      this.replies.push(line);
      this.wake?.();
    });
    child.stderr.on('data', (d: Buffer) => {
      this.stderr += d.toString();
    });
    child.on('exit', (code, signal) => {
      this.exited = `QEMU exited (${signal ?? `code ${code}`})${this.stderr ? `: ${this.stderr.trim().split('\n')[0]}` : ''}`;
      this.wake?.();
    });
    // QEMU gone before reading its stdin: the exit handler reports it; don't crash on EPIPE.
    child.stdin.on('error', () => this.wake?.());
    child.on('error', (e) => {
      this.exited = `cannot run ${e.message}`;
      this.wake?.();
    });
  }

  /** Start `argv` (program + options) with the qtest options added; `running` lets the firmware run (no -S). */
  static start(argv: readonly string[], opts: { readonly running?: boolean } = {}): QtestClient {
    const [program, ...options] = argv;
    if (!program) throw new UsageError('capture needs a QEMU command line after --');
    const extra = ['-accel', 'tcg', ...(opts.running ? [] : ['-S']), '-qtest', 'stdio', '-qtest-log', 'none'];
    const hasDisplay = options.includes('-display') || options.includes('-nographic');
    const child = spawn(program, [...options, ...(hasDisplay ? [] : ['-display', 'none']), ...extra], { stdio: 'pipe' });
    return new QtestClient(child);
  }

  async ask(command: string): Promise<string> {
    if (this.exited) throw new UsageError(this.exited);
    this.child.stdin.write(command + '\n');
    if (this.child.stdin.destroyed) await new Promise<void>((r) => this.child.once('exit', () => r()));
    while (this.replies.length === 0) {
      if (this.exited) throw new UsageError(this.exited);
      await new Promise<void>((r) => (this.wake = r));
    }
    const reply = this.replies.shift()!;
    if (!reply.startsWith('OK')) throw new Error(`qtest '${command}' failed: ${reply}`);
    return reply.slice(3);
  }

  async outb(port: number, v: number): Promise<void> {
    await this.ask(`outb 0x${port.toString(16)} 0x${v.toString(16)}`);
  }
  async outw(port: number, v: number): Promise<void> {
    await this.ask(`outw 0x${port.toString(16)} 0x${v.toString(16)}`);
  }
  async outl(port: number, v: number): Promise<void> {
    await this.ask(`outl 0x${port.toString(16)} 0x${(v >>> 0).toString(16)}`);
  }
  async inb(port: number): Promise<number> {
    return parseInt(await this.ask(`inb 0x${port.toString(16)}`), 16);
  }
  async inw(port: number): Promise<number> {
    return parseInt(await this.ask(`inw 0x${port.toString(16)}`), 16);
  }
  async inl(port: number): Promise<number> {
    return parseInt(await this.ask(`inl 0x${port.toString(16)}`), 16) >>> 0;
  }

  async readMemory(addr: number, size: number): Promise<Uint8Array> {
    if (size === 0) return new Uint8Array(0);
    const reply = await this.ask(`b64read 0x${addr.toString(16)} ${size}`);
    return new Uint8Array(Buffer.from(reply.trim(), 'base64'));
  }

  async writeMemory(addr: number, data: Uint8Array): Promise<void> {
    await this.ask(`b64write 0x${addr.toString(16)} ${data.length} ${Buffer.from(data).toString('base64')}`);
  }

  /** Ends QEMU (closing stdin does not). */
  async close(): Promise<void> {
    if (this.exited) return;
    const done = new Promise<void>((r) => this.child.once('exit', () => r()));
    this.child.kill();
    await done;
  }
}
