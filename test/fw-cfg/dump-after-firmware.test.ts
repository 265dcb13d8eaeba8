import test from 'ava';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fwcfgCommand } from '../../src/cli/fwcfg-command.js';
import { fixturePath } from '../helpers/paths.js';
import { NOT_SERVED } from '../helpers/installed-roms.js';

interface Entry { name: string; select: number; size: number; sha256: string }

const CONFIGS = ['pc-default', 'pc-bridge', 'pc-vmgenid', 'q35-default', 'q35-rootports', 'q35-vmgenid'];

for (const config of CONFIGS) {
  test(`${config}: fwlab fwcfg dump --after-firmware equals QEMU+SeaBIOS's fwcfg-post file for file`, async (t) => {
    const args = readFileSync(fixturePath('qemu-7.2', config, 'cmdline-fwcfg.txt'), 'utf8').trim().split(/\s+/).slice(1);
    const dir = mkdtempSync(join(tmpdir(), `fwlab-${config}-`));
    try {
      t.is(await fwcfgCommand(['dump', dir, ...args, '--after-firmware'], { out: () => {} }), 0);
      const ours = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as Entry[];
      const qemu = (JSON.parse(readFileSync(fixturePath('qemu-7.2', config, 'seabios', 'fwcfg-post', 'index.json'), 'utf8')) as Entry[])
        .filter((e) => !NOT_SERVED.has(e.name));
      t.deepEqual(ours.map((e) => [e.name, e.select, e.size, e.sha256]), qemu.map((e) => [e.name, e.select, e.size, e.sha256]));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
