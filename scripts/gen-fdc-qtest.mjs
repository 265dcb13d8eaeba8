#!/usr/bin/env node
// Writes the qtest scripts that drive QEMU 7.2's isa-fdc and i8257 ISA DMA from reset, the way a
// floppy driver does (MSR polled before each FIFO byte, results read out): with the floppy probe
// image as drive A (pc and q35 with -fda), with QEMU's default empty drive A (pc), and with no
// drive (pc -nodefaults): test/fixtures/qtest/fdc-*.qtest. Then
// `node scripts/record-qtest.mjs FILE.qtest` records what real QEMU answers (the .trace files).
// QEMU runs with -S: the virtual clock stands still, so READ ID (a 20 ms timer) never completes
// there; those recordings show it busy and a reset ending it. fdc-readid-pc runs QEMU on a halting
// firmware instead (`# run: halted-cpu`), so READ ID completes during its `#wait`s.
// Usage: node scripts/gen-fdc-qtest.mjs
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const out = (name) => fileURLToPath(new URL(`../test/fixtures/qtest/${name}`, import.meta.url));
const hex = (n) => `0x${n.toString(16)}`;
const IMG = 'guest-images/floppy-probe.img';

let L_WAIT = () => {};

function script(header, build) {
  const L = [header];
  L_WAIT = () => L.push('#wait 100');
  const c = (text) => L.push(`# ${text}`);
  const outb = (p, v) => L.push(`outb ${hex(p)} ${hex(v)}`);
  const inb = (p) => L.push(`inb ${hex(p)}`);
  const regs = () => { for (const p of [0x3f0, 0x3f1, 0x3f2, 0x3f3, 0x3f4, 0x3f7]) inb(p); inb(0x20); };
  /** A command: MSR before every byte, then MSR and `results` FIFO reads, then MSR again. */
  const cmd = (name, bytes, results) => {
    c(name);
    for (const b of bytes) { inb(0x3f4); outb(0x3f5, b); }
    inb(0x3f4);
    for (let i = 0; i < results; i++) inb(0x3f5);
    inb(0x3f4);
  };
  const senseInt = (n = 1) => { for (let i = 0; i < n; i++) cmd('SENSE INTERRUPT STATUS', [0x08], 2); };
  /** The 8237 channel 2 as SeaBIOS's dma_floppy programs it (mode 46h read to memory, 4Ah write from memory). */
  const dma2 = (addr, count, mode, unmask = true) => {
    c(`DMA channel 2: ${hex(addr)} ${count} bytes mode ${hex(mode)}`);
    outb(0x0a, 0x06); outb(0x0c, 0); outb(0x04, addr & 0xff); outb(0x04, (addr >> 8) & 0xff);
    outb(0x0c, 0); outb(0x05, (count - 1) & 0xff); outb(0x05, ((count - 1) >> 8) & 0xff);
    outb(0x0b, mode); outb(0x81, addr >> 16);
    if (unmask) outb(0x0a, 0x02);
  };
  const dmaState = () => { outb(0x0c, 0); inb(0x04); inb(0x04); inb(0x05); inb(0x05); inb(0x08); inb(0x09); };
  const mem = (addr, len) => L.push(`read ${hex(addr)} ${len}`);
  build({ c, outb, inb, regs, cmd, senseInt, dma2, dmaState, mem });
  return L.join('\n') + '\n';
}

const rw = (op, drive, c, h, r, eot) => [op, (h << 2) | drive, c, h, r, 2, eot, 0x1b, 0xff];

const withImage = (machine) => script(`# qemu: -machine ${machine} -nodefaults -snapshot -fda ${IMG}`, ({ c, outb, inb, regs, cmd, senseInt, dma2, dmaState, mem }) => {
  c('from reset: SRA (not decoded), SRB, DOR, TDR, MSR, DIR; the PIC IRR');
  regs();
  c('DOR without nRESET, then reading the MSR takes the controller out of reset without a reset');
  outb(0x3f2, 0x00); inb(0x3f2); inb(0x3f4); inb(0x3f2); inb(0x20);
  c('DOR reset and release: an interrupt and four SENSE INTERRUPT STATUS answers, then an invalid one');
  outb(0x3f2, 0x00); outb(0x3f2, 0x0c); regs();
  senseInt(4);
  cmd('SENSE INTERRUPT STATUS with nothing pending', [0x08], 1);
  cmd('SPECIFY', [0x03, 0xaf, 0x02], 0);
  cmd('VERSION', [0x10], 1);
  cmd('DUMPREG', [0x0e], 10);
  cmd('CONFIGURE (implied seek, FIFO on, threshold 8), precompensation track 0', [0x13, 0x00, 0x57, 0x00], 0);
  cmd('PERPENDICULAR MODE', [0x12, 0x83], 0);
  cmd('LOCK', [0x94], 1);
  cmd('DUMPREG', [0x0e], 10);
  cmd('UNLOCK', [0x14], 1);
  cmd('PART ID', [0x18], 1);
  cmd('POWERDOWN MODE', [0x17, 0x00], 1);
  cmd('OPTION', [0x33, 0x00], 0);
  cmd('SAVE', [0x2e], 15);
  cmd('an unknown opcode (1Fh)', [0x1f], 1);
  cmd('FORMAT AND WRITE (not modelled)', [0xcd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 1);
  c('motor on, drive 0 selected');
  outb(0x3f2, 0x1c); inb(0x3f1); inb(0x3f2);
  cmd('SENSE DRIVE STATUS drive 0 head 1', [0x04, 0x04], 1);
  cmd('RECALIBRATE', [0x07, 0x00], 0);
  inb(0x20); senseInt();
  cmd('SEEK to cylinder 5', [0x0f, 0x00, 5], 0);
  inb(0x3f7); senseInt();
  cmd('SEEK past the last cylinder (90)', [0x0f, 0x00, 90], 0);
  senseInt();
  cmd('SENSE DRIVE STATUS drive 0', [0x04, 0x00], 1);
  dma2(0x1000, 512, 0x46, false);
  cmd('READ DATA C5 H0 R1 (DMA masked: the command waits)', rw(0xe6, 0, 5, 0, 1, 18), 0);
  dmaState();
  c('unmask channel 2: the sector moves');
  outb(0x0a, 0x02); inb(0x3f4);
  for (let i = 0; i < 7; i++) inb(0x3f5);
  inb(0x3f4); dmaState(); mem(0x1000, 16); mem(0x11f0, 16); mem(0x1200, 16);
  dma2(0x2000, 1024, 0x46);
  cmd('READ DATA multi-track C0 H1 R18, two sectors (to C1 H0 R1)', rw(0xe6, 0, 0, 1, 18, 18), 7);
  dmaState(); mem(0x2000, 8); mem(0x2200, 8); mem(0x23f8, 8);
  dma2(0x3000, 18 * 512, 0x46);
  cmd('READ DATA C2 H0 R1..18 without MT: the end of the track ends it', rw(0x46, 0, 2, 0, 1, 18), 7);
  dmaState(); mem(0x3000, 4); mem(0x3000 + 17 * 512, 4);
  dma2(0x2000, 512, 0x46);
  cmd('READ DATA sector 19 of an 18-sector track', rw(0xe6, 0, 0, 0, 19, 19), 7);
  dma2(0x2000, 512, 0x46);
  cmd('READ DATA cylinder 81', rw(0xe6, 0, 81, 0, 1, 18), 7);
  c('CCR 250 kb/s: the 1.44 MB medium does not answer');
  outb(0x3f7, 0x02);
  dma2(0x2000, 512, 0x46);
  cmd('READ DATA at the wrong data rate', rw(0xe6, 0, 0, 0, 1, 18), 7);
  outb(0x3f7, 0x00);
  dma2(0x1000, 512, 0x4a);
  cmd('WRITE DATA C79 H1 R18 from 0x1000', rw(0xc5, 0, 79, 1, 18, 18), 7);
  dmaState();
  dma2(0x4000, 512, 0x46);
  cmd('READ DATA it back', rw(0xe6, 0, 79, 1, 18, 18), 7);
  mem(0x4000, 16); mem(0x41f0, 16);
  cmd('VERIFY C3 H0 R1..2 (DMA)', rw(0xd6, 0, 3, 0, 1, 2), 7);
  dma2(0x2000, 512, 0x46);
  cmd('READ DELETED DATA (QEMU ends it at once)', rw(0xcc, 0, 0, 0, 1, 18), 7);
  cmd('READ DATA on drive 1 (no drive)', rw(0xe6, 1, 0, 0, 1, 18), 7);
  cmd('SENSE DRIVE STATUS drive 1', [0x04, 0x01], 1);
  outb(0x3f2, 0x1c);
  cmd('READ ID head 0 (completes after 20 ms of virtual time: the clock stands still here)', [0x4a, 0x00], 0);
  inb(0x3f4); inb(0x3f5); inb(0x20);
  c('DSR software reset ends it');
  outb(0x3f4, 0x80); inb(0x3f4);
  senseInt(4);
  cmd('SPECIFY non-DMA', [0x03, 0xaf, 0x03], 0);
  cmd('DUMPREG', [0x0e], 10);
  cmd('READ DATA C0 H0 R3 through the FIFO (non-DMA)', rw(0xe6, 0, 0, 0, 3, 3), 0);
  for (let i = 0; i < 512; i++) inb(0x3f5);
  inb(0x3f4);
  for (let i = 0; i < 7; i++) inb(0x3f5);
  inb(0x3f4);
  cmd('WRITE DATA C78 H0 R1 through the FIFO', rw(0xc5, 0, 78, 0, 1, 1), 0);
  for (let i = 0; i < 512; i++) outb(0x3f5, i & 0xff);
  inb(0x3f4);
  for (let i = 0; i < 7; i++) inb(0x3f5);
  cmd('SPECIFY DMA', [0x03, 0xaf, 0x02], 0);
  dma2(0x5000, 512, 0x46);
  cmd('READ DATA C78 H0 R1', rw(0xe6, 0, 78, 0, 1, 1), 7);
  mem(0x5000, 16); mem(0x51f0, 16);
  cmd('FORMAT TRACK (QEMU formats nothing; it takes the sector count as the geometry)', [0x4d, 0x00, 0x02, 0x09, 0x1b, 0xf6], 7);
  cmd('DUMPREG', [0x0e], 10);
  c('TDR boot select: drive units swap');
  outb(0x3f3, 0x04); inb(0x3f3);
  cmd('SENSE DRIVE STATUS unit 0', [0x04, 0x00], 1);
  outb(0x3f3, 0x00);
  c('DSR power down: a reset');
  outb(0x3f4, 0x40); inb(0x3f4);
  senseInt(4);
  c('the second 8237: channel 5 address and count, its page register, mask and status');
  outb(0xd8, 0); outb(0xc4, 0x34); outb(0xc4, 0x12); outb(0xc6, 0x78); outb(0xc6, 0x56); outb(0x8b, 0x9a);
  outb(0xd8, 0); inb(0xc4); inb(0xc4); inb(0xc6); inb(0xc6); inb(0x8b); inb(0xd2); inb(0xd0);
  outb(0xd4, 0x01); inb(0xd2); outb(0xde, 0x0a); inb(0xd2); outb(0xdc, 0); inb(0xd2);
  c('the first 8237: master clear, mask, pages, request register');
  outb(0x0d, 0); inb(0x09); inb(0x08); outb(0x87, 0x11); outb(0x83, 0x22); outb(0x82, 0x33); inb(0x87); inb(0x83); inb(0x81); inb(0x82);
  outb(0x09, 0x06); inb(0x08); outb(0x0e, 0); inb(0x09); inb(0x08);
});

const emptyOrNone = (header) => script(header, ({ c, outb, inb, regs, cmd, senseInt, dma2, dmaState }) => {
  c('from reset');
  regs();
  outb(0x3f2, 0x00); outb(0x3f2, 0x0c); regs();
  senseInt(4);
  cmd('SENSE DRIVE STATUS', [0x04, 0x00], 1);
  cmd('DUMPREG', [0x0e], 10);
  outb(0x3f2, 0x1c);
  cmd('RECALIBRATE', [0x07, 0x00], 0);
  senseInt();
  cmd('SEEK to cylinder 10', [0x0f, 0x00, 10], 0);
  senseInt(); inb(0x3f7);
  dma2(0x1000, 512, 0x46);
  cmd('READ DATA', rw(0xe6, 0, 10, 0, 1, 18), 7);
  dmaState();
  dma2(0x1000, 512, 0x4a);
  cmd('WRITE DATA', rw(0xc5, 0, 0, 0, 1, 18), 7);
  cmd('READ DATA head 1', rw(0xe6, 0, 0, 1, 1, 18), 7);
  cmd('SENSE DRIVE STATUS drive 1', [0x04, 0x01], 1);
  cmd('READ ID', [0x4a, 0x00], 0);
  inb(0x3f4);
  outb(0x3f4, 0x80);
  senseInt(4);
});

const readId = script(`# qemu: -machine pc -nodefaults -snapshot -fda ${IMG}\n# run: halted-cpu`, ({ c, outb, inb, cmd, senseInt }) => {
  const WAIT = '#wait 100';
  const readIdCmd = (name, head) => {
    cmd(name, [0x4a, head << 2], 0);
    inb(0x3f4);
    c('let 20 ms of virtual time pass');
    // A pause, not a command (scripts/record-qtest.mjs).
    cmdWait();
    inb(0x3f4);
    for (let i = 0; i < 7; i++) inb(0x3f5);
    inb(0x3f4);
  };
  let cmdWait = () => {};
  outb(0x3f2, 0x00); outb(0x3f2, 0x1c);
  senseInt(4);
  cmd('SPECIFY', [0x03, 0xaf, 0x02], 0);
  cmd('RECALIBRATE', [0x07, 0x00], 0);
  senseInt();
  cmdWait = () => L_WAIT();
  readIdCmd('READ ID head 0 at 500 kb/s', 0);
  readIdCmd('READ ID again: the sector under the head moved on', 0);
  cmd('SEEK to cylinder 3', [0x0f, 0x00, 3], 0);
  senseInt();
  readIdCmd('READ ID head 1', 1);
  c('CCR 1 Mb/s: the 1.44 MB medium does not answer');
  outb(0x3f7, 0x03);
  readIdCmd('READ ID at the wrong data rate', 0);
  outb(0x3f7, 0x00);
  cmd('READ ID on drive 1 (no drive: the selected drive 0 answers)', [0x4a, 0x01], 0);
  cmdWait();
  inb(0x3f4);
  for (let i = 0; i < 7; i++) inb(0x3f5);
  cmd('DUMPREG', [0x0e], 10);
});

writeFileSync(out('fdc-pc.qtest'), withImage('pc'));
writeFileSync(out('fdc-readid-pc.qtest'), readId);
writeFileSync(out('fdc-q35.qtest'), withImage('q35'));
writeFileSync(out('fdc-empty-pc.qtest'), emptyOrNone('# qemu: -machine pc'));
writeFileSync(out('fdc-nodrive-pc.qtest'), emptyOrNone('# qemu: -machine pc -nodefaults'));
