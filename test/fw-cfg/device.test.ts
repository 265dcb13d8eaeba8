import test from 'ava';
import { createMachine } from '../../src/machine/create-machine.js';
import { CTL, DATA, DMA_HIGH, dma, readData, readDirectory, readKey, select, SEL } from './port-client.js';

const q35 = () => createMachine(['-machine', 'q35', '-m', '512M', '-nodefaults']);

test('signature, ID and DMA signature read back as QEMU 7.2 (qemu-host.md §1.1, §1.4)', (t) => {
  const m = q35();
  t.deepEqual([...readKey(m, 0x00, 4)], [...Buffer.from('QEMU')]);
  t.deepEqual([...readKey(m, 0x01, 4)], [3, 0, 0, 0]);
  // Reads past the end give 0 and do not advance.
  t.deepEqual([...readKey(m, 0x00, 6)], [0x51, 0x45, 0x4d, 0x55, 0, 0]);
  const sig = Array.from({ length: 8 }, (_, i) => m.ports.read(DMA_HIGH + i, 1));
  t.is(String.fromCharCode(...sig), 'QEMU CFG');
  // 0x510 also streams data bytes; a 16-bit read at 0x510 returns 0.
  select(m, 0);
  t.is(m.ports.read(SEL, 1), 0x51);
  t.is(m.ports.read(DATA, 1), 0x45);
  t.is(m.ports.read(SEL, 2), 0);
});

test('well-known keys: RAM size, CPUs, IRQ0 override, HPET blob as observed', (t) => {
  const m = q35();
  t.deepEqual([...readKey(m, 0x03, 8)], [0, 0, 0, 0x20, 0, 0, 0, 0]);
  t.deepEqual([...readKey(m, 0x05, 2)], [1, 0]);
  t.deepEqual([...readKey(m, 0x0f, 2)], [1, 0]);
  t.deepEqual([...readKey(m, 0x8002, 4)], [1, 0, 0, 0]);
  const hpet = readKey(m, 0x8004, 121);
  t.is(Buffer.from(hpet.subarray(0, 15)).toString('hex'), '0101a286800000d0fe000000000000');
  t.true(hpet.subarray(15).every((b) => b === 0));
  // Bit 14 (write channel) is ignored on select.
  t.deepEqual([...readKey(m, 0x4001, 4)], [3, 0, 0, 0]);
  // Out of range (>= 0x20 + 32 slots): every read is 0.
  t.deepEqual([...readKey(m, 0x40, 2)], [0, 0]);
  // In range but empty (0x1a): 0.
  t.deepEqual([...readKey(m, 0x1a, 2)], [0, 0]);
});

test('file directory: big-endian count, sorted names, selects 0x20 + index', (t) => {
  const m = q35();
  const dir = readDirectory(m);
  t.true(dir.length > 5);
  const names = dir.map((e) => e.name);
  t.deepEqual(names, [...names].sort());
  dir.forEach((e, i) => t.is(e.select, 0x20 + i));
  const e820 = dir.find((e) => e.name === 'etc/e820')!;
  t.is(readKey(m, e820.select, e820.size).length, 40);
  // The directory item is 4 + 64 * 32 bytes long: entries past count read as zero.
  select(m, 0x19);
  const all = readData(m, 4 + 64 * 32 + 4);
  t.true(all.subarray(4 + 64 * dir.length).every((b) => b === 0));
});

test('DMA read with SELECT; reads past the end zero-fill; status 0 written back big-endian', (t) => {
  const m = q35();
  m.memory.writeBytes(0x20000, new Uint8Array(12).fill(0xaa));
  const st = dma(m, 0x1000, (0x01 << 16) | CTL.SELECT | CTL.READ, 12, 0x20000);
  t.is(st, 0);
  t.deepEqual([...m.memory.readBytes(0x20000, 12)], [3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  // SKIP then READ continues at the offset.
  dma(m, 0x1000, (0x00 << 16) | CTL.SELECT | CTL.SKIP, 2, 0);
  t.is(dma(m, 0x1000, CTL.READ, 2, 0x20000), 0);
  t.deepEqual([...m.memory.readBytes(0x20000, 2)], [0x4d, 0x55]);
  // No operation bit: length treated as 0, status 0.
  t.is(dma(m, 0x1000, 0, 100, 0x20000), 0);
});

test('DMA to a descriptor above 4 GiB through the high register', (t) => {
  const m = createMachine(['-machine', 'q35', '-m', '4G', '-nodefaults']);
  const desc = 0x1_0000_1000;
  const st = dma(m, desc, (0x00 << 16) | CTL.SELECT | CTL.READ, 4, 0x1_0000_2000);
  t.is(st, 0);
  t.is(Buffer.from(m.memory.readBytes(0x1_0000_2000, 4)).toString(), 'QEMU');
});

test('DMA error: a descriptor that runs off RAM sets ERROR and changes nothing', (t) => {
  const m = q35();
  // 512 MiB of RAM ends at 0x20000000 on q35; the descriptor's last 8 bytes are in the PCI hole.
  const desc = 0x20000000 - 8;
  m.memory.writeBytes(desc, new Uint8Array([0, 0x01, 0, 0x0a, 0, 0, 0, 4]));
  const target = m.memory.readBytes(0, 8);
  m.ports.write(0x518, 4, 0xf8ffff1f);
  t.deepEqual([...m.memory.readBytes(desc, 4)], [0, 0, 0, 1]);
  t.deepEqual(m.memory.readBytes(0, 8), target);
  // Nothing was selected: key 0 is still current.
  t.deepEqual([...readData(m, 4)], [...Buffer.from('QEMU')]);
  // A descriptor wholly in unmapped space: nothing to write back, nothing changes.
  m.ports.write(0x518, 4, 0x000000e0);
  t.deepEqual([...readData(m, 1)], [0]);
});

test('DMA error: write to a read-only item sets ERROR and changes nothing', (t) => {
  const m = q35();
  const dir = readDirectory(m);
  const bfw = dir.find((e) => e.name === 'etc/boot-fail-wait')!;
  m.memory.writeBytes(0x20000, new Uint8Array([1, 2, 3, 4]));
  const st = dma(m, 0x1000, (bfw.select << 16) | CTL.SELECT | CTL.WRITE, 4, 0x20000);
  t.is(st, CTL.ERROR);
  t.deepEqual([...readKey(m, bfw.select, 4)], [0xff, 0xff, 0xff, 0xff]);
  // Writing the signature key (read-only) fails too.
  t.is(dma(m, 0x1000, (0 << 16) | CTL.SELECT | CTL.WRITE, 4, 0x20000), CTL.ERROR);
  t.deepEqual([...readKey(m, 0, 4)], [...Buffer.from('QEMU')]);
});

test('DMA: writable item takes exact-fit writes, rejects over-long ones whole; SKIP+WRITE patches the middle', (t) => {
  const m = q35();
  const dir = readDirectory(m);
  const req = dir.find((e) => e.name === 'etc/smi/requested-features')!;
  t.is(req.size, 8);
  m.memory.writeBytes(0x20000, new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]));
  t.is(dma(m, 0x1000, (req.select << 16) | CTL.SELECT | CTL.WRITE, 16, 0x20000), CTL.ERROR);
  t.deepEqual([...readKey(m, req.select, 8)], [0, 0, 0, 0, 0, 0, 0, 0]);
  t.is(dma(m, 0x1000, (req.select << 16) | CTL.SELECT | CTL.SKIP, 4, 0), 0);
  t.is(dma(m, 0x1000, CTL.WRITE, 4, 0x20000), 0);
  t.deepEqual([...readKey(m, req.select, 8)], [0, 0, 0, 0, 1, 2, 3, 4]);
  // Write past the end after a skip: ERROR, nothing written.
  t.is(dma(m, 0x1000, (req.select << 16) | CTL.SELECT | CTL.SKIP, 6, 0), 0);
  t.is(dma(m, 0x1000, CTL.WRITE, 4, 0x20008), CTL.ERROR);
  t.deepEqual([...readKey(m, req.select, 8)], [0, 0, 0, 0, 1, 2, 3, 4]);
  // Port data writes are ignored (removed in QEMU 2.4).
  select(m, req.select);
  m.ports.write(DATA, 1, 0x55);
  t.deepEqual([...readKey(m, req.select, 8)], [0, 0, 0, 0, 1, 2, 3, 4]);
});

test('SMI negotiation: features-ok reads 1 when requested is a subset of supported', (t) => {
  const m = q35();
  const dir = readDirectory(m);
  const sel = (n: string) => dir.find((e) => e.name === n)!.select;
  t.deepEqual([...readKey(m, sel('etc/smi/supported-features'), 8)], [7, 0, 0, 0, 0, 0, 0, 0]);
  m.memory.writeBytes(0x20000, new Uint8Array([0x08, 0, 0, 0, 0, 0, 0, 0]));
  t.is(dma(m, 0x1000, (sel('etc/smi/requested-features') << 16) | CTL.SELECT | CTL.WRITE, 8, 0x20000), 0);
  t.deepEqual([...readKey(m, sel('etc/smi/features-ok'), 1)], [0]);
  m.memory.writeBytes(0x20000, new Uint8Array([0x01, 0, 0, 0, 0, 0, 0, 0]));
  t.is(dma(m, 0x1000, (sel('etc/smi/requested-features') << 16) | CTL.SELECT | CTL.WRITE, 8, 0x20000), 0);
  t.deepEqual([...readKey(m, sel('etc/smi/features-ok'), 1)], [1]);
});

test('reset selects key 0', (t) => {
  const m = q35();
  select(m, 0x01);
  m.reset();
  t.deepEqual([...readData(m, 4)], [...Buffer.from('QEMU')]);
});
