#!/usr/bin/env node
// Writes the qtest scripts that drive the PIIX IDE bus master (BAR4, QEMU 7.2's hw/ide/piix.c + pci.c) on
// the pc machine without a guest: BAR4 and the command register set through config space, PRD tables
// written to RAM, READ/WRITE DMA (C8h/CAh) and their EXT forms (25h/35h) on a raw disk (primary
// master), PACKET with the DMA feature bit on a CD (secondary master), PRD tables shorter and longer than
// the transfer, and DMA with bus mastering disabled: test/fixtures/qtest/bmdma-*.qtest.
// Then `node scripts/record-qtest.mjs FILE.qtest` records what real QEMU answers (the .trace files).
// Usage: node scripts/gen-bmdma-qtest.mjs
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const out = (name) => fileURLToPath(new URL(`../test/fixtures/qtest/${name}`, import.meta.url));
const hex = (n) => `0x${n.toString(16)}`;
const OPTIONS = '-machine pc -nodefaults -drive file=guest-images/bootsect-hello.img,format=raw,snapshot=on -cdrom guest-images/eltorito-probe.iso';
const BMIBA = 0xc000;
const CFG = 0x80000900; // 00:01.1
const PRD = 0x10000;
/** Lets QEMU's block layer finish a request before the next command (scripts/record-qtest.mjs). */
const WAIT = '#wait 20';
const be32 = (n) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];

function session(L, command) {
  L.push('# BAR4 (BMIBA) and the command register through config space');
  L.push(`outl 0xcf8 ${hex(CFG + 0x20)}`, `outl 0xcfc ${hex(BMIBA)}`, `outl 0xcf8 ${hex(CFG + 0x20)}`, 'inl 0xcfc');
  L.push(`outl 0xcf8 ${hex(CFG + 4)}`, `outw 0xcfc ${hex(command)}`, 'inw 0xcfc');
}
const channel = (L, ch) => {
  const cmd = ch ? 0x170 : 0x1f0;
  const ctl = ch ? 0x376 : 0x3f6;
  const bm = BMIBA + ch * 8;
  const bmRegs = () => L.push(`inb ${hex(bm)}`, `inb ${hex(bm + 2)}`, `inl ${hex(bm + 4)}`);
  const regs = () => { for (let r = 1; r <= 6; r++) L.push(`inb ${hex(cmd + r)}`); L.push(`inb ${hex(ctl)}`); bmRegs(); L.push(`inb ${hex(cmd + 7)}`); };
  const prd = (entries) => entries.forEach(([addr, count, last], i) => L.push(`writel ${hex(PRD + 8 * i)} ${hex(addr)}`, `writel ${hex(PRD + 8 * i + 4)} ${hex(((last ? 0x80000000 : 0) | count) >>> 0)}`));
  const clear = () => L.push(`outb ${hex(bm)} 0x0`, `outb ${hex(bm + 2)} 0x66`);
  return { cmd, ctl, bm, bmRegs, regs, prd, clear };
};

function disk(L, { partialMaster = false } = {}) {
  const c = channel(L, 0);
  const { cmd, bm } = c;
  const taskfile = (select, count, lba, hob = false) => {
    L.push(`outb ${hex(cmd + 6)} ${hex(select)}`);
    if (hob) L.push(`outb ${hex(cmd + 2)} ${hex(count >> 8)}`, `outb ${hex(cmd + 3)} ${hex((lba >>> 24) & 0xff)}`, `outb ${hex(cmd + 4)} 0x0`, `outb ${hex(cmd + 5)} 0x0`);
    L.push(`outb ${hex(cmd + 2)} ${hex(count & 0xff)}`, `outb ${hex(cmd + 3)} ${hex(lba & 0xff)}`, `outb ${hex(cmd + 4)} ${hex((lba >> 8) & 0xff)}`, `outb ${hex(cmd + 5)} ${hex((lba >> 16) & 0xff)}`);
  };
  const dma = (name, { op, count, lba, entries, toMemory, startFirst = false, fill = [], chs }) => {
    L.push(`# ${name}`);
    for (const [addr, len, byte] of fill) L.push(`memset ${hex(addr)} ${hex(len)} ${hex(byte)}`);
    c.prd(entries);
    L.push(`outl ${hex(bm + 4)} ${hex(PRD)}`);
    const dir = toMemory ? 0x08 : 0x00;
    L.push(`outb ${hex(bm)} ${hex(dir)}`);
    if (startFirst) L.push(`outb ${hex(bm)} ${hex(dir | 1)}`);
    const ext = op === 0x25 || op === 0x35;
    if (chs) taskfile(0xa0 | chs[1], count, (chs[0] << 8) | chs[2]);
    else taskfile(ext ? 0x40 : 0xe0 | ((lba >>> 24) & 0x0f), count, lba, ext);
    L.push(`outb ${hex(cmd + 7)} ${hex(op)}`, WAIT);
    c.regs();
    if (!startFirst) { L.push(`outb ${hex(bm)} ${hex(dir | 1)}`, WAIT); c.regs(); }
    for (const [addr, len] of entries) L.push(`read ${hex(addr)} ${hex(len || 0x10000)}`);
    c.clear();
    c.bmRegs();
  };
  L.push('# the bus master registers from reset, at each width');
  for (const r of [0, 1, 2, 3, 4, 5, 6, 7, 8, 0xa, 0xc]) L.push(`inb ${hex(BMIBA + r)}`);
  L.push(`inw ${hex(BMIBA)}`, `inl ${hex(BMIBA)}`, `inw ${hex(BMIBA + 2)}`, `inw ${hex(BMIBA + 4)}`, `inl ${hex(BMIBA + 4)}`, `inl ${hex(BMIBA + 0xc)}`);
  L.push('# command: only bits 0 and 3 stick; status: bits 5/6 read/write, 0-2 not settable; PRD pointer: bits 1:0 read 0');
  L.push(`outb ${hex(bm)} 0xf6`, `inb ${hex(bm)}`, `outb ${hex(bm + 2)} 0xff`, `inb ${hex(bm + 2)}`, `outb ${hex(bm + 2)} 0x27`, `inb ${hex(bm + 2)}`);
  L.push(`outl ${hex(bm + 4)} 0x12345677`, `inl ${hex(bm + 4)}`, `outb ${hex(bm + 5)} 0xab`, `inl ${hex(bm + 4)}`, `outw ${hex(bm + 6)} 0xcdef`, `inl ${hex(bm + 4)}`,
    `outb ${hex(bm + 4)} 0xff`, `inl ${hex(bm + 4)}`, `inb ${hex(bm + 5)}`, `inw ${hex(bm + 6)}`);
  L.push(`outw ${hex(bm)} 0x1`, `inb ${hex(bm)}`, `outl ${hex(bm)} 0x1`, `inb ${hex(bm)}`, `outb ${hex(bm + 1)} 0x1`, `inb ${hex(bm + 1)}`, `inb ${hex(bm)}`);
  L.push(`outb ${hex(bm + 8 + 2)} 0x60`, `inb ${hex(bm + 8 + 2)}`, `inb ${hex(bm + 2)}`);
  L.push('# a PIO command\'s interrupt sets the interrupt bit; writing 1 clears it, writing 0 keeps it');
  L.push(`outb ${hex(cmd + 6)} 0xa0`, `outb ${hex(cmd + 7)} 0xec`, WAIT);
  c.regs();
  for (let i = 0; i < 128; i++) L.push(`inl ${hex(cmd)}`);
  c.regs();
  L.push(`outb ${hex(bm + 2)} 0x60`, `inb ${hex(bm + 2)}`, `outb ${hex(bm + 2)} 0x04`, `inb ${hex(bm + 2)}`);
  c.clear();
  if (partialMaster) return;
  dma('READ DMA LBA 0, 2 sectors, one PRD, the bus master started after the command', { op: 0xc8, count: 2, lba: 0, entries: [[0x20000, 1024, true]], toMemory: true, fill: [[0x20000, 1024, 0xa5]] });
  dma('READ DMA LBA 1, 1 sector, started before the command', { op: 0xc8, count: 1, lba: 1, entries: [[0x21000, 512, true]], toMemory: true, startFirst: true, fill: [[0x21000, 512, 0xa5]] });
  L.push('# a pattern to write');
  for (let i = 0; i < 1024; i += 4) L.push(`writel ${hex(0x30000 + i)} ${hex((0x11223300 + i) >>> 0)}`);
  dma('WRITE DMA LBA 100, 2 sectors from two PRDs', { op: 0xca, count: 2, lba: 100, entries: [[0x30000, 512, false], [0x30200, 512, true]], toMemory: false });
  dma('READ DMA LBA 100 back, 2 sectors', { op: 0xc8, count: 2, lba: 100, entries: [[0x40000, 1024, true]], toMemory: true, fill: [[0x40000, 1024, 0]] });
  dma('READ DMA EXT LBA 99, 3 sectors, PRDs of 512 and 1024 bytes', { op: 0x25, count: 3, lba: 99, entries: [[0x50000, 512, false], [0x60000, 1024, true]], toMemory: true, fill: [[0x50000, 512, 0xa5], [0x60000, 1024, 0xa5]] });
  dma('WRITE DMA EXT LBA 200, 1 sector (the odd byte count 0x201 moves 0x200)', { op: 0x35, count: 1, lba: 200, entries: [[0x30100, 0x201, true]], toMemory: false });
  dma('READ DMA EXT LBA 200 back', { op: 0x25, count: 1, lba: 200, entries: [[0x40400, 512, true]], toMemory: true, fill: [[0x40400, 512, 0]] });
  dma('READ DMA, 4 sectors, the PRD table covers 1 KiB (shorter): nothing moves, no interrupt', { op: 0xc8, count: 4, lba: 0, entries: [[0x70000, 1024, true]], toMemory: true, fill: [[0x70000, 1024, 0xa5]] });
  dma('READ DMA, 1 sector, the PRD table covers 4 KiB (longer): active stays set', { op: 0xc8, count: 1, lba: 1, entries: [[0x71000, 4096, true]], toMemory: true, fill: [[0x71000, 4096, 0xa5]] });
  dma('READ DMA, 128 sectors into one PRD of byte count 0 (64 KiB)', { op: 0xc8, count: 128, lba: 0, entries: [[0x100000, 0, true]], toMemory: true, fill: [[0x100000, 0x10000, 0xa5]] });
  dma('READ DMA, count 0 (256 sectors) into two PRDs of 64 KiB', { op: 0xc8, count: 0, lba: 0, entries: [[0x200000, 0, false], [0x210000, 0, true]], toMemory: true });
  dma('READ DMA past the end of the disk: aborted', { op: 0xc8, count: 2, lba: 2047, entries: [[0x72000, 1024, true]], toMemory: true, fill: [[0x72000, 1024, 0xa5]] });
  dma('WRITE DMA with the direction bit saying "to memory": QEMU goes by the command', { op: 0xca, count: 1, lba: 300, entries: [[0x30000, 512, true]], toMemory: true });
  dma('READ DMA LBA 300 back with the direction bit saying "from memory"', { op: 0xc8, count: 1, lba: 300, entries: [[0x73000, 512, true]], toMemory: false, fill: [[0x73000, 512, 0xa5]] });
  dma('READ DMA in CHS addressing: C/H/S 0/1/5, 2 sectors', { op: 0xc8, count: 2, lba: 0, entries: [[0x75000, 1024, true]], toMemory: true, fill: [[0x75000, 1024, 0xa5]], chs: [0, 1, 5] });
  L.push('# nIEN set: the command completes without an interrupt, so without the interrupt bit');
  L.push(`outb ${hex(c.ctl)} 0x2`);
  dma('READ DMA LBA 7 with nIEN', { op: 0xc8, count: 1, lba: 7, entries: [[0x76000, 512, true]], toMemory: true, fill: [[0x76000, 512, 0xa5]] });
  L.push(`outb ${hex(c.ctl)} 0x0`);
  L.push('# READ DMA, then the command register rewritten without START: the command stays pending until START');
  c.prd([[0x74000, 512, true]]);
  L.push(`memset 0x74000 0x200 0xa5`, `outl ${hex(bm + 4)} ${hex(PRD)}`, `outb ${hex(bm)} 0x8`);
  taskfile(0xe0, 1, 5);
  L.push(`outb ${hex(cmd + 7)} 0xc8`, WAIT);
  c.regs();
  L.push(`outb ${hex(bm)} 0x0`, WAIT);
  c.regs();
  L.push(`outb ${hex(bm)} 0x9`, WAIT);
  c.regs();
  L.push('read 0x74000 0x200');
  c.clear();
}

function cd(L, { last = true } = {}) {
  const c = channel(L, 1);
  const { cmd, bm } = c;
  const packet = (name, bytes, entries, { startFirst = false, fill = [] } = {}) => {
    L.push(`# PACKET ${name}, DMA`);
    for (const [addr, len, byte] of fill) L.push(`memset ${hex(addr)} ${hex(len)} ${hex(byte)}`);
    c.prd(entries);
    L.push(`outl ${hex(bm + 4)} ${hex(PRD)}`, `outb ${hex(bm)} 0x8`);
    if (startFirst) L.push(`outb ${hex(bm)} 0x9`);
    L.push(`outb ${hex(cmd + 6)} 0xa0`, `outb ${hex(cmd + 1)} 0x1`, `outb ${hex(cmd + 4)} 0x0`, `outb ${hex(cmd + 5)} 0x8`, `outb ${hex(cmd + 7)} 0xa0`);
    c.regs();
    const cdb = [...bytes, ...new Array(12 - bytes.length).fill(0)];
    for (let i = 0; i < 12; i += 2) L.push(`outw ${hex(cmd)} ${hex(cdb[i] | (cdb[i + 1] << 8))}`);
    L.push(WAIT);
    c.regs();
    if (!startFirst) { L.push(`outb ${hex(bm)} 0x9`, WAIT); c.regs(); }
    for (const [addr, len] of entries) L.push(`read ${hex(addr)} ${hex(len || 0x10000)}`);
    c.clear();
    c.bmRegs();
  };
  L.push('# the CD: TEST UNIT READY first (PIO, no data)');
  packet('TEST UNIT READY', [0x00], [], { startFirst: true });
  packet('READ(10) LBA 16, 1 block, started after the packet', [0x28, 0, ...be32(16), 0, 0, 1], [[0x80000, 2048, true]], { fill: [[0x80000, 2048, 0xa5]] });
  packet('READ(10) LBA 20, 2 blocks, started before, two PRDs', [0x28, 0, ...be32(20), 0, 0, 2], [[0x81000, 1024, false], [0x82000, 3072, true]], { startFirst: true, fill: [[0x81000, 1024, 0xa5], [0x82000, 3072, 0xa5]] });
  packet('READ(10) LBA 16, 1 block, PRD table of 8 KiB (longer)', [0x28, 0, ...be32(16), 0, 0, 1], [[0x84000, 8192, true]], { fill: [[0x84000, 8192, 0xa5]] });
  packet('INQUIRY (36 bytes)', [0x12, 0, 0, 0, 36], [[0x86000, 64, true]], { fill: [[0x86000, 64, 0xa5]] });
  packet('READ(10) past the end', [0x28, 0, ...be32(1000), 0, 0, 1], [[0x87000, 2048, true]], { fill: [[0x87000, 2048, 0xa5]] });
  packet('REQUEST SENSE', [0x03, 0, 0, 0, 18], [[0x88000, 18, true]], { fill: [[0x88000, 18, 0xa5]] });
  if (last) packet('READ(10) LBA 16, 2 blocks, PRD table of 3 KiB (shorter): the device stays busy', [0x28, 0, ...be32(16), 0, 0, 2], [[0x89000, 3072, true]], { fill: [[0x89000, 4096, 0xa5]] });
}

{
  const L = [`# qemu: ${OPTIONS}`, '# the PIIX IDE bus master with a disk on ide0 and a CD on ide1 (generated by scripts/gen-bmdma-qtest.mjs)'];
  session(L, 0x5);
  disk(L);
  cd(L);
  writeFileSync(out('bmdma-pc.qtest'), L.join('\n') + '\n');
}
{
  const L = [`# qemu: ${OPTIONS}`, '# the PIIX IDE bus master with bus mastering disabled in the command register (generated by scripts/gen-bmdma-qtest.mjs)'];
  session(L, 0x1);
  const c = channel(L, 0);
  L.push('# READ DMA, 1 sector: the PRD table and the data are out of reach');
  c.prd([[0x20000, 512, true]]);
  L.push('memset 0x20000 0x200 0xa5', `outl ${hex(c.bm + 4)} ${hex(PRD)}`, `outb ${hex(c.bm)} 0x9`);
  L.push('outb 0x1f6 0xe0', 'outb 0x1f2 0x1', 'outb 0x1f3 0x0', 'outb 0x1f4 0x0', 'outb 0x1f5 0x0', 'outb 0x1f7 0xc8', WAIT);
  c.regs();
  L.push('read 0x20000 0x200');
  c.clear();
  L.push('# bus mastering on again: the same read lands');
  L.push(`outl 0xcf8 ${hex(CFG + 4)}`, 'outw 0xcfc 0x5');
  L.push(`outb ${hex(c.bm)} 0x9`, 'outb 0x1f2 0x1', 'outb 0x1f3 0x0', 'outb 0x1f7 0xc8', WAIT);
  c.regs();
  L.push('read 0x20000 0x200');
  writeFileSync(out('bmdma-nomaster-pc.qtest'), L.join('\n') + '\n');
}
console.error('bmdma-*.qtest written');
