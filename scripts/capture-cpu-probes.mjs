#!/usr/bin/env node
// Runs the CPU probes (guest-images/tasks-probe.img, v86-probe.img, pae-probe.img: task switching,
// virtual-8086 mode, PAE paging) under the real QEMU (Debian's qemu-system-x86_64 7.2 + SeaBIOS,
// TCG) and writes test/fixtures/guest-images/<probe>-pc/: cmdline.txt (the exact command line, run
// from the repository root), serial.log (COM1 = QEMU's stdout) and exit.txt (QEMU's exit status: the
// probes end with a write to isa-debug-exit, status 1).
// Usage: node scripts/capture-cpu-probes.mjs   (after scripts/build-guest-images.sh)
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const PROBES = ['tasks-probe', 'v86-probe', 'pae-probe'];

for (const probe of PROBES) {
  const dir = join(root, 'test', 'fixtures', 'guest-images', `${probe}-pc`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const args = ['-machine', 'pc', '-nodefaults', '-m', '128M', '-display', 'none',
    '-drive', `file=guest-images/${probe}.img,format=raw,if=ide`, '-serial', 'stdio',
    '-device', 'isa-debug-exit,iobase=0xf4,iosize=0x04'];
  const r = spawnSync('qemu-system-x86_64', args, { cwd: root, encoding: 'latin1', timeout: 30_000 });
  writeFileSync(join(dir, 'cmdline.txt'), `qemu-system-x86_64 ${args.join(' ')}\n`);
  writeFileSync(join(dir, 'serial.log'), r.stdout);
  writeFileSync(join(dir, 'exit.txt'), r.error ? `${r.error.message}\n` : `exit status ${r.status ?? r.signal}\n`);
  console.log(`${probe}: ${r.stdout.split('\n').length - 1} lines, exit ${r.status}`);
}
