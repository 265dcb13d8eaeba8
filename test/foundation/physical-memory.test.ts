import test from 'ava';
import { PhysicalMemory } from '../../src/machine/bus/physical-memory.js';
import { RamBlock } from '../../src/machine/bus/ram-block.js';
import { MmioWindow, RamWindow, RomWindow } from '../../src/machine/bus/memory-target.js';
import { MappingError } from '../../src/machine/bus/io-handler.js';

test('unmapped reads return all-ones at every width; unmapped writes are dropped', (t) => {
  const m = new PhysicalMemory();
  t.is(m.read(0x1234, 1), 0xff);
  t.is(m.read(0x1234, 2), 0xffff);
  t.is(m.read(0x1234, 4), 0xffffffff);
  t.is(m.read64(0x1234), 0xffffffffffffffffn);
  m.write(0x1234, 4, 0xdeadbeef);
  t.deepEqual([...m.readBytes(0x1234, 4)], [0xff, 0xff, 0xff, 0xff]);
});

test('board mappings may not overlap at the same priority', (t) => {
  const m = new PhysicalMemory();
  const ram = new RamBlock('ram', 0x10000);
  m.map('a', 0x1000, new RamWindow(ram, 0, 0x2000));
  const err = t.throws(() => m.map('b', 0x2000, new RamWindow(ram, 0, 0x2000)), { instanceOf: MappingError });
  t.regex(err!.message, /b .* overlaps a /);
  t.notThrows(() => m.map('c', 0x3000, new RamWindow(ram, 0, 0x1000)));
});

test('guest-programmed mappings may overlap; the higher priority decodes', (t) => {
  const m = new PhysicalMemory();
  const ram = new RamBlock('ram', 0x10000);
  m.map('ram', 0, new RamWindow(ram, 0, 0x10000));
  const regs = { read: () => 0x11223344, write: () => {} };
  const bar = m.map('bar', 0x8000, new MmioWindow(regs, 0x1000), { priority: -1, mayOverlap: true });
  t.is(m.read(0x8000, 4), 0, 'RAM wins over a lower-priority BAR');
  const top = m.map('top', 0x8000, new MmioWindow(regs, 0x1000), { priority: 2, mayOverlap: true });
  t.is(m.read(0x8004, 4), 0x11223344);
  m.unmap(top);
  m.unmap(bar);
  t.is(m.read(0x8004, 4), 0);
});

test('the flat view merges, splits and orders ranges', (t) => {
  const m = new PhysicalMemory();
  const ram = new RamBlock('ram', 0x10000);
  m.map('low', 0, new RamWindow(ram, 0, 0x10000));
  m.map('rom', 0x4000, new RomWindow(new Uint8Array(0x1000)), { priority: 1 });
  t.deepEqual(m.flatView().map((r) => [r.start, r.end, r.mapping.name]), [
    [0, 0x4000, 'low'], [0x4000, 0x5000, 'rom'], [0x5000, 0x10000, 'low'],
  ]);
});

test('accesses straddling two mappings are split byte by byte, little-endian', (t) => {
  const m = new PhysicalMemory();
  const ram = new RamBlock('ram', 0x2000);
  m.map('a', 0, new RamWindow(ram, 0, 0x1000));
  m.map('b', 0x1000, new RomWindow(Uint8Array.from([0xaa, 0xbb])));
  m.write(0xffe, 2, 0x3412);
  t.is(m.read(0xffe, 4), 0xbbaa3412);
  t.is(m.read(0x1001, 2), 0xffbb, 'past the ROM end is unmapped');
});

test('ROM ignores writes; RAM is lazily allocated and reads zero until touched', (t) => {
  const m = new PhysicalMemory();
  const ram = new RamBlock('ram', 64 * 2 ** 30);
  m.map('ram', 0, new RamWindow(ram, 0, ram.size));
  t.is(m.read(40 * 2 ** 30, 4), 0);
  t.is(ram.allocated, 0, 'reading did not allocate');
  m.write64(40 * 2 ** 30 + 8, 0x0102030405060708n);
  t.is(m.read64(40 * 2 ** 30 + 8), 0x0102030405060708n);
  t.is(ram.allocated, 64 * 1024, 'one 64 KiB chunk');
  const rom = new PhysicalMemory();
  rom.map('rom', 0, new RomWindow(Uint8Array.from([1, 2, 3, 4])));
  rom.write(0, 4, 0);
  t.is(rom.read(0, 4), 0x04030201);
});

test('bulk copies cross chunk and mapping boundaries', (t) => {
  const m = new PhysicalMemory();
  const ram = new RamBlock('ram', 0x40000);
  m.map('ram', 0, new RamWindow(ram, 0, 0x40000));
  const data = Uint8Array.from({ length: 0x20000 }, (_, i) => (i * 7) & 0xff);
  m.writeBytes(0xfff0, data);
  t.deepEqual(m.readBytes(0xfff0, data.length), data);
  const out = m.readBytes(0x3fff0, 0x20);
  t.deepEqual([...out.subarray(0x10)], new Array(0x10).fill(0xff), 'beyond RAM reads all-ones');
});
