// bin/fwlab's startup snapshot (docs/decisions/0051-startup-snapshot-and-cheap-reboots.md): a boot
// started from it prints, byte for byte, what bin/fwlab.js prints; ROMs are served from the
// snapshot only while their files hold the bytes it was made from.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInThisContext } from 'node:vm';
import { repoRoot } from '../helpers/paths.js';
import { loadProgram, preloadProgram } from '../../src/machine/rom/load-program.js';
import { romScriptProgram } from '../../src/machine/rom/rom-script.js';
import type { CpuProgram } from '../../src/spec/cpu-wire.js';

const root = repoRoot();
const blob = join(root, 'dist', 'snapshot', 'fwlab.blob');
const launcher = join(root, 'bin', 'fwlab');
const env = (snapshot: '0' | '1') => ({ ...process.env, FWLAB_SNAPSHOT: snapshot, DEBUG: '' });

const COMMANDS: string[][] = [
  ['boot', '-machine', 'pc', '-nodefaults'],
  ['boot'],
  ['boot', '-machine', 'q35', '-m', '2G', '-device', 'vmgenid,guid=324e6eaf-d1d1-4bf6-bf41-b9bb6c91fb87', '-device', 'e1000', '--json'],
  ['boot', '-machine', 'pc', '-nodefaults', '--firmware', 'ovmf'],
  ['boot', '-m', 'lots'],
];

const withSnapshot = existsSync(blob) || process.env['FWLAB_REQUIRE_REFERENCE'] === '1' ? test : test.skip;
const missing = existsSync(blob) ? '' : ' [missing: dist/snapshot/fwlab.blob, which node build.mjs makes]';

for (const args of COMMANDS) {
  withSnapshot(`fwlab ${args.join(' ')} from the startup snapshot prints what bin/fwlab.js prints${missing}`, (t) => {
    const snap = spawnSync(launcher, args, { encoding: 'utf8', env: env('1') });
    const plain = spawnSync(process.execPath, [join(root, 'bin', 'fwlab.js'), ...args], { encoding: 'utf8', env: env('0') });
    t.is(snap.status, plain.status, snap.stderr);
    t.is(snap.stderr, plain.stderr);
    t.true(snap.stdout === plain.stdout, 'stdout differs');
    t.true(plain.stdout.length > 0 || plain.status !== 0);
  });
}

test('FWLAB_SNAPSHOT=1 refuses what the snapshot cannot serve (a ROM named by path), in one line, exit 2', (t) => {
  const r = spawnSync(launcher, ['boot', '--bios', join(root, 'roms', 'fwlab-bios.mjs')], { encoding: 'utf8', env: env('1') });
  t.is(r.status, 2);
  t.regex(r.stderr, /^fwlab: FWLAB_SNAPSHOT=1 but the startup snapshot cannot serve this: --bios\n$/);
});

test('a ROM module evaluated as a script is the program import() gives', async (t) => {
  const path = join(root, 'roms', 'ospm.mjs');
  const script = romScriptProgram(new Uint8Array(readFileSync(path)), path, (code, filename) => runInThisContext(code, { filename }));
  const mod = (await import(path)) as { program: CpuProgram };
  t.truthy(script);
  t.is(script!.name, mod.program.name);
  t.is(script!.version, mod.program.version);
  t.not(script, mod.program);
  const evaluate = (code: string) => runInThisContext(code) as unknown;
  const text = (s: string) => new TextEncoder().encode(s);
  t.is(romScriptProgram(text("import x from 'y';\nconst program = { name: 'a', run() {} };\nexport { program };\n"), 'a.mjs', evaluate), undefined);
  t.is(romScriptProgram(text("const program = { name: 'a', run() {} };\nexport { other };\n"), 'a.mjs', evaluate), undefined);
  t.is(romScriptProgram(text("const program = { name: 'a', run() {} };\nexport default program;\n"), 'a.mjs', evaluate), undefined);
});

test('a preloaded program is served only while its file holds the image it came from', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'fwlab-preload-'));
  try {
    const rom = join(dir, 'ospm.mjs');
    copyFileSync(join(root, 'roms', 'ospm.mjs'), rom);
    const image = new Uint8Array(readFileSync(rom));
    const fake: CpuProgram = { name: 'fake', version: '0', run: () => ({ kind: 'halt', reason: 'fake' }) };
    preloadProgram(rom, image, fake);
    t.is((await loadProgram(rom, '--guest')).program, fake);
    const other = join(dir, 'other.mjs');
    copyFileSync(join(root, 'roms', 'ospm.mjs'), other);
    preloadProgram(other, image.slice(0, -1), fake);
    const loaded = await loadProgram(other, '--guest');
    t.not(loaded.program, fake);
    t.is(loaded.program.name, 'fwlab-ospm');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
