/**
 * Reuse of an ACPI build for an equal input (decision 0057): equality is exact (every value, array
 * length and key, in order), a changed input is built again, anything that is not plain data is
 * never reused, and the kept input is a copy the caller cannot change afterwards.
 */
import test from 'ava';
import { copyPlain, equalsPlain, reusingBuild } from '../../src/machine/acpi/build-reuse.js';
import { acpiInputOf } from '../../src/machine/acpi/build-acpi.js';
import { buildAcpiTables } from '../../src/machine/acpi/build-tables.js';
import { createMachine, bootMachine } from '../../src/machine/create-machine.js';
import { FW_CFG_FILE_ACPI_TABLES } from '../../src/spec/fw-cfg.js';

test('equalsPlain: exact, value by value', (t) => {
  const a = { x: 1, y: [1n, 'a', true, undefined, null, { z: -0 }], w: NaN };
  const kept = copyPlain(a);
  t.true(equalsPlain({ x: 1, y: [1n, 'a', true, undefined, null, { z: -0 }], w: NaN }, kept));
  t.false(equalsPlain({ x: 1, y: [1n, 'a', true, undefined, null, { z: 0 }], w: NaN }, kept), '-0 is not 0');
  t.false(equalsPlain({ x: 1, y: [2n, 'a', true, undefined, null, { z: -0 }], w: NaN }, kept));
  t.false(equalsPlain({ x: 1, y: [1n, 'a', true, undefined, null], w: NaN }, kept), 'array length');
  t.false(equalsPlain({ y: [1n, 'a', true, undefined, null, { z: -0 }], x: 1, w: NaN }, kept), 'key order');
  t.false(equalsPlain({ x: 1, y: [1n, 'a', true, undefined, null, { z: -0 }], w: NaN, v: undefined }, kept), 'extra key');
  t.false(equalsPlain({ x: '1', y: [1n, 'a', true, undefined, null, { z: -0 }], w: NaN }, kept), 'type');
});

test('copyPlain refuses what is not plain data; reusingBuild never reuses it', (t) => {
  class Box { v = 1; }
  for (const v of [new Map(), new Box(), () => 1, [1, , 3], new Uint8Array(1), { [Symbol('s')]: 1 }, { get g() { return 1; } }]) {
    t.is(typeof copyPlain({ v }), 'symbol');
  }
  let builds = 0;
  const f = reusingBuild((_: unknown) => ++builds, 2);
  const m = new Map();
  f({ m });
  f({ m });
  t.is(builds, 2);
});

test('reusingBuild: equal inputs reuse, changed ones build; the kept input is a copy', (t) => {
  let builds = 0;
  const f = reusingBuild((input: { n: number[] }) => ({ sum: input.n.reduce((a, b) => a + b, 0), build: ++builds }), 2);
  const input = { n: [1, 2] };
  const r1 = f(input);
  t.is(f({ n: [1, 2] }), r1);
  input.n.push(3);
  const r2 = f(input);
  t.is(r2.sum, 6, 'the caller changed its input after the first build: built again');
  t.is(f({ n: [1, 2] }), r1, 'two kept');
  f({ n: [4] });
  t.is(builds, 3);
  t.not(f({ n: [1, 2, 3] }), r2, 'the least recently used one was dropped');
  t.is(builds, 4);
});

test('a re-booted machine and a second machine get the tables a fresh build of their live state gives', async (t) => {
  const m1 = createMachine(['-machine', 'q35']);
  await bootMachine(m1, { guest: 'none' });
  const fresh = buildAcpiTables(acpiInputOf(m1));
  await bootMachine(m1, { guest: 'none' });
  const m2 = createMachine(['-machine', 'q35']);
  await bootMachine(m2, { guest: 'none' });
  for (const m of [m1, m2]) {
    const file = m.fwCfg.file(FW_CFG_FILE_ACPI_TABLES)!;
    t.deepEqual(file.subarray(0, fresh.tables.length), fresh.tables);
    t.true(file.subarray(fresh.tables.length).every((b) => b === 0));
  }
  t.not(m1.fwCfg.file(FW_CFG_FILE_ACPI_TABLES), m2.fwCfg.file(FW_CFG_FILE_ACPI_TABLES), 'each machine has its own copy');
});
