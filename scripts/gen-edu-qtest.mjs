#!/usr/bin/env node
// Writes the qtest scripts that drive QEMU 7.2's edu device (hw/misc/edu.c, docs/specs/edu.txt) and the
// chipsets' PCI interrupt routing without a guest: test/fixtures/qtest/edu-{pc,q35}.qtest (registers,
// factorial, INTx through PIIX3 PIRQRC[A-D] / ICH9 PIRQ[A-H] to the 8259 (its IRR read through OCW3)
// and, on q35, I/O APIC input 16-23 (Remote IRR of a level entry), Interrupt Disable, MSI instead of
// INTx) and edu-dma-pc.qtest (DMA to and from guest memory with its completion interrupt; QEMU runs it
// on a 100 ms virtual-clock timer, so that recording runs on the halting ROM with real waits).
// Then `node scripts/record-qtest.mjs FILE.qtest` records what real QEMU answers (the .trace files).
// Usage: node scripts/gen-edu-qtest.mjs
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const out = (name) => fileURLToPath(new URL(`../test/fixtures/qtest/${name}`, import.meta.url));
const hex = (n) => `0x${n.toString(16)}`;
const SLOT = 4;
const CFG = (0x80000000 | (SLOT << 11)) >>> 0;
const BAR = 0xfe000000;
/** Lets QEMU's factorial thread finish before the next command (scripts/record-qtest.mjs). */
const WAIT = '#wait 20';

const cfgw = (L, base, reg, size, value) => {
  L.push(`outl 0xcf8 ${hex((base | (reg & 0xfc)) >>> 0)}`);
  const op = size === 1 ? 'outb' : size === 2 ? 'outw' : 'outl';
  L.push(`${op} ${hex(0xcfc + (reg & 3))} ${hex(value)}`);
};
const cfgr = (L, base, reg, size) => {
  L.push(`outl 0xcf8 ${hex((base | (reg & 0xfc)) >>> 0)}`);
  L.push(`${size === 1 ? 'inb' : size === 2 ? 'inw' : 'inl'} ${hex(0xcfc + (reg & 3))}`);
};
const rd = (L, off) => L.push(`readl ${hex(BAR + off)}`);
const wr = (L, off, v) => L.push(`writel ${hex(BAR + off)} ${hex(v)}`);
/** Both 8259s' IRR (OCW3 read IRR) and the function's Status register (bit 3: interrupt). */
const irr = (L) => L.push('outb 0x20 0xa', 'inb 0x20', 'outb 0xa0 0xa', 'inb 0xa0');
const state = (L) => { irr(L); cfgr(L, CFG, 0x06, 2); rd(L, 0x24); };
/** With the CPU running, QEMU's PIT ticks on IRQ 0 (fwlab's only once a CPU is attached): the slave only. */
const slaveState = (L) => { L.push('outb 0xa0 0xa', 'inb 0xa0'); cfgr(L, CFG, 0x06, 2); rd(L, 0x24); };

function setup(L) {
  L.push('# BAR0 at 0xFE000000, memory decoding and bus mastering on');
  cfgw(L, CFG, 0x10, 4, BAR);
  cfgr(L, CFG, 0x10, 4);
  cfgw(L, CFG, 0x04, 2, 0x0006);
  cfgr(L, CFG, 0x3c, 4);
}

function registers(L) {
  L.push('# identification, liveness (bitwise inversion), access sizes and holes');
  rd(L, 0x00);
  wr(L, 0x04, 0x12345678);
  rd(L, 0x04);
  wr(L, 0x04, 0);
  rd(L, 0x04);
  L.push(`readb ${hex(BAR)}`, `readw ${hex(BAR)}`, `readw ${hex(BAR + 4)}`, `writeb ${hex(BAR + 4)} 0x1`, `writew ${hex(BAR + 4)} 0x1`);
  rd(L, 0x04);
  for (const off of [0x02, 0x0c, 0x10, 0x1c, 0x28, 0x68, 0x84, 0xa0, 0x100, 0xffffc]) rd(L, off);
  wr(L, 0x00, 0xffffffff);
  rd(L, 0x00);
  L.push('# the DMA registers from reset');
  for (const off of [0x80, 0x88, 0x90, 0x98]) rd(L, off);
  L.push('# factorials (no interrupt requested)');
  for (const n of [0, 1, 5, 12, 13, 20, 33, 34, 35]) { wr(L, 0x08, n); L.push(WAIT); rd(L, 0x20); rd(L, 0x08); }
  L.push('# status: only bit 7 is writable');
  wr(L, 0x20, 0xffffffff);
  rd(L, 0x20);
  wr(L, 0x20, 0);
  rd(L, 0x20);
}

function intx(L, { pirqReg, lpcCfg, isaIrq, q35 }) {
  L.push('# the ELCR makes the IRQ level-triggered, so the 8259 IRR follows the line');
  L.push(`outb ${isaIrq < 8 ? '0x4d0' : '0x4d1'} ${hex(1 << (isaIrq & 7))}`);
  L.push('# raise with the PIRQ not routed (0x80): no 8259 input');
  state(L);
  wr(L, 0x60, 0x1000);
  state(L);
  L.push(`# route the PIRQ to IRQ ${isaIrq} while the line is high`);
  cfgw(L, lpcCfg, pirqReg, 1, isaIrq);
  cfgr(L, lpcCfg, pirqReg & 0xfc, 4);
  state(L);
  L.push('# acknowledge and raise again');
  wr(L, 0x64, 0x1000);
  state(L);
  wr(L, 0x60, 0x2);
  state(L);
  L.push('# raise 0: nothing new; acknowledging part of the bits keeps the line');
  wr(L, 0x60, 0x0);
  wr(L, 0x60, 0x4);
  wr(L, 0x64, 0x2);
  state(L);
  wr(L, 0x64, 0x4);
  state(L);
  L.push('# Interrupt Disable (command bit 10) while asserted, then cleared');
  wr(L, 0x60, 0x1);
  cfgw(L, CFG, 0x04, 2, 0x0406);
  state(L);
  cfgw(L, CFG, 0x04, 2, 0x0006);
  state(L);
  L.push('# re-routed to another IRQ while asserted, then disabled');
  cfgw(L, lpcCfg, pirqReg, 1, isaIrq === 11 ? 10 : 11);
  state(L);
  cfgw(L, lpcCfg, pirqReg, 1, 0x80);
  state(L);
  wr(L, 0x64, 0x1);
  state(L);
  cfgw(L, lpcCfg, pirqReg, 1, isaIrq);
  state(L);
  L.push('# the factorial\'s completion interrupt (status bit 7)');
  wr(L, 0x20, 0x80);
  wr(L, 0x08, 10);
  L.push(WAIT);
  rd(L, 0x08);
  rd(L, 0x20);
  state(L);
  wr(L, 0x64, 0x1);
  state(L);
  wr(L, 0x20, 0x0);
  wr(L, 0x08, 6);
  L.push(WAIT);
  rd(L, 0x08);
  state(L);
  if (q35) {
    const gsi = 20;
    L.push(`# the I/O APIC: PIRQE is input ${gsi} whatever the PIRQ register says; a level entry's Remote IRR`);
    L.push(`writel 0xfec00000 ${hex(0x10 + 2 * gsi)}`, 'writel 0xfec00010 0xa030', 'readl 0xfec00010');
    wr(L, 0x60, 0x1);
    L.push('readl 0xfec00010');
    L.push('# EOI while the line is still high: delivered again');
    L.push('writel 0xfec00040 0x30', 'readl 0xfec00010');
    wr(L, 0x64, 0x1);
    L.push('writel 0xfec00040 0x30', 'readl 0xfec00010');
    L.push(`writel 0xfec00000 ${hex(0x10 + 2 * gsi)}`, 'writel 0xfec00010 0x10000');
  }
  L.push('# MSI enabled (address 0xFEE00000, data 0x0041): raising no longer drives INTx');
  cfgw(L, CFG, 0x44, 4, 0xfee00000);
  cfgw(L, CFG, 0x48, 4, 0);
  cfgw(L, CFG, 0x4c, 2, 0x0041);
  cfgw(L, CFG, 0x42, 2, 0x0001);
  cfgr(L, CFG, 0x40, 4);
  wr(L, 0x60, 0x1);
  state(L);
  wr(L, 0x64, 0x1);
  state(L);
  L.push('# INTx asserted, then MSI enabled: the acknowledge leaves the pin as it was');
  cfgw(L, CFG, 0x42, 2, 0x0000);
  wr(L, 0x60, 0x1);
  cfgw(L, CFG, 0x42, 2, 0x0001);
  state(L);
  wr(L, 0x64, 0x1);
  state(L);
  cfgw(L, CFG, 0x42, 2, 0x0000);
  wr(L, 0x60, 0x1);
  wr(L, 0x64, 0x1);
  state(L);
}

for (const q35 of [false, true]) {
  const machine = q35 ? 'q35' : 'pc';
  const L = [`# qemu: -machine ${machine} -nodefaults -device edu,addr=${SLOT.toString(16)}`,
    `# edu at 00:${SLOT.toString(16).padStart(2, '0')}.0: BAR0 registers and PCI interrupt routing (generated by scripts/gen-edu-qtest.mjs)`];
  setup(L);
  registers(L);
  // pc: slot 4 INTA → PIRQ (0 + 4 - 1) & 3 = D (PIIX3 0x63); q35: slot 4 INTA → PIRQ (4 + 0) % 4 + 4 = E (ICH9 0x68).
  if (q35) intx(L, { pirqReg: 0x68, lpcCfg: 0x8000f800, isaIrq: 11, q35 });
  else intx(L, { pirqReg: 0x63, lpcCfg: 0x80000800, isaIrq: 11, q35 });
  writeFileSync(out(`edu-${machine}.qtest`), L.join('\n') + '\n');
}

{
  const L = ['# qemu: -machine pc -nodefaults -device edu,addr=4', '# run: halted-cpu',
    '# edu DMA between guest memory and its 4 KiB buffer at 0x40000, 100 ms after the command (generated by scripts/gen-edu-qtest.mjs)'];
  setup(L);
  cfgw(L, 0x80000800, 0x63, 1, 11);
  L.push('outb 0x4d1 0x8');
  L.push('# 64 bytes from RAM 0x10000 into the buffer at 0x40100, completion interrupt requested');
  L.push(`write 0x10000 0x40 0x${Array.from({ length: 64 }, (_, i) => (0x30 + i).toString(16).padStart(2, '0')).join('')}`);
  wr(L, 0x80, 0x10000);
  wr(L, 0x88, 0x40100);
  wr(L, 0x90, 0x40);
  wr(L, 0x98, 0x5);
  for (const off of [0x80, 0x88, 0x90, 0x98]) rd(L, off);
  L.push('# registers are frozen while it runs');
  wr(L, 0x80, 0x20000);
  wr(L, 0x98, 0x7);
  rd(L, 0x80);
  rd(L, 0x98);
  slaveState(L);
  L.push('#wait 150');
  rd(L, 0x98);
  slaveState(L);
  wr(L, 0x64, 0x100);
  slaveState(L);
  L.push('# the buffer back to RAM 0x20000 (to memory: command bit 1), without an interrupt');
  wr(L, 0x80, 0x40100);
  wr(L, 0x88, 0x20000);
  wr(L, 0x90, 0x40);
  wr(L, 0x98, 0x3);
  rd(L, 0x98);
  L.push('#wait 150');
  rd(L, 0x98);
  slaveState(L);
  L.push('read 0x20000 0x48');
  L.push('# the DMA mask: address bits above 27 are dropped (0x10020000 reads 0x20000)');
  wr(L, 0x80, 0x10020000);
  wr(L, 0x88, 0x40200);
  wr(L, 0x90, 0x10);
  wr(L, 0x98, 0x1);
  L.push('#wait 150');
  wr(L, 0x80, 0x40200);
  wr(L, 0x88, 0x30000);
  wr(L, 0x90, 0x10);
  wr(L, 0x98, 0x3);
  L.push('#wait 150');
  L.push('read 0x30000 0x10');
  L.push('# bus mastering off: the transfer moves nothing, the command still completes');
  cfgw(L, CFG, 0x04, 2, 0x0002);
  L.push('memset 0x31000 0x10 0xa5');
  wr(L, 0x80, 0x40100);
  wr(L, 0x88, 0x31000);
  wr(L, 0x90, 0x10);
  wr(L, 0x98, 0x7);
  L.push('#wait 150');
  rd(L, 0x98);
  slaveState(L);
  L.push('read 0x31000 0x10');
  writeFileSync(out('edu-dma-pc.qtest'), L.join('\n') + '\n');
}
