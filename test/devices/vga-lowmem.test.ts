/**
 * The legacy VGA window 0xA0000-0xBFFFF: QEMU 7.2's default pc and q35 (and any VGA-class -device)
 * decode it, so Linux's vgacon write/read-back test of 0xB8000 passes and it says "Console: colour
 * VGA+ 80x25" (test/fixtures/linux/qemu-{pc,q35}/serial.log); with -nodefaults nothing answers there.
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { createMachine } from '../../src/machine/create-machine.js';
import { linuxView } from '../../src/tools/linux/boot-log.js';

function readBack(args: string[]): number {
  const m = createMachine(args);
  m.memory.write(0xb8000, 2, 0xaa55);
  m.memory.write(0xb8002, 2, 0x55aa);
  return m.memory.read(0xb8000, 4);
}

test('QEMU\'s default VGA (pc and q35) and -device VGA/cirrus-vga: 0xB8000 reads back what was written', (t) => {
  for (const board of ['pc', 'q35']) {
    t.deepEqual(linuxView(readFileSync(`test/fixtures/linux/qemu-${board}/serial.log`, 'latin1')).console, ['Console: colour VGA+ 80x25'], board);
    t.is(readBack(['-machine', board]), 0x55aaaa55, board);
  }
  t.is(readBack(['-machine', 'pc', '-nodefaults', '-device', 'VGA']), 0x55aaaa55);
  t.is(readBack(['-machine', 'q35', '-nodefaults', '-device', 'cirrus-vga']), 0x55aaaa55);
});

test('-nodefaults without a display: nothing decodes 0xA0000-0xBFFFF (all ones)', (t) => {
  t.is(readBack(['-machine', 'pc', '-nodefaults']), 0xffffffff);
});
