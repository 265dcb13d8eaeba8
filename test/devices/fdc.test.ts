/**
 * The isa-fdc's own cases the qtest recordings (test/fixtures/qtest/fdc-*.trace) cannot show: a
 * snapshot taken while READ ID is pending answers after the restore as it would have, and random
 * guest writes to every FDC and 8237 register never throw (guest misbehaviour never crashes the machine).
 */
import test from 'ava';
import { PhysicalMemory } from '../../src/machine/bus/physical-memory.js';
import { RamBlock } from '../../src/machine/bus/ram-block.js';
import { RamWindow } from '../../src/machine/bus/memory-target.js';
import { VirtualClock } from '../../src/machine/clock.js';
import { IsaDma } from '../../src/machine/devices/i8257.js';
import { IsaFdc } from '../../src/machine/devices/fdc/isa-fdc.js';
import { FloppyDrive } from '../../src/machine/devices/fdc/floppy-drive.js';
import { FDC_COMMANDS } from '../../src/machine/devices/fdc/fdc-commands.js';
import type { BlockBackend } from '../../src/machine/devices/ata-channel.js';
import { prng } from '../helpers/prng.js';

const SECTORS_144 = 2880;

function image(): BlockBackend {
  const data = new Uint8Array(SECTORS_144 * 512).map((_, i) => (i >> 9) & 0xff);
  return { sectors: SECTORS_144, readOnly: false, read: (lba, out) => out.set(data.subarray(lba * 512, lba * 512 + out.length)), write: (lba, d) => data.set(d, lba * 512) };
}

function controller(): { fdc: IsaFdc; clock: VirtualClock; dma: IsaDma } {
  const memory = new PhysicalMemory();
  memory.map('ram', 0, new RamWindow(new RamBlock('ram', 1 << 20), 0, 1 << 20));
  const clock = new VirtualClock();
  const dma = new IsaDma(memory);
  const fdc = new IsaFdc([new FloppyDrive(true, image()), new FloppyDrive(false, undefined)], () => {}, dma, 2, clock, FDC_COMMANDS);
  fdc.reset();
  return { fdc, clock, dma };
}

const send = (fdc: IsaFdc, ...bytes: number[]) => { for (const b of bytes) fdc.ports.write(5, 1, b); };
const results = (fdc: IsaFdc, n: number) => Array.from({ length: n }, () => fdc.ports.read(5, 1));

test('READ ID pending in a snapshot: the restored controller answers it 20 ms after it was asked', (t) => {
  const a = controller();
  send(a.fdc, 0x0f, 0x00, 7); // SEEK cylinder 7
  send(a.fdc, 0x08);
  results(a.fdc, 2);
  a.clock.advance(5e6);
  send(a.fdc, 0x4a, 0x04); // READ ID head 1
  a.clock.advance(10e6);
  t.is(a.fdc.ports.read(4, 1), 0x10, 'busy');
  const saved = a.fdc.saveState();

  const b = controller();
  b.clock.advance(15e6);
  b.fdc.loadState(saved);
  t.is(b.fdc.ports.read(4, 1), 0x10);
  b.clock.advance(9e6);
  t.is(b.fdc.ports.read(4, 1), 0x10, 'still busy 19 ms after the command');
  b.clock.advance(1e6);
  a.clock.advance(10e6);
  t.is(b.fdc.ports.read(4, 1), 0xd0);
  const want = results(a.fdc, 7);
  t.deepEqual(results(b.fdc, 7), want);
  t.deepEqual(want, [0x04, 0, 0, 7, 1, 2, 2]);
});

test('random guest writes to the FDC and the 8237s never throw; reads stay bytes; a DOR reset afterwards answers as QEMU', (t) => {
  const { fdc, clock, dma } = controller();
  const r = prng(40);
  const [d1, d2] = dma.controllers;
  for (let i = 0; i < 20000; i++) {
    const v = Math.floor(r() * 256);
    const which = Math.floor(r() * 5);
    const reg = Math.floor(r() * 16);
    if (which === 0) fdc.ports.write(reg & 7, 1, v);
    else if (which === 1) t.true(fdc.ports.read(reg & 7, 1) <= 0xff);
    else if (which === 2) d1.controlPorts.write(reg & 7, 1, v);
    else if (which === 3) d1.channelPorts.write(reg & 7, 1, v);
    else d2.controlPorts.write(reg, 1, v);
    if (i % 100 === 0) clock.advance(1e6);
  }
  // Afterwards a DOR reset brings the controller back as QEMU answers it (fdc-empty-pc.trace): MSR
  // RQM, then SENSE INTERRUPT STATUS gives drive 0's reset status C0h.
  fdc.ports.write(2, 1, 0x00);
  fdc.ports.write(2, 1, 0x0c);
  t.is(fdc.ports.read(4, 1), 0x80);
  fdc.ports.write(5, 1, 0x08);
  t.is(fdc.ports.read(4, 1), 0xd0);
  t.is(fdc.ports.read(5, 1), 0xc0);
});
