import test from 'ava';
import { BiosLinker, arrayBlob } from '../../src/machine/acpi/bios-linker.js';
import { decodeLoader } from './loader-decode.js';

const blob = (n: number) => arrayBlob(new Uint8Array(n));

test('ALLOCATEs come first, in reverse call order; the rest in call order', (t) => {
  const l = new BiosLinker();
  l.allocate('a', blob(64), 64, 'HIGH');
  l.addChecksum('a', 0, 64, 9);
  l.allocate('b', blob(16), 16, 'FSEG');
  l.addPointer('b', 0, 4, 'a', 8);
  const cmds = decodeLoader(l.toBytes());
  t.deepEqual(cmds.map((c) => c.cmd), ['ALLOCATE', 'ALLOCATE', 'ADD_CHECKSUM', 'ADD_POINTER']);
  t.deepEqual(cmds[0], { cmd: 'ALLOCATE', file: 'b', align: 16, zone: 2 });
  t.deepEqual(cmds[1], { cmd: 'ALLOCATE', file: 'a', align: 64, zone: 1 });
  t.is(l.toBytes().length, 4096);
});

test('ADD_POINTER pre-fills the field with the source offset; ADD_CHECKSUM zeroes the checksum byte', (t) => {
  const a = new Uint8Array(32).fill(0xee);
  const l = new BiosLinker();
  l.allocate('a', arrayBlob(a), 8, 'HIGH');
  l.allocate('b', blob(0x2000), 8, 'HIGH');
  l.addPointer('a', 4, 8, 'b', 0x1a49);
  l.addChecksum('a', 0, 32, 3);
  t.deepEqual([...a.subarray(4, 12)], [0x49, 0x1a, 0, 0, 0, 0, 0, 0]);
  t.is(a[3], 0);
});

test('build-time assertions throw (alignment, duplicates, bounds, sizes, unknown files)', (t) => {
  const l = new BiosLinker();
  t.throws(() => l.allocate('x', blob(8), 3, 'HIGH'), { message: /power of two/ });
  l.allocate('a', blob(16), 16, 'HIGH');
  t.throws(() => l.allocate('a', blob(16), 16, 'HIGH'), { message: /already/ });
  t.throws(() => l.addPointer('a', 14, 4, 'a', 0), { message: /out of bounds/ });
  t.throws(() => l.addPointer('a', 0, 4, 'a', 16), { message: /out of bounds/ });
  t.throws(() => l.addPointer('a', 0, 3, 'a', 0), { message: /1\/2\/4\/8/ });
  t.throws(() => l.addPointer('a', 0, 4, 'nope', 0), { message: /not allocated/ });
  t.throws(() => l.addChecksum('a', 16, 1, 16), { message: /out of bounds/ });
  t.throws(() => l.addChecksum('a', 0, 17, 0), { message: /out of bounds/ });
  t.throws(() => l.addChecksum('a', 4, 8, 2), { message: /outside/ });
  t.throws(() => l.writePointer('dst', 0, 8, 'a', 16), { message: /out of bounds/ });
  t.throws(() => l.writePointer('dst', 0, 5, 'a', 0), { message: /1\/2\/4\/8/ });
  t.notThrows(() => l.writePointer('never-allocated-dest', 0, 8, 'a', 8));
});

test('file names longer than 55 characters are refused; byte 55 stays NUL', (t) => {
  const l = new BiosLinker();
  t.throws(() => l.allocate('x'.repeat(56), blob(8), 8, 'HIGH'));
  l.allocate('y'.repeat(55), blob(8), 8, 'HIGH');
  const e = l.toBytes();
  t.is(e[4 + 54], 'y'.charCodeAt(0));
  t.is(e[4 + 55], 0);
});
