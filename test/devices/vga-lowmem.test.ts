/**
 * The legacy VGA window 0xA0000-0xBFFFF: QEMU 7.2's default pc and q35 (and any VGA-class -device)
 * decode it, so Linux's vgacon write/read-back test of 0xB8000 passes in the text mode the VGA BIOS
 * left and it says "Console: colour VGA+ 80x25" (test/fixtures/linux/qemu-{pc,q35}/serial.log); with
 * -nodefaults nothing answers there. The std VGA's window goes through its planes: text mode's
 * odd/even mapping is set here with the sequencer and graphics values vga-probe read back on QEMU
 * (test/fixtures/guest-images/vga-probe-pc); at reset its writes are dropped (test/fixtures/qtest/vga-pc.trace).
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { createMachine } from '../../src/machine/create-machine.js';
import { linuxView } from '../../src/tools/linux/boot-log.js';

/** Register values of text mode 3 on QEMU after SeaVGABIOS: [index port, index, value]. */
const TEXT_MODE: readonly (readonly [number, number, number])[] = [
  [0x3c4, 2, 0x03], [0x3c4, 4, 0x02], [0x3ce, 4, 0x00], [0x3ce, 5, 0x10], [0x3ce, 6, 0x0e],
];

function readBack(args: string[], textMode = false): number {
  const m = createMachine(args);
  if (textMode) {
    m.ports.write(0x3c2, 1, 0x67);
    for (const [port, index, value] of TEXT_MODE) m.ports.write(port, 2, (value << 8) | index);
  }
  m.memory.write(0xb8000, 2, 0xaa55);
  m.memory.write(0xb8002, 2, 0x55aa);
  return m.memory.read(0xb8000, 4);
}

test('QEMU\'s default VGA (pc and q35) and -device VGA/cirrus-vga: 0xB8000 reads back what was written', (t) => {
  for (const board of ['pc', 'q35']) {
    t.deepEqual(linuxView(readFileSync(`test/fixtures/linux/qemu-${board}/serial.log`, 'latin1')).console, ['Console: colour VGA+ 80x25'], board);
    t.is(readBack(['-machine', board], true), 0x55aaaa55, board);
  }
  t.is(readBack(['-machine', 'pc', '-nodefaults', '-device', 'VGA'], true), 0x55aaaa55);
  t.is(readBack(['-machine', 'q35', '-nodefaults', '-device', 'cirrus-vga']), 0x55aaaa55);
});

test('-nodefaults without a display: nothing decodes 0xA0000-0xBFFFF (all ones)', (t) => {
  t.is(readBack(['-machine', 'pc', '-nodefaults']), 0xffffffff);
});

test('a std VGA after another VGA model (-device cirrus-vga -device VGA) takes the legacy window, as QEMU renders the later one on top', (t) => {
  // Found by the OVMF configuration fuzzer: building the machine threw a MappingError (two windows at 0xA0000).
  for (const board of ['pc', 'q35']) t.is(readBack(['-machine', board, '-nodefaults', '-device', 'cirrus-vga', '-device', 'VGA'], true), 0x55aaaa55, board);
});
