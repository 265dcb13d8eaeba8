import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runFlat } from '../../src/machine/cpu/x86/flat.js';
import { BENCH_ITERATIONS_OFFSET, benchChecksum } from '../helpers/bench-loop.js';
import { repoRoot } from '../helpers/paths.js';

/** Runs guest-images/bench-loop.img (a real-mode boot sector, nasm-built) with `iterations` loops. */
function runBenchLoop(iterations: number): { out: string; stop: string } {
  const img = new Uint8Array(readFileSync(join(repoRoot(), 'guest-images', 'bench-loop.img')));
  new DataView(img.buffer).setUint32(BENCH_ITERATIONS_OFFSET, iterations, true);
  let out = '';
  const r = runFlat(img, {
    at: 0x7c00,
    setup: (m) => {
      m.ports.register('debugcon', 0x402, 1, { read: () => 0xff, write: (_o, _s, v) => { out += String.fromCharCode(v); } });
      m.ports.register('isa-debug-exit', 0xf4, 4, { read: () => 0xff, write: () => m.cpu.stop() });
    },
  });
  return { out, stop: r.stop };
}

test('bench-loop boot sector: the checksum printed on 0x402 equals the loop model, then isa-debug-exit', (t) => {
  for (const n of [1, 2, 777, 20000]) {
    const r = runBenchLoop(n);
    t.is(r.out, `bench-loop: start\r\nbench-loop: checksum ${benchChecksum(n)}\r\n`, `${n} iterations`);
    t.is(r.stop, 'stop');
  }
});
