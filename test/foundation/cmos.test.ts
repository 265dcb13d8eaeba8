import test from 'ava';
import { readFileSync } from 'node:fs';
import { createMachine } from '../../src/index.js';
import { fixturePath } from '../helpers/paths.js';

/** Read every CMOS byte the way firmware does: index on 0x70, data on 0x71. */
function readNvram(args: string[]): number[] {
  const m = createMachine(args);
  const out: number[] = [];
  for (let i = 0; i < 128; i++) {
    m.cpu.out8(0x70, i);
    out.push(m.cpu.in8(0x71));
  }
  return out;
}

// Captured from Debian's QEMU 7.2 by scripts/capture-cmos.mjs (qtest, before any firmware).
// Bytes 0x00-0x09 are the time of day (QEMU's is the host clock; fwlab's a fixed date).
for (const board of ['pc', 'q35']) {
  for (const mem of ['512M', '4G', '8G']) {
    test(`CMOS 0x0A-0x7F equal QEMU 7.2's for -machine ${board} -m ${mem}`, (t) => {
      const fixture = JSON.parse(readFileSync(fixturePath('qemu-7.2', 'cmos', `${board}-${mem}.json`), 'utf8')) as { nvram: string };
      const expected = fixture.nvram.split(' ').map((h) => parseInt(h, 16));
      const actual = readNvram(['-machine', board, '-m', mem, '-nodefaults']);
      const hex = (a: number[]) => a.slice(0x0a).map((b) => b.toString(16).padStart(2, '0')).join(' ');
      t.is(hex(actual), hex(expected));
    });
  }
}

test('the RTC counts from a fixed date on the virtual clock, in BCD', (t) => {
  const m = createMachine([]);
  const read = (i: number) => {
    m.cpu.out8(0x70, i);
    return m.cpu.in8(0x71);
  };
  t.deepEqual([read(0x09), read(0x08), read(0x07), read(0x32)], [0x00, 0x01, 0x01, 0x20], '2000-01-01');
  m.clock.advance(61e9);
  t.is(read(0x02), 0x01, 'one minute later');
  t.is(read(0x00), 0x01);
});
