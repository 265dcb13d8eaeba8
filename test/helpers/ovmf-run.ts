/**
 * Real QEMU 7.2 + OVMF (Debian's OVMF.fd as -bios): QMP query-pci once OVMF is done with PCI
 * (polled until two answers in a row are equal, some BAR decodes and its boot manager has
 * written every interrupt line, which comes last). Used for the OVMF placement fixtures (scripts/capture-ovmf-pci.mjs).
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { QEMU } from './qemu-qmp.js';

export const OVMF_FD = '/usr/share/ovmf/OVMF.fd';

/** QEMU exited before answering: its first error line. */
export class QemuRefused extends Error {
  override readonly name = 'QemuRefused';
}

export async function ovmfQueryPci(args: readonly string[], timeoutMs = 120_000): Promise<unknown> {
  const qemu = spawn(QEMU, [...args, '-bios', OVMF_FD, '-accel', 'tcg', '-display', 'none', '-serial', 'none', '-monitor', 'none', '-qmp', 'stdio'],
    { stdio: ['pipe', 'pipe', 'pipe'] });
  const inbox: Array<Record<string, unknown>> = [];
  let wake: (() => void) | undefined;
  // QEMU refusing the command line exits before QMP answers: the reply loop hears of it.
  let stderr = '';
  let exited = false;
  qemu.stderr.on('data', (b: Buffer) => { stderr += b.toString(); });
  qemu.on('exit', () => { exited = true; wake?.(); });
  createInterface({ input: qemu.stdout }).on('line', (l) => {
    if (!l.trim()) return;
    inbox.push(JSON.parse(l) as Record<string, unknown>);
    wake?.();
  });
  let id = 0;
  const ask = async (execute: string): Promise<unknown> => {
    const my = ++id;
    qemu.stdin.write(JSON.stringify({ execute, id: my }) + '\n');
    for (;;) {
      while (inbox.length === 0) {
        if (exited) throw new QemuRefused(stderr.split('\n').find((l) => l.startsWith('qemu-system')) ?? stderr.trim());
        await new Promise<void>((r) => { wake = r; });
      }
      const m = inbox.shift()!;
      if (m.id === my) return m.return;
    }
  };
  try {
    await ask('qmp_capabilities');
    const start = Date.now();
    let last = '';
    while (Date.now() - start < timeoutMs) {
      await new Promise((r) => setTimeout(r, 1500));
      const q = await ask('query-pci');
      const text = JSON.stringify(q);
      if (text === last && /"address":\s*[1-9]/.test(text) && !/"irq":\s*255/.test(text)) return q;
      last = text;
    }
    throw new Error('OVMF never settled');
  } finally {
    qemu.stdin.end();
    qemu.kill();
  }
}
