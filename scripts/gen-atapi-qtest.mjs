#!/usr/bin/env node
// Writes the qtest scripts that drive an ATAPI CD-ROM (QEMU 7.2's ide-cd) through the PIIX IDE
// channel (pc, secondary master, PIO) and through ICH9 AHCI port 2 (q35, DMA and PIO), with the El
// Torito probe ISO as medium and empty (QEMU's default CD-ROM): test/fixtures/qtest/atapi-*.qtest.
// Then `node scripts/record-qtest.mjs FILE.qtest` records what real QEMU answers (the .trace files).
// Usage: node scripts/gen-atapi-qtest.mjs
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const out = (name) => fileURLToPath(new URL(`../test/fixtures/qtest/${name}`, import.meta.url));
const hex = (n) => `0x${n.toString(16)}`;
const ISO = 'guest-images/eltorito-probe.iso';

/** The packets (SCSI/MMC CDBs, 12 bytes) each run sends, with the bytes the device may return. */
const be32 = (n) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const PACKETS = [
  ['TEST UNIT READY', [0x00], 0],
  ['REQUEST SENSE', [0x03, 0, 0, 0, 18], 18],
  ['TEST UNIT READY again', [0x00], 0],
  ['INQUIRY', [0x12, 0, 0, 0, 36], 36],
  ['READ CAPACITY(10)', [0x25], 8],
  ['READ(10) LBA 16, 1 block', [0x28, 0, ...be32(16), 0, 0, 1], 2048],
  ['READ(10) LBA 20, 2 blocks', [0x28, 0, ...be32(20), 0, 0, 2], 4096],
  ['READ(12) LBA 22, 1 block', [0xa8, 0, ...be32(22), ...be32(1)], 2048],
  ['READ(10) 0 blocks', [0x28, 0, ...be32(17), 0, 0, 0], 0],
  ['MODE SENSE(10) capabilities page 2Ah', [0x5a, 0, 0x2a, 0, 0, 0, 0, 0, 0x1c], 0x1c],
  ['MODE SENSE(10) all pages', [0x5a, 0, 0x3f, 0, 0, 0, 0, 0, 0xff], 0xff],
  ['MODE SENSE(10) error recovery page 01h', [0x5a, 0, 0x01, 0, 0, 0, 0, 0, 0x10], 0x10],
  ['MODE SENSE(10) saved values', [0x5a, 0, 0xea, 0, 0, 0, 0, 0, 0x1c], 0x1c],
  ['READ TOC format 0 in MSF', [0x43, 2, 0, 0, 0, 0, 0, 0, 0x14], 0x14],
  ['READ TOC format 1 (sessions, in byte 9 as SFF-8020 has it)', [0x43, 0, 0, 0, 0, 0, 0, 0, 0x0c, 0x40], 0x0c],
  ['GET CONFIGURATION', [0x46, 0, 0, 0, 0, 0, 0, 0, 0x20], 0x20],
  ['READ TOC format 0', [0x43, 0, 0, 0, 0, 0, 0, 0, 0x14], 0x14],
  ['GET EVENT STATUS NOTIFICATION media', [0x4a, 1, 0, 0, 0x10, 0, 0, 0, 8], 8],
  ['PREVENT ALLOW MEDIUM REMOVAL prevent', [0x1e, 0, 0, 0, 1], 0],
  ['PREVENT ALLOW MEDIUM REMOVAL allow', [0x1e, 0, 0, 0, 0], 0],
  ['READ(10) past the end', [0x28, 0, ...be32(1000), 0, 0, 1], 2048],
  ['REQUEST SENSE after the error', [0x03, 0, 0, 0, 18], 18],
  ['an opcode the device does not know (0xFF)', [0xff], 0],
  ['REQUEST SENSE after it', [0x03, 0, 0, 0, 18], 18],
  ['INQUIRY short allocation', [0x12, 0, 0, 0, 5], 5],
  ['START STOP UNIT start', [0x1b, 0, 0, 0, 1], 0],
  ['READ DISC INFORMATION', [0x51, 0, 0, 0, 0, 0, 0, 0, 0x20], 0x20],
  ['MECHANISM STATUS', [0xbd, 0, 0, 0, 0, 0, 0, 0, 0, 8], 8],
];
/** Lets QEMU's thread pool finish a sector read before the next command (scripts/record-qtest.mjs). */
const WAIT = '#wait 20';
const cdb = (bytes) => [...bytes, ...new Array(12 - bytes.length).fill(0)];

// ---- IDE (pc): secondary channel, master ----
function ide(header, comment) {
  const L = [header, comment];
  const CMD = 0x170;
  const regs = () => { for (let r = 1; r <= 7; r++) L.push(`inb ${hex(CMD + r)}`); L.push('inb 0x376'); };
  L.push('# from reset: the taskfile, the signature of a packet device in the cylinder registers');
  L.push(`outb ${hex(CMD + 6)} 0xa0`);
  regs();
  L.push('# IDENTIFY DEVICE: aborted, the signature stays');
  L.push(`outb ${hex(CMD + 7)} 0xec`);
  regs();
  L.push('# IDENTIFY PACKET DEVICE: 256 words');
  L.push(`outb ${hex(CMD + 7)} 0xa1`);
  regs();
  for (let i = 0; i < 128; i++) L.push(`inl ${hex(CMD)}`);
  regs();
  const packet = (name, bytes, length, limit) => {
    L.push(`# PACKET ${name} (byte count limit ${hex(limit)})`);
    L.push(`outb ${hex(CMD + 1)} 0x0`);
    L.push(`outb ${hex(CMD + 4)} ${hex(limit & 0xff)}`);
    L.push(`outb ${hex(CMD + 5)} ${hex(limit >> 8)}`);
    L.push(`outb ${hex(CMD + 7)} 0xa0`);
    regs();
    const c = cdb(bytes);
    for (let i = 0; i < 12; i += 2) L.push(`outw ${hex(CMD)} ${hex(c[i] | (c[i + 1] << 8))}`);
    L.push(WAIT);
    regs();
    let left = length;
    while (left > 0) {
      const block = Math.min(left, limit);
      for (let i = 0; i + 4 <= block; i += 4) L.push(`inl ${hex(CMD)}`);
      if (block % 4 >= 2) L.push(`inw ${hex(CMD)}`);
      left -= block;
      L.push(WAIT);
      regs();
    }
  };
  // An odd allocation length would leave a byte no 16/32-bit read can take (QEMU then keeps DRQ).
  for (const [name, bytes, length] of PACKETS) {
    if (length === 5) packet(`${name} (6 bytes)`, [0x12, 0, 0, 0, 6], 6, 0x800);
    else packet(name, bytes, length, 0x800);
  }
  packet('READ(10) LBA 20, 2 blocks, in 512-byte DRQ blocks', [0x28, 0, ...be32(20), 0, 0, 2], 4096, 0x200);
  L.push('# DEVICE RESET (08h), then a software reset of the channel: the signature again');
  L.push(`outb ${hex(CMD + 7)} 0x08`);
  regs();
  L.push('outb 0x376 0x4');
  L.push('outb 0x376 0x0');
  regs();
  L.push('# the slave (absent): reads as no device');
  L.push(`outb ${hex(CMD + 6)} 0xb0`);
  regs();
  return L.join('\n') + '\n';
}

// ---- AHCI (q35): port 2 ----
const ABAR = 0xfebf1000;
const P = ABAR + 0x100 + 2 * 0x80;
const LIST = 0x100000;
const FIS = 0x100400;
const TABLE = 0x100800;
const BUF = 0x110000;
function ahci(header, comment) {
  const L = [header, comment];
  L.push('outl 0xcf8 0x8000fa24', `outl 0xcfc ${hex(ABAR)}`, 'outl 0xcf8 0x8000fa04', 'outl 0xcfc 0x6');
  const portRegs = () => { for (const r of [0x10, 0x18, 0x20, 0x24, 0x28, 0x30, 0x38]) L.push(`readl ${hex(P + r)}`); L.push(`readl ${hex(ABAR + 8)}`); };
  L.push('# port 2 from reset, then command list, FIS area, FRE (the first D2H FIS: the ATAPI signature), ST');
  portRegs();
  L.push(`writel ${hex(P)} ${hex(LIST)}`, `writel ${hex(P + 8)} ${hex(FIS)}`, `writel ${hex(P + 0x18)} 0x16`);
  portRegs();
  L.push(`read ${hex(FIS)} 0x100`);
  L.push(`writel ${hex(P + 0x30)} 0xffffffff`, `writel ${hex(P + 0x10)} 0xffffffff`, `writel ${hex(P + 0x18)} 0x17`);
  portRegs();
  let slot = 0;
  const issue = (name, fis, { atapi = false, acmd, bytes = 0, write = false }) => {
    L.push(`# ${name}`);
    const prdtl = bytes > 0 ? 1 : 0;
    const hdr = 5 | (atapi ? 1 << 5 : 0) | (write ? 1 << 6 : 0) | (prdtl << 16);
    const at = LIST + slot * 32;
    L.push(`writel ${hex(at)} ${hex(hdr)}`, `writel ${hex(at + 4)} 0x0`, `writel ${hex(at + 8)} ${hex(TABLE)}`, `writel ${hex(at + 12)} 0x0`);
    const f = [0x27, 0x80, ...fis, ...new Array(18 - fis.length).fill(0)];
    L.push(`write ${hex(TABLE)} 0x14 0x${Buffer.from(f).toString('hex')}`);
    if (acmd) L.push(`write ${hex(TABLE + 0x40)} 0x10 0x${Buffer.from([...cdb(acmd), 0, 0, 0, 0]).toString('hex')}`);
    if (prdtl) {
      L.push(`memset ${hex(BUF)} ${hex(bytes)} 0xa5`);
      L.push(`writel ${hex(TABLE + 0x80)} ${hex(BUF)}`, `writel ${hex(TABLE + 0x84)} 0x0`, `writel ${hex(TABLE + 0x88)} 0x0`,
        `writel ${hex(TABLE + 0x8c)} ${hex(bytes - 1)}`);
    }
    L.push(`writel ${hex(P + 0x10)} 0xffffffff`, `writel ${hex(P + 0x38)} ${hex((1 << slot) >>> 0)}`, WAIT);
    portRegs();
    L.push(`readl ${hex(at + 4)}`, `read ${hex(FIS)} 0x60`);
    if (bytes > 0) L.push(`read ${hex(BUF)} ${hex(bytes)}`);
    // After an error the port halts: SeaBIOS's recovery (ST off, SERR, IS, ST on).
    L.push(`writel ${hex(P + 0x18)} 0x16`, `writel ${hex(P + 0x30)} 0xffffffff`, `writel ${hex(P + 0x10)} 0xffffffff`, `writel ${hex(P + 0x18)} 0x17`);
    slot = (slot + 1) % 32;
  };
  issue('IDENTIFY DEVICE: aborted by a packet device', [0xec], { bytes: 512 });
  issue('IDENTIFY PACKET DEVICE (PIO data-in)', [0xa1], { bytes: 512 });
  const limit = [0, 0, 0, 0, 0x08];
  for (const [name, bytes, length] of PACKETS) {
    // DMA (features bit 0) as SeaBIOS and Linux's libata do for reads; data-less commands without PRDT.
    issue(`PACKET ${name}, DMA`, [0xa0, 1, ...limit.slice(2)], { atapi: true, acmd: bytes, bytes: length });
  }
  issue('PACKET READ(10) LBA 20, 2 blocks, PIO (PIO Setup FISes)', [0xa0, 0, 0, 0, 0x08], { atapi: true, acmd: [0x28, 0, ...be32(20), 0, 0, 2], bytes: 4096 });
  issue('PACKET INQUIRY, PIO', [0xa0, 0, 0, 0, 0x08], { atapi: true, acmd: [0x12, 0, 0, 0, 36], bytes: 36 });
  issue('PACKET READ(10) LBA 16 with a PRDT of 1 KiB (shorter than the data)', [0xa0, 1], { atapi: true, acmd: [0x28, 0, ...be32(16), 0, 0, 1], bytes: 1024 });
  issue('PACKET without the ATAPI bit in the command header', [0xa0, 1], { acmd: [0x12, 0, 0, 0, 36], bytes: 36 });
  return L.join('\n') + '\n';
}

writeFileSync(out('atapi-ide-pc.qtest'), ide(`# qemu: -machine pc -nodefaults -cdrom ${ISO}`,
  '# -cdrom: ide1-cd0 (secondary master) with the El Torito probe ISO; packets through PIO (generated by scripts/gen-atapi-qtest.mjs)'));
writeFileSync(out('atapi-ide-empty-pc.qtest'), ide('# qemu: -machine pc',
  "# QEMU's default machine: an empty ide-cd on ide1-cd0 (NOT READY, medium not present) (generated by scripts/gen-atapi-qtest.mjs)"));
writeFileSync(out('atapi-ahci-q35.qtest'), ahci(`# qemu: -machine q35 -nodefaults -cdrom ${ISO}`,
  '# -cdrom: ide-cd on AHCI port 2 with the El Torito probe ISO (generated by scripts/gen-atapi-qtest.mjs)'));
writeFileSync(out('atapi-ahci-empty-q35.qtest'), ahci('# qemu: -machine q35',
  "# QEMU's default q35: an empty ide-cd on AHCI port 2 (generated by scripts/gen-atapi-qtest.mjs)"));
console.error('atapi-*.qtest written');
