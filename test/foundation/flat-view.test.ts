import test from 'ava';
import { PhysicalMemory } from '../../src/machine/bus/physical-memory.js';
import type { Mapping } from '../../src/machine/bus/physical-memory.js';
import { MmioWindow } from '../../src/machine/bus/memory-target.js';
import { prng } from '../helpers/prng.js';

/** QEMU's rule for one address, by brute force: the highest priority wins, the later-mapped on a tie. */
function owner(maps: readonly Mapping[], addr: number): Mapping | undefined {
  let best: Mapping | undefined;
  for (const m of maps) if (addr >= m.base && addr < m.base + m.size && (!best || m.priority >= best.priority)) best = m;
  return best;
}

test('the flat view after random maps and unmaps matches a per-address brute force and is canonical', (t) => {
  const rand = prng(0x5eed);
  const mem = new PhysicalMemory();
  const live: Mapping[] = [];
  const regs = { read: () => 0, write: () => {} };
  const wrong: string[] = [];
  for (let step = 0; step < 400; step++) {
    if (live.length > 0 && rand() < 0.4) {
      const m = live.splice(Math.floor(rand() * live.length), 1)[0]!;
      mem.unmap(m);
    } else {
      const base = Math.floor(rand() * 64) * 16;
      const size = (1 + Math.floor(rand() * 16)) * 16;
      const prio = Math.floor(rand() * 3) - 1;
      live.push(mem.map(`m${step}`, base, new MmioWindow(regs, size), { priority: prio, mayOverlap: true }));
    }
    const flat = mem.flatView();
    for (let i = 1; i < flat.length; i++) {
      if (flat[i - 1]!.end > flat[i]!.start) wrong.push(`step ${step}: not sorted/disjoint at ${i}`);
      if (flat[i - 1]!.end === flat[i]!.start && flat[i - 1]!.mapping === flat[i]!.mapping) wrong.push(`step ${step}: run not maximal at ${i}`);
    }
    for (let a = 0; a < 64 * 16 + 16 * 16; a += 8) {
      if (mem.resolve(a)?.mapping !== owner(mem.mappings(), a)) wrong.push(`step ${step}: address ${a}`);
    }
  }
  t.deepEqual(wrong.slice(0, 5), []);
});
