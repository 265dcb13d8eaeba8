/**
 * -kernel: the option ROM QEMU 7.2 adds for it (genroms/linuxboot_dma.bin, bootindex 0) and the
 * bootorder naming it, against real QEMU's fw_cfg (`fwlab capture --raw -- qemu-system-x86_64
 * -machine pc -m 512M -kernel vmlinuz -append console=ttyS0`: test/fixtures/linux/bootorder-kernel-dma.bin;
 * its genroms/linuxboot_dma.bin was byte-equal to Debian's /usr/share/qemu/linuxboot_dma.bin).
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { testWith } from '../helpers/reference.js';
import { createMachine } from '../../src/machine/create-machine.js';
import { UsageError } from '../../src/lib/errors.js';
import { bootMachine } from '../../src/machine/create-machine.js';

const KERNEL = 'test/fixtures/kernel-fwcfg/bz-20f.bin';
const INSTALLED = '/usr/share/qemu/linuxboot_dma.bin';

test('-kernel: bootorder is "/rom@genroms/linuxboot_dma.bin" + NUL, as QEMU 7.2 serves it', (t) => {
  for (const board of ['pc', 'q35']) {
    const m = createMachine(['-machine', board, '-kernel', KERNEL]);
    t.deepEqual(m.fwCfg.file('bootorder'), new Uint8Array(readFileSync('test/fixtures/linux/bootorder-kernel-dma.bin')), board);
  }
});

test('without -kernel bootorder stays empty and no genroms file is served (QEMU: no boot device list)', (t) => {
  const m = createMachine(['-machine', 'pc']);
  t.is(m.fwCfg.file('bootorder')?.length, 0);
  t.is(m.fwCfg.file('genroms/linuxboot_dma.bin'), undefined);
});

testWith(['qemu-roms'])(`-kernel serves the installed ${INSTALLED} as genroms/linuxboot_dma.bin`, (t) => {
  const m = createMachine(['-machine', 'pc', '-kernel', KERNEL]);
  t.deepEqual(m.fwCfg.file('genroms/linuxboot_dma.bin'), new Uint8Array(readFileSync(INSTALLED)));
});

test('a raw BIOS with -kernel but no installed option ROM stops with one line naming it', async (t) => {
  const m = createMachine(['-machine', 'pc', '-kernel', KERNEL]);
  // What a machine without qemu-system-data has: bootorder names the ROM, fw_cfg lacks the file.
  if (m.fwCfg.file('genroms/linuxboot_dma.bin')) m.fwCfg.replaceFile('bootorder', new TextEncoder().encode('/rom@genroms/linuxboot_absent.bin\0'));
  const e = await t.throwsAsync(bootMachine(m, { bios: 'any-raw-image.bin' }), { instanceOf: UsageError });
  t.regex(e?.message ?? '', /^-kernel .*: a raw BIOS boots it through QEMU's linuxboot_(dma|absent)\.bin, not found in \/usr\/share\/qemu/);
});
