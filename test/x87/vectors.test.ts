import test from 'ava';
import { type VectorCase, ext80ToNumber, loadVectors, runCase } from './vector-runner.js';

const { cases } = loadVectors();

/**
 * Transcendental results (cls "approx") are computed with JS doubles: they are compared at double
 * precision within APPROX_ULPS units in the last place of a double (docs/decisions/0014-x87-fpu.md);
 * FSW.C1 (round-up) is not compared for them. Every other field of every case is compared bit-exact.
 */
const APPROX_ULPS = 1;
const C1 = 0x0200;

function ulp(x: number): number {
  const a = Math.abs(x);
  if (a === 0 || !Number.isFinite(a)) return Number.MIN_VALUE;
  return Math.max(2 ** (Math.floor(Math.log2(a)) - 52), Number.MIN_VALUE);
}

function check(c: VectorCase): string | undefined {
  const got = runCase(c);
  const want = c.out;
  const memWant = (want.mem ?? c.mem ?? '').padEnd(256, '0');
  const diffs: string[] = [];
  if (got.fcw !== want.fcw) diffs.push(`fcw ${got.fcw} want ${want.fcw}`);
  const fswMask = c.cls === 'approx' ? ~C1 & 0xffff : 0xffff;
  if ((parseInt(got.fsw, 16) & fswMask) !== (parseInt(want.fsw, 16) & fswMask)) diffs.push(`fsw ${got.fsw} want ${want.fsw}`);
  if (got.ftw !== want.ftw) diffs.push(`ftw ${got.ftw} want ${want.ftw}`);
  for (let i = 0; i < 8; i++) {
    const g = got.st[i]!;
    const w = want.st[i] === '0' ? '0'.repeat(20) : want.st[i]!;
    if (g === w) continue;
    if (c.cls === 'approx') {
      const gv = ext80ToNumber(g);
      const wv = ext80ToNumber(w);
      if (Number.isFinite(wv) && Math.abs(gv - wv) <= APPROX_ULPS * ulp(wv)) continue;
    }
    diffs.push(`st${i} ${g} want ${w}`);
  }
  if (got.mem !== memWant) diffs.push(`mem ${got.mem.replace(/(00)+$/, '')} want ${memWant.replace(/(00)+$/, '')}`);
  if (got.eflags !== want.eflags) diffs.push(`eflags ${got.eflags} want ${want.eflags}`);
  if (diffs.length === 0) return undefined;
  return `${c.name} [${c.code}] fcw=${c.fcw} fsw=${c.fsw} stack=${c.stack.join(',')} mem=${c.mem ?? ''}: ${diffs.join('; ')}`;
}

const groups = new Map<string, VectorCase[]>();
for (const c of cases) {
  const key = c.name.split(/[ (]/)[0]!;
  groups.set(key, [...(groups.get(key) ?? []), c]);
}

test('the vectors cover a few thousand cases of every instruction group', (t) => {
  t.true(cases.length >= 3000);
  t.true(groups.size >= 30);
});

for (const [key, list] of groups) {
  test(`x87 ${key}: ${list.length} cases match the host CPU (scripts/x87-oracle)`, (t) => {
    const failures = list.map(check).filter((f): f is string => f !== undefined);
    t.deepEqual(failures.slice(0, 8), [], `${failures.length} of ${list.length} differ`);
  });
}
