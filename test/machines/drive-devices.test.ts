/**
 * `-drive if=none` + `-device ide-hd|ide-cd|floppy|isa-fdc`: the command lines QEMU 7.2 refuses, with
 * its messages (what qemu-system-x86_64 7.2 printed for each; checked live when it is installed), and
 * its warning for a second floppy controller at 0x3f0. What it accepts is compared file by file in
 * machine-captures.test.ts (pc-bootindex*, q35-bootindex-strict, pc-floppy-device-unit1, *isa-fdc*).
 */
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { createMachine } from '../../src/machine/create-machine.js';
import { ignoredOptions } from '../../src/machine/options/command-line.js';
import { repoRoot } from '../helpers/paths.js';
import { testWith } from '../helpers/reference.js';

const DISK = 'file=guest-images/bootsect-hello.img,format=raw,if=none,snapshot=on';
const REFUSED: ReadonlyArray<{ args: string[]; qemu: string }> = [
  { args: ['-device', 'ide-hd,drive=nope'], qemu: "Property 'ide-hd.drive' can't find value 'nope'" },
  { args: ['-device', 'ide-hd'], qemu: 'No drive specified' },
  { args: ['-drive', `${DISK},id=d0`, '-device', 'ide-hd,drive=d0', '-device', 'ide-hd,drive=d0'], qemu: "Drive 'd0' is already in use by another device" },
  { args: ['-drive', `${DISK},id=d0`, '-drive', `${DISK},id=d1`, '-device', 'ide-hd,drive=d0,bootindex=2', '-device', 'ide-hd,drive=d1,bootindex=2'], qemu: 'The bootindex 2 has already been used' },
  { args: ['-drive', `${DISK},id=d0`, '-device', 'ide-hd,drive=d0,bus=ide.2'], qemu: "Bus 'ide.2' not found" },
  { args: ['-machine', 'q35', '-drive', `${DISK},id=d0`, '-drive', `${DISK},id=d1`, '-device', 'ide-hd,drive=d0', '-device', 'ide-hd,drive=d1'], qemu: "Can't create IDE unit 1, bus supports only 1 units" },
  { args: ['-drive', `${DISK},id=d0`, '-drive', `${DISK},id=d1`, '-drive', `${DISK},id=d2`, '-device', 'ide-hd,drive=d0', '-device', 'ide-hd,drive=d1', '-device', 'ide-hd,drive=d2'], qemu: 'IDE unit 1 is in use' },
  { args: ['-machine', 'q35', '-drive', 'file=guest-images/floppy-probe.img,format=raw,if=none,id=f0', '-device', 'floppy,drive=f0'], qemu: "No 'floppy-bus' bus found for device 'floppy'" },
  { args: ['-drive', 'if=none,id=d0', '-device', 'ide-hd,drive=d0'], qemu: 'Device needs media, but drive is empty' },
];

for (const { args, qemu } of REFUSED) {
  test(`${args.join(' ')}: refused with QEMU's message`, (t) => {
    const e = t.throws(() => createMachine(['-nodefaults', ...args.map((a) => a.replace('guest-images/', `${repoRoot()}/guest-images/`))]));
    t.true(e?.message.endsWith(qemu), e?.message);
  });

  testWith(['qemu'])(`${args.join(' ')}: the installed QEMU refuses it with that message`, (t) => {
    const r = spawnSync('qemu-system-x86_64', ['-nodefaults', '-display', 'none', '-S', ...args], { cwd: repoRoot(), encoding: 'utf8', timeout: 5_000 });
    t.is(r.status, 1);
    t.true(r.stderr.trim().endsWith(qemu), r.stderr);
  });
}

const SECOND_FDC = ['-nodefaults', '-device', 'isa-fdc'];
const WARNING = 'multiple floppy disk controllers with iobase=0x3f0 have been found';

test('pc with -device isa-fdc: QEMU\'s warning about a second controller; q35 with one: none', (t) => {
  t.true(ignoredOptions(SECOND_FDC).some((w) => w.includes(WARNING)));
  t.false(ignoredOptions(['-machine', 'q35', ...SECOND_FDC]).some((w) => w.includes(WARNING)));
  t.true(ignoredOptions(['-machine', 'q35', ...SECOND_FDC, '-device', 'isa-fdc']).some((w) => w.includes(WARNING)));
});

testWith(['qemu'])('the installed QEMU warns so for a second controller on pc, not for one on q35', (t) => {
  const run = (args: string[]) => spawnSync('qemu-system-x86_64', ['-display', 'none', '-S', ...args], { encoding: 'utf8', timeout: 2_000, killSignal: 'SIGTERM' }).stderr;
  t.true(run(SECOND_FDC).includes(WARNING));
  t.false(run(['-machine', 'q35', ...SECOND_FDC]).includes(WARNING));
});
