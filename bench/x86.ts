/**
 * The x86 series of `npm run bench`: guest-images/bench-loop.img (a real-mode integer loop) on the
 * x86 core, and the same image under QEMU TCG when qemu-system-x86_64 is installed. Prints instructions
 * per second (CPU time for the core; for QEMU the wall-time difference of two iteration counts, which
 * removes start-up and firmware time) and the ratio.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runFlat } from '../src/machine/cpu/x86/flat.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const image = readFileSync(join(root, 'guest-images', 'bench-loop.img'));
const ITERATIONS_OFFSET = 0x1f8;

function withIterations(n: number): Uint8Array {
  const img = new Uint8Array(image);
  new DataView(img.buffer).setUint32(ITERATIONS_OFFSET, n, true);
  return img;
}

function runCore(n: number): { instructions: number; cpuMs: number; checksum: string } {
  let out = '';
  const t0 = process.cpuUsage();
  const r = runFlat(withIterations(n), {
    at: 0x7c00,
    budgetNs: 1e13,
    setup: (m) => {
      m.ports.register('debugcon', 0x402, 1, { read: () => 0xff, write: (_o, _s, v) => { out += String.fromCharCode(v); } });
      m.ports.register('isa-debug-exit', 0xf4, 4, { read: () => 0xff, write: () => m.cpu.stop() });
    },
  });
  const used = process.cpuUsage(t0);
  return { instructions: r.machine.cpu.icount, cpuMs: (used.user + used.system) / 1000, checksum: /checksum (\w+)/.exec(out)?.[1] ?? '?' };
}

function runQemu(n: number, dir: string): number | undefined {
  const file = join(dir, `bench-${n}.img`);
  writeFileSync(file, withIterations(n));
  const t0 = performance.now();
  const r = spawnSync('qemu-system-x86_64', ['-machine', 'pc', '-accel', 'tcg', '-nodefaults', '-display', 'none',
    '-drive', `file=${file},format=raw`, '-serial', 'none', '-device', 'isa-debug-exit,iobase=0xf4,iosize=0x04'], { timeout: 300_000 });
  const ms = performance.now() - t0;
  return r.error ? undefined : ms;
}

const small = 2_000_000;
const large = 20_000_000;
runCore(200_000); // warm-up
const a = runCore(small);
const b = runCore(large);
const perIteration = (b.instructions - a.instructions) / (large - small);
const coreIps = (b.instructions - a.instructions) / ((b.cpuMs - a.cpuMs) / 1000);
console.log(`x86 core: bench-loop ${large.toLocaleString()} iterations, ${b.instructions.toLocaleString()} instructions in ${b.cpuMs.toFixed(0)} ms CPU `
  + `(checksum ${b.checksum}): ${(coreIps / 1e6).toFixed(1)} M instructions/s (${perIteration.toFixed(2)} per iteration)`);

const probe = spawnSync('qemu-system-x86_64', ['--version']);
if (probe.error) {
  console.log('QEMU TCG: skipped (qemu-system-x86_64 not installed)');
} else {
  const dir = mkdtempSync(join(tmpdir(), 'fwlab-bench-'));
  try {
    const qa = runQemu(small, dir);
    const qb = runQemu(large, dir);
    if (qa === undefined || qb === undefined) console.log('QEMU TCG: failed to run');
    else {
      const qemuIps = ((large - small) * perIteration) / ((qb - qa) / 1000);
      console.log(`QEMU TCG: the same image, ${small.toLocaleString()} and ${large.toLocaleString()} iterations in ${qa.toFixed(0)} / ${qb.toFixed(0)} ms wall: `
        + `${(qemuIps / 1e6).toFixed(1)} M instructions/s; fwlab / QEMU = 1 : ${(qemuIps / coreIps).toFixed(1)}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
