import test from 'ava';
import { main } from '../../src/cli.js';
import { fixturePath } from '../helpers/paths.js';

const Q35 = fixturePath('qemu-7.2', 'q35-vmgenid', 'seabios', 'acpi-installed');

async function fwlab(argv: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await main(argv, { out: (t) => lines.push(t) });
  return { code, out: lines.join('\n') };
}

test('fwlab aml eval --json: the value shapes of the CLI contract', async (t) => {
  const tables = [`${Q35}/dsdt.dat`, `${Q35}/ssdt.dat`];
  t.deepEqual(JSON.parse((await fwlab(['aml', 'eval', ...tables, '\\_SB.VGEN.ADDR', '--json'])).out), {
    type: 'Package', value: [{ type: 'Integer', value: '0x1ffff028' }, { type: 'Integer', value: '0x0' }],
  });
  t.deepEqual(JSON.parse((await fwlab(['aml', 'eval', ...tables, '\\_SB.VGEN._HID', '--json'])).out), { type: 'String', value: 'QEMUVGID' });
  const crs = JSON.parse((await fwlab(['aml', 'eval', ...tables, '\\_SB.PCI0.PRES._CRS', '--json'])).out);
  t.deepEqual(crs, { type: 'Buffer', value: '47 01 D8 0C D8 0C 01 0C 79 00' });
  const r = await fwlab(['aml', 'eval', ...tables, '\\_SB.NOPE', '--json']);
  t.is(r.code, 1);
  t.is(r.out, '');
});

test('fwlab aml namespace: one "\\PATH TYPE" line per node', async (t) => {
  const r = await fwlab(['aml', 'namespace', `${Q35}/dsdt.dat`, `${Q35}/ssdt.dat`]);
  t.is(r.code, 0);
  const lines = r.out.split('\n');
  t.is(lines.length, 256);
  t.true(lines.includes('\\_SB_.VGEN Device'));
  t.true(lines.includes('\\_SB_.PCI0.PCST Region'));
  t.true(lines.includes('\\_SB_.PCI0.PCIU RegionField'));
});

test('fwlab aml run: exit 0 on a match, non-zero on a mismatch', async (t) => {
  const m = fixturePath('aml', 'main.aml');
  t.is((await fwlab(['aml', 'run', m, '--expect', 'int', '42'])).code, 0);
  t.is((await fwlab(['aml', 'run', m, '--expect', 'int', '0x2A'])).code, 0);
  t.is((await fwlab(['aml', 'run', m, '--expect', 'int', '0x2B'])).code, 1);
  t.is((await fwlab(['aml', 'run', m, '--expect', 'str', '42'])).code, 1, 'type mismatch');
  const f = fixturePath('aml', 'control.aml');
  t.is((await fwlab(['aml', 'run', f, '--while-loop-timeout', '0.001', '--expect', 'int', '0x1'])).code, 1, 'control.aml has no MAIN');
  const g = fixturePath('aml', 'forward.aml');
  t.is((await fwlab(['aml', 'run', g])).code, 0, 'no --expect, no MAIN: loading is the test');
});
