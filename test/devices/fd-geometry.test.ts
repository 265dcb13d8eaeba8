/**
 * The medium geometry an image's size gives, against QEMU 7.2: test/fixtures/qemu-7.2/fd-geometry
 * (scripts/capture-fd-geometry.mjs) holds, for zero-filled images of 13 sizes as -fda, what QEMU's
 * isa-fdc showed through its ports: the CMOS drive type, the sectors per track (DUMPREG), the last
 * cylinder a SEEK reaches, the data rate the medium answers at and whether head 1 exists. fwlab's
 * machine, asked the same way, must show the same.
 */
import test from 'ava';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMachine } from '../../src/machine/create-machine.js';
import type { Machine } from '../../src/machine/machine.js';
import { fixturePath } from '../helpers/paths.js';

interface Geometry { cmosType: number; sectorsPerTrack: number; lastCylinder: number; dataRate: number; twoHeads: boolean }

/** The port sequence of scripts/capture-fd-geometry.mjs. */
function geometry(m: Machine): Geometry {
  const inb = (p: number) => m.ports.read(p, 1);
  const outb = (p: number, v: number) => m.ports.write(p, 1, v);
  const send = (...bytes: number[]) => { for (const b of bytes) outb(0x3f5, b); };
  const read = (n: number) => Array.from({ length: n }, () => inb(0x3f5));
  const reset = () => { outb(0x3f4, 0x80); for (let i = 0; i < 4; i++) { send(0x08); read(2); } };
  outb(0x70, 0x10);
  const cmos = inb(0x71);
  outb(0x3f2, 0x1c);
  send(0x0e);
  const dump = read(10);
  let lastCylinder = 0;
  for (let t = 30; t <= 90; t++) {
    send(0x0f, 0x00, t);
    send(0x08);
    lastCylinder = read(2)[1]!;
  }
  const waits = (rate: number, head: number): boolean => {
    reset();
    outb(0x3f7, rate);
    send(0xe6, head << 2, 0, head, 1, 2, 1, 0x1b, 0xff);
    return inb(0x3f4) === 0x10;
  };
  let dataRate = -1;
  for (let r = 0; r < 4 && dataRate < 0; r++) if (waits(r, 0)) dataRate = r;
  return { cmosType: cmos >> 4, sectorsPerTrack: dump[6]!, lastCylinder, dataRate, twoHeads: dataRate >= 0 && waits(dataRate, 1) };
}

const want = JSON.parse(readFileSync(fixturePath('qemu-7.2', 'fd-geometry', 'geometry.json'), 'utf8')) as Record<string, Geometry>;
const dir = mkdtempSync(join(tmpdir(), 'fwlab-fd-geometry-'));

for (const [sectors, expected] of Object.entries(want)) {
  test(`a ${sectors}-sector image as -fda: drive type, geometry and data rate as QEMU 7.2's`, (t) => {
    const img = join(dir, `${sectors}.img`);
    writeFileSync(img, new Uint8Array(Number(sectors) * 512));
    const m = createMachine(['-machine', 'pc', '-nodefaults', '-drive', `file=${img},if=floppy,format=raw`]);
    m.reset();
    t.deepEqual(geometry(m), expected);
  });
}
