/** A raw firmware that triple-faults: QEMU resets (or stops with -no-reboot); fwlab names CS:EIP and the exception. */
import test from 'ava';
import { createMachine } from '../../src/machine/create-machine.js';
import { runRawFirmware } from '../../src/machine/raw-firmware.js';

/** At the reset vector: lidt [0] (RAM is zero: limit 0), int3 → #GP → #DF → shutdown. */
function tripleFaultRom(): Uint8Array {
  const rom = new Uint8Array(128 * 1024).fill(0xff);
  rom.set([0x0f, 0x01, 0x1e, 0x00, 0x00, 0xcc, 0xf4], rom.length - 16);
  return rom;
}

test('-no-reboot: a triple fault stops the machine with one line naming CS:EIP and the exception', (t) => {
  const m = createMachine(['-machine', 'pc', '-nodefaults']);
  const run = runRawFirmware(m, 'tf.bin', tripleFaultRom(), { noReboot: true, budgetNs: 1e6 });
  t.deepEqual(run.exit.kind, 'halt');
  const reason = run.exit.kind === 'halt' ? run.exit.reason : '';
  t.regex(reason, /^triple fault at f000:0000fff5 \(exception \d+\) \(-no-reboot\)$/);
  t.true(m.events.some((e) => e.startsWith('triple fault at f000:0000fff5')));
});

test('without -no-reboot the machine resets and runs the firmware again, until fwlab calls it a reset loop', (t) => {
  const m = createMachine(['-machine', 'pc', '-nodefaults']);
  const run = runRawFirmware(m, 'tf.bin', tripleFaultRom(), { budgetNs: 1e6 });
  t.is(run.resets, 4);
  t.regex(run.exit.kind === 'halt' ? run.exit.reason : '', /^reset loop \(4 resets\): triple fault at f000:0000fff5/);
  t.is(m.events.filter((e) => e.startsWith('triple fault')).length, 4);
});
