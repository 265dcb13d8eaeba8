import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFlatMachine, runFlat } from '../../src/machine/cpu/x86/flat.js';
import type { FlatMachine } from '../../src/machine/cpu/x86/flat.js';
import { decodeSnapshot, encodeSnapshot } from '../../src/machine/snapshot/snapshot-file.js';
import { BENCH_ITERATIONS_OFFSET, benchChecksum } from '../helpers/bench-loop.js';
import { repoRoot } from '../helpers/paths.js';

const ITERATIONS = 20000;

function image(): Uint8Array {
  const img = new Uint8Array(readFileSync(join(repoRoot(), 'guest-images', 'bench-loop.img')));
  new DataView(img.buffer).setUint32(BENCH_ITERATIONS_OFFSET, ITERATIONS, true);
  return img;
}

function attach(m: FlatMachine, out: { text: string }): void {
  m.ports.register('debugcon', 0x402, 1, { read: () => 0xff, write: (_o, _s, v) => { out.text += String.fromCharCode(v); } });
  m.ports.register('isa-debug-exit', 0xf4, 4, { read: () => 0xff, write: () => m.cpu.stop() });
}

test('x86 registers in a snapshot: the bench-loop boot sector stopped mid-loop, saved, restored into another core, finishes with the checksum of the loop model', (t) => {
  const before = { text: '' };
  const { machine: a, stop } = runFlat(image(), { budgetNs: 100_000, setup: (m) => attach(m, before) });
  t.is(stop, 'budget');
  t.is(before.text, 'bench-loop: start\r\n', 'stopped inside the loop');
  const file = encodeSnapshot({ version: 'test', options: null, digest: '' }, [
    { name: 'clock', state: a.clock.saveState() }, { name: 'ram', state: a.ram.saveState() }, { name: 'x86', state: a.cpu.saveState() },
  ]);
  const s = decodeSnapshot(file, 'test').sections;
  const b = createFlatMachine();
  const after = { text: '' };
  attach(b, after);
  b.clock.loadState(s.get('clock')!);
  b.ram.loadState(s.get('ram')!);
  b.cpu.loadState(s.get('x86')!);
  t.is(b.cpu.eip, a.cpu.eip);
  t.deepEqual([...b.cpu.r32], [...a.cpu.r32]);
  t.is(b.cpu.run(1e9), 'stop');
  t.is(before.text + after.text, `bench-loop: start\r\nbench-loop: checksum ${benchChecksum(ITERATIONS)}\r\n`);
  // The original goes on to the same end: same registers, same clock.
  const rest = { text: '' };
  a.ports.unregister(a.ports.list().find((r) => r.name === 'debugcon')!);
  a.ports.register('debugcon', 0x402, 1, { read: () => 0xff, write: (_o, _s, v) => { rest.text += String.fromCharCode(v); } });
  t.is(a.cpu.run(1e9), 'stop');
  t.is(rest.text, after.text);
  t.deepEqual([...b.cpu.r32], [...a.cpu.r32]);
  t.is(b.cpu.eip, a.cpu.eip);
  t.is(b.clock.now(), a.clock.now());
});
