import test from 'ava';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { boot } from '../../src/machine/create-machine.js';
import { bootCommand } from '../../src/cli/boot-command.js';
import { repoRoot } from '../helpers/paths.js';

test('the ROM bundles contain only firmware/, src/spec/ and src/lib/ modules', (t) => {
  for (const rom of ['fwlab-bios.mjs', 'fwlab-ovmf.mjs']) {
    const text = readFileSync(join(repoRoot(), 'roms', rom), 'utf8');
    const sources = [...text.matchAll(/^\/\/ ((?:src|firmware)\/[^\s]+)$/gm)].map((m) => m[1]!);
    t.true(sources.length > 10, rom);
    for (const s of sources) t.regex(s, /^(firmware\/|src\/spec\/|src\/lib\/(bytes|hex|size|guid|checksum)\.ts)/, `${rom}: ${s}`);
  }
});

test('--bios loads a different ROM module, which then owns the CPU', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'fwlab-rom-'));
  const path = join(dir, 'other-rom.mjs');
  writeFileSync(path, `export const program = { name: 'other-rom', version: '9', run(wire) {
    for (const c of 'other rom here\\n') wire.out8(0x402, c.charCodeAt(0));
    return { kind: 'halt', reason: 'done' };
  } };\n`);
  const { report } = await boot(['-machine', 'pc'], { bios: path, guest: 'none' });
  const json = JSON.stringify(report);
  t.regex(json, /other-rom/);
  t.regex(json, /other rom here/);
  t.notRegex(json, /fwlab BIOS/);
});

test('--firmware ovmf boots the OVMF-profile ROM; a bad profile is a usage error', async (t) => {
  let out = '';
  await bootCommand(['--firmware', 'ovmf', '--guest', 'none', '-machine', 'pc'], { out: (s) => { out += s; } });
  t.regex(out, /fwlab-ovmf/);
  t.regex(out, /OVMF edk2-stable202211 profile/);
  await t.throwsAsync(bootCommand(['--firmware', 'coreboot'], { out: () => {} }), { message: /expected seabios or ovmf/ });
  await t.throwsAsync(bootCommand(['--firmware', 'ovmf', '--bios', 'x.mjs'], { out: () => {} }), { message: /exclusive/ });
});
