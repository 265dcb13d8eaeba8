#!/usr/bin/env node
// What QEMU 7.2's isa-fdc makes of floppy images of each size (its fd_formats choice for an "auto"
// drive): for a zero-filled raw image of N sectors as -fda, through qtest with the CPU stopped, the
// CMOS drive type (10h), the sectors per track (DUMPREG byte 6), the last cylinder a SEEK reaches
// (seeks past it leave the head: SENSE INTERRUPT tells where it is), the data rate the medium answers
// at and whether head 1 exists (READ DATA with DMA masked waits for DMA only when the sector is there
// at the programmed rate; otherwise it ends at once). Writes test/fixtures/qemu-7.2/fd-geometry/geometry.json.
// Usage: node scripts/capture-fd-geometry.mjs
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** Image sizes in sectors: the standard formats, a few of QEMU's extended ones, and sizes no format has. */
export const SIZES = [320, 360, 640, 720, 1440, 1600, 2400, 2880, 3360, 3444, 5760, 1000, 3000];

const tmp = mkdtempSync(join(tmpdir(), 'fd-geometry-'));

async function probe(sectors) {
  const img = join(tmp, `${sectors}.img`);
  writeFileSync(img, Buffer.alloc(sectors * 512));
  const qemu = spawn('qemu-system-x86_64', ['-machine', 'pc', '-nodefaults', '-S', '-display', 'none',
    '-drive', `file=${img},if=floppy,format=raw`, '-qtest', 'stdio', '-qtest-log', '/dev/null']);
  const lines = createInterface({ input: qemu.stdout });
  const replies = [];
  let wake;
  lines.on('line', (l) => { if (!l.startsWith('IRQ')) { replies.push(l); wake?.(); } });
  const ask = async (cmd) => {
    qemu.stdin.write(cmd + '\n');
    while (replies.length === 0) await new Promise((r) => { wake = r; });
    return replies.shift();
  };
  const inb = async (p) => parseInt((await ask(`inb ${p}`)).split(' ')[1], 16);
  const outb = (p, v) => ask(`outb ${p} ${v}`);
  const r = await geometry({ inb, outb });
  qemu.kill();
  return r;
}

/** The port sequence; the test (test/devices/fd-geometry.test.ts) performs the same on fwlab. */
export async function geometry({ inb, outb }) {
  await outb(0x70, 0x10);
  const cmos = await inb(0x71);
  const send = async (...bytes) => { for (const b of bytes) await outb(0x3f5, b); };
  const read = async (n) => { const out = []; for (let i = 0; i < n; i++) out.push(await inb(0x3f5)); return out; };
  const reset = async () => { await outb(0x3f4, 0x80); for (let i = 0; i < 4; i++) { await send(0x08); await read(2); } };
  await outb(0x3f2, 0x1c);
  await send(0x0e);
  const dump = await read(10);
  // Seeks past the last cylinder leave the head where it was.
  let lastTrack = 0;
  for (let t = 30; t <= 90; t++) {
    await send(0x0f, 0x00, t);
    await send(0x08);
    [, lastTrack] = await read(2);
  }
  // READ DATA (DMA masked) waits for the DMA only when the sector is there at the programmed data rate.
  const waits = async (rate, head) => {
    await reset();
    await outb(0x3f7, rate);
    await send(0xe6, head << 2, 0, head, 1, 2, 1, 0x1b, 0xff);
    return (await inb(0x3f4)) === 0x10;
  };
  let rate = -1;
  for (let r = 0; r < 4 && rate < 0; r++) if (await waits(r, 0)) rate = r;
  const twoHeads = rate >= 0 && await waits(rate, 1);
  return { cmosType: cmos >> 4, sectorsPerTrack: dump[6], lastCylinder: lastTrack, dataRate: rate, twoHeads };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = {};
  for (const n of SIZES) out[n] = await probe(n);
  writeFileSync(fileURLToPath(new URL('../test/fixtures/qemu-7.2/fd-geometry/geometry.json', import.meta.url)), JSON.stringify(out, null, 1) + '\n');
  console.log(out);
}
