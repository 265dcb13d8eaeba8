/**
 * Debian's SYSLINUX 6.04, a boot loader fwlab did not write, boots from an IDE disk through the
 * TypeScript firmware's BIOS services (int 13h CHS/EDD reads, int 10h, int 16h, int 1Ah, the timer
 * chained to INT 1Ch) and its 32-bit core: banner and `boot:` prompt on COM1, a 0.1 s timeout, then
 * reboot.c32 jumps to the BIOS reset vector and the machine resets (-no-reboot stops it). COM1 must
 * equal what the same image printed under QEMU 7.2 + SeaBIOS 1.16.2
 * (test/fixtures/guest-images/syslinux-pc, command line beside it), and so must Debian's SeaBIOS
 * running the same image on fwlab's x86 core.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testWith } from '../helpers/reference.js';
import { fwlabChild } from '../aml-suite/fwlab-cli.js';
import { repoRoot } from '../helpers/paths.js';

const capture = () => readFileSync(join(repoRoot(), 'test/fixtures/guest-images/syslinux-pc/serial.log'), 'latin1');

function buildImage(): string {
  const img = join(mkdtempSync(join(tmpdir(), 'fwlab-syslinux-')), 'syslinux.img');
  const r = spawnSync('bash', [join(repoRoot(), 'scripts/build-syslinux-image.sh'), img], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build-syslinux-image.sh: ${r.stderr}`);
  return img;
}

testWith(['syslinux'])('pc: SYSLINUX boots to its prompt, times out, reboots; COM1 equals QEMU 7.2 + SeaBIOS\'s', async (t) => {
  const img = buildImage();
  const r = await fwlabChild(['boot', '-machine', 'pc', '-m', '128M', '-nodefaults', '-no-reboot', '-drive', `file=${img},format=raw,if=ide`, '-serial', 'stdio'], 120_000);
  t.is(r.code, 0, r.err);
  const want = capture();
  t.is(r.out.slice(0, want.length), want);
  t.regex(r.out, /reset requested: hard reset \(0xCF9\)/);
});

testWith(['syslinux', 'qemu'])('pc: the capture is what the installed QEMU + SeaBIOS print for the same image today', (t) => {
  const img = buildImage();
  const r = spawnSync('qemu-system-x86_64', ['-machine', 'pc', '-nodefaults', '-m', '128M', '-display', 'none', '-no-reboot',
    '-drive', `file=${img},format=raw,if=ide`, '-serial', 'stdio'], { encoding: 'latin1', timeout: 60_000 });
  t.is(r.status, 0);
  t.is(r.stdout, capture());
});

testWith(['syslinux', 'seabios'])('pc: the same image under Debian\'s SeaBIOS running on fwlab\'s x86 core prints the same COM1', async (t) => {
  const img = buildImage();
  const r = await fwlabChild(['boot', '--bios', '/usr/share/seabios/bios-256k.bin', '-machine', 'pc', '-m', '128M', '-nodefaults', '-no-reboot',
    '-drive', `file=${img},format=raw,if=ide`, '-serial', 'stdio'], 180_000);
  t.is(r.code, 0, r.err);
  const want = capture();
  t.is(r.out.slice(0, want.length), want);
  t.regex(r.out, /reset requested: hard reset \(0xCF9\)/);
});
