/**
 * Debian's real i386 bzImage (scripts/fetch-linux.sh): the fw_cfg items `-kernel/-append` fill, the
 * option ROM and bootorder, against what the installed QEMU 7.2 serves for the same command line
 * (read live with `fwlab capture --raw`, which drives QEMU through qtest; seconds, no boot).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMachine } from '../../src/machine/create-machine.js';
import { findReference, testWith } from '../helpers/reference.js';
import { repoRoot } from '../helpers/paths.js';
import { readKey } from '../fw-cfg/port-client.js';

const linuxTest = testWith(['qemu', 'linux-kernel']);

linuxTest("Debian's bzImage: kernel items, genroms/linuxboot_dma.bin and bootorder equal QEMU 7.2's", (t) => {
  const kernel = findReference('linux-kernel')!;
  const args = ['-machine', 'pc', '-m', '512M', '-kernel', kernel, '-append', 'console=ttyS0'];
  const dir = mkdtempSync(join(tmpdir(), 'fwlab-linux-fwcfg-'));
  try {
    const r = spawnSync(process.execPath, [`${repoRoot()}/bin/fwlab.js`, 'capture', '--raw', '--out', dir, '--', 'qemu-system-x86_64', ...args], { encoding: 'utf8', timeout: 110_000 });
    t.is(r.status, 0, r.stderr);
    const m = createMachine(args);
    const items = readdirSync(join(dir, 'kernel-items'));
    t.is(items.length, 13);
    for (const f of items) {
      const want = new Uint8Array(readFileSync(join(dir, 'kernel-items', f)));
      t.deepEqual(readKey(m, parseInt(f, 16), want.length), want, f);
    }
    t.deepEqual(m.fwCfg.file('bootorder'), new Uint8Array(readFileSync(join(dir, 'bootorder'))));
    t.deepEqual(m.fwCfg.file('genroms/linuxboot_dma.bin'), new Uint8Array(readFileSync(join(dir, 'genroms__linuxboot_dma.bin'))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
