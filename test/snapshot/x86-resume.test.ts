import test from 'ava';
import { compareResume, firstDifference } from '../helpers/x86-resume.js';
import { testWith } from '../helpers/reference.js';

/**
 * Decision 0048: an x86 guest run straight to T2 and one migrated at T1, restored into a fresh
 * machine and run on to T2 end in the same state — COM1's bytes, RAM, the CPU's registers and every
 * device's registers and pending timers (the whole snapshot of each, section by section).
 */

const BIOS_CALLS = ['-machine', 'pc', '-nodefaults', '-m', '128M', '-rtc', 'base=2021-03-04T05:06:07,clock=vm', '-drive', 'file=guest-images/bios-calls.img,format=raw,if=ide', '-serial', 'null'];

test('bios-calls.img booted by fwlab\'s firmware: migrated mid-run (int 15h 86h wait pending) and resumed, it ends as the straight run does', async (t) => {
  for (const t1 of [1e6, 3e6, 7.5e6]) {
    const r = await compareResume(BIOS_CALLS, { guest: 'none' }, t1, 60e6);
    t.true(r.straight.serial.includes('bios-calls: done'), r.straight.serial);
    t.is(r.resumed.serial, r.straight.serial, `T1 ${t1}`);
    t.deepEqual(r.resumed.state, r.straight.state, firstDifference(r.straight.state, r.resumed.state));
    t.is(r.resumed.now, r.straight.now);
  }
});

const SEABIOS = '/usr/share/seabios/bios-256k.bin';
const seabiosTest = testWith(['seabios']);
const BIOS_CALLS_SEABIOS = (board: string): string[] => ['-machine', board, '-nodefaults', '-m', '128M', '-rtc', 'base=2021-03-04T05:06:07,clock=vm', '-drive', 'file=guest-images/bios-calls.img,format=raw', '-serial', 'null'];

for (const [board, inBootSector] of [['pc', 15e6], ['q35', 20e6]] as const) {
  seabiosTest(`${board}: Debian's SeaBIOS migrated mid-POST (5 ms) and mid-boot-sector (${inBootSector / 1e6} ms), restored and run to 100 ms: COM1, debug console and the whole machine as straight`, async (t) => {
    for (const [t1, where] of [[5e6, 'POST'], [inBootSector, 'boot sector']] as const) {
      const r = await compareResume(BIOS_CALLS_SEABIOS(board), { bios: SEABIOS }, t1, 100e6);
      t.true(r.straight.serial.includes('bios-calls: done'));
      if (where === 'POST') t.is(r.resumed.serialBefore, '', 'saved before the boot sector ran');
      else t.true(r.resumed.serialBefore.length > 0 && !r.resumed.serialBefore.includes('done'), 'saved inside the boot sector');
      t.is(r.resumed.serial, r.straight.serial, `${board} ${where}`);
      t.is(r.resumed.debugcon, r.straight.debugcon, `${board} ${where}`);
      t.deepEqual(r.resumed.state, r.straight.state, firstDifference(r.straight.state, r.resumed.state));
      t.is(r.resumed.now, r.straight.now);
    }
  });
}

const LINUX = ['-machine', 'pc', '-m', '512M', '-kernel', '.cache/linux/vmlinuz', '-append', 'console=ttyS0', '-serial', 'null'];

// The whole boot to the root-mount panic, migrated at 2.5 s in one process and restored in another, is
// `npm run linux-snapshot` (bench/linux-snapshot.ts): about three CPU-minutes.
testWith(['linux-kernel'])('Debian\'s Linux kernel (-kernel, fwlab\'s firmware) migrated at 0.3 s virtual and restored: at 0.6 s RAM, registers and every device as in the straight run', async (t) => {
  t.timeout(10 * 60_000);
  const r = await compareResume(LINUX, { guest: 'none' }, 0.3e9, 0.6e9);
  t.is(r.resumed.serial, r.straight.serial);
  t.deepEqual(r.resumed.state, r.straight.state, firstDifference(r.straight.state, r.resumed.state));
  t.is(r.resumed.now, r.straight.now);
});

const FLOPPY = ['-machine', 'pc', '-nodefaults', '-snapshot', '-fda', 'guest-images/floppy-probe.img', '-serial', 'null'];

test('floppy-probe.img (drive A: FDC, ISA DMA) under fwlab\'s firmware migrated mid-probe and resumed ends as the straight run', async (t) => {
  const r = await compareResume(FLOPPY, { guest: 'none' }, 2e6, 100e6);
  t.true(r.straight.serial.includes('floppy-probe: done'));
  t.true(r.resumed.serialBefore.length > 0 && !r.resumed.serialBefore.includes('done'), 'saved inside the probe');
  t.is(r.resumed.serial, r.straight.serial);
  t.deepEqual(r.resumed.state, r.straight.state, firstDifference(r.straight.state, r.resumed.state));
});

seabiosTest('floppy-probe.img under Debian\'s SeaBIOS (its FDC driver with DMA and the motor timer) migrated mid-probe and resumed ends as the straight run', async (t) => {
  const r = await compareResume(FLOPPY, { bios: SEABIOS }, 45e6, 100e6);
  t.true(r.straight.serial.includes('floppy-probe: done'));
  t.true(r.resumed.serialBefore.length > 0 && !r.resumed.serialBefore.includes('done'), 'saved inside the probe');
  t.is(r.resumed.serial, r.straight.serial);
  t.is(r.resumed.debugcon, r.straight.debugcon);
  t.deepEqual(r.resumed.state, r.straight.state, firstDifference(r.straight.state, r.resumed.state));
});
