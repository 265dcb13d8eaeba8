import test from 'ava';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fixturePath, repoRoot } from '../helpers/paths.js';
import { canonical } from './config-cycles.js';

const CONFIGS = ['pc-default', 'pc-bridge', 'pc-vmgenid', 'q35-default', 'q35-rootports', 'q35-vmgenid'];
const bin = join(repoRoot(), 'bin', 'fwlab.js');
/** The capture's $T: a directory holding a blank stand-in for its boot disk (-drive file=$T/bootdisk.img). */
const T = mkdtempSync(join(tmpdir(), 'fwlab-capture-'));
writeFileSync(join(T, 'bootdisk.img'), new Uint8Array(1 << 20));

for (const [profile, flags] of [['seabios', []], ['ovmf', ['--firmware', 'ovmf']]] as const) for (const config of CONFIGS) {
  test(`fwlab boot <${config} command line> ${flags.join(' ')} --query-pci prints QEMU's query-pci after ${profile}'s POST`, (t) => {
    const line = readFileSync(fixturePath('qemu-7.2', config, profile, 'cmdline.txt'), 'utf8').trim();
    const args = line.split(/\s+/).slice(1).map((w) => w.replace(/\$T/g, T));
    const r = spawnSync(process.execPath, [bin, 'boot', ...args, ...flags, '--guest', 'none', '--query-pci'], { encoding: 'utf8' });
    t.is(r.status, 0, r.stderr);
    const expected = JSON.parse(readFileSync(fixturePath('qemu-7.2', config, profile, 'query-pci.json'), 'utf8')) as unknown;
    t.deepEqual(canonical(JSON.parse(r.stdout)), canonical(expected), 'stdout is exactly the query-pci JSON');
  });
}
