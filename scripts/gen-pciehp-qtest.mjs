#!/usr/bin/env node
// Writes the qtest scripts that drive QEMU 7.2's native PCIe hot-plug (a PCIe port's slot, PCIe 4.0
// §6.7 / §7.8.9-11) without a guest, on ports below a pxb-pcie expander (where ACPI hot-plug does not
// reach): test/fixtures/qtest/pciehp-rootport-q35.qtest (pcie-root-port: Slot Capabilities, Slot
// Control/Status writes like a pciehp driver's, device_add / device_del through QMP between them, the
// interrupt as the port's INTx (Status bit 3), a hotplug=off port refusing) and pciehp-xio3130-q35.qtest
// (xio3130-downstream behind a root port and x3130-upstream: the same with the port's MSI, whose
// message address points into RAM so the write it makes can be read back).
// Then `node scripts/record-qtest.mjs FILE.qtest` records what real QEMU answers (the .trace files).
// Usage: node scripts/gen-pciehp-qtest.mjs
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const out = (name) => fileURLToPath(new URL(`../test/fixtures/qtest/${name}`, import.meta.url));
const hex = (n) => `0x${n.toString(16)}`;
const cfgAddr = (bus, dev, fn, reg) => (0x80000000 | (bus << 16) | (dev << 11) | (fn << 8) | (reg & 0xfc)) >>> 0;

/** Config accessors for one function through 0xCF8/0xCFC. */
function fn(L, bus, dev) {
  return {
    w(reg, size, value) {
      L.push(`outl 0xcf8 ${hex(cfgAddr(bus, dev, 0, reg))}`);
      L.push(`${size === 1 ? 'outb' : size === 2 ? 'outw' : 'outl'} ${hex(0xcfc + (reg & 3))} ${hex(value)}`);
    },
    r(reg, size) {
      L.push(`outl 0xcf8 ${hex(cfgAddr(bus, dev, 0, reg))}`);
      L.push(`${size === 1 ? 'inb' : size === 2 ? 'inw' : 'inl'} ${hex(0xcfc + (reg & 3))}`);
    },
  };
}

/** PCIe capability registers (PCI_EXP_*): Link Status, Slot Capabilities/Control/Status. */
const LNKSTA = 0x12;
const SLTCAP = 0x14;
const SLTCTL = 0x18;
const SLTSTA = 0x1a;
/** Slot Control bits. */
const ABPE = 0x0001;
const PDCE = 0x0008;
const CCIE = 0x0010;
const HPIE = 0x0020;
const PIC_ON = 0x0100;
const PIC_BLINK = 0x0200;
const PIC_OFF = 0x0300;
const AIC_OFF = 0x00c0;
const PCC_OFF = 0x0400;
const EIC = 0x0800;

/** The port's view: Command/Status, Link Status, the slot registers. */
function slotState(port, exp) {
  port.r(0x04, 4);
  port.r(exp + LNKSTA, 2);
  port.r(exp + SLTCTL, 4);
}

/**
 * A QMP command, after a pause: QEMU sends DEVICE_DELETED once the device is finalized, after an RCU
 * grace period, so the pause lets the event of a removal before it arrive with this reply.
 */
const qmp = (L, execute, args) => L.push('#wait 300', `#qmp ${JSON.stringify(args ? { execute, arguments: args } : { execute })}`);

/**
 * The pciehp dance on one port: enable the slot interrupts, plug, acknowledge, power on, request
 * removal, refuse a second request, power off (the device goes), ask again (it is gone).
 * `signal(L)` reads back how the port signalled (its Status/INTx, or the MSI message in RAM).
 */
function slotScript(L, { port, child, exp, busId, signal, id, driver }) {
  L.push('# reset values of the capability (flags .. slot status)');
  for (let o = 0; o < 0x24; o += 4) port.r(exp + o, 4);
  L.push('# secondary bus behind the port; an empty slot reads all-ones');
  child.r(0x00, 4);
  L.push('# clearing status bits that are not set: QEMU puts the event bits back as they were');
  port.w(exp + SLTSTA, 2, 0x011f);
  slotState(port, exp);
  L.push('# enable presence-detect and attention-button events, not yet the interrupt (HPIE)');
  port.w(exp + SLTCTL, 2, AIC_OFF | PIC_OFF | PCC_OFF | PDCE | ABPE);
  slotState(port, exp);
  signal(L);
  L.push('# acknowledge Command Completed; then HPIE with CCIE: the next command interrupts');
  port.w(exp + SLTSTA, 2, 0x0010);
  port.w(exp + SLTCTL, 2, AIC_OFF | PIC_OFF | PCC_OFF | HPIE | CCIE | PDCE | ABPE);
  slotState(port, exp);
  signal(L);
  port.w(exp + SLTSTA, 2, 0x0010);
  slotState(port, exp);
  signal(L);
  L.push('# without CCIE: commands complete silently');
  port.w(exp + SLTCTL, 2, AIC_OFF | PIC_OFF | PCC_OFF | HPIE | PDCE | ABPE);
  port.w(exp + SLTSTA, 2, 0x0010);
  slotState(port, exp);
  signal(L);
  L.push('# the electromechanical interlock toggles on EIC; EIC reads 0');
  port.w(exp + SLTCTL, 2, AIC_OFF | PIC_OFF | PCC_OFF | HPIE | PDCE | ABPE | EIC);
  port.w(exp + SLTSTA, 2, 0x0010);
  slotState(port, exp);
  qmp(L, 'device_add', { driver, bus: busId, id });
  slotState(port, exp);
  port.w(exp + SLTCTL, 2, AIC_OFF | PIC_OFF | PCC_OFF | HPIE | PDCE | ABPE | EIC);
  port.w(exp + SLTSTA, 2, 0x0010);
  slotState(port, exp);
  L.push('# hot-add');
  qmp(L, 'device_add', { driver, bus: busId, id });
  slotState(port, exp);
  signal(L);
  L.push('# the interrupt enable off with events pending, and on again');
  port.w(exp + SLTCTL, 2, AIC_OFF | PIC_OFF | PCC_OFF | PDCE | ABPE);
  signal(L);
  port.w(exp + SLTCTL, 2, AIC_OFF | PIC_OFF | PCC_OFF | HPIE | PDCE | ABPE);
  signal(L);
  L.push('# a write elsewhere in the port\'s config space');
  port.w(0x0c, 1, 0x10);
  signal(L);
  L.push('# the new function while the slot power is still off');
  child.r(0x00, 4);
  L.push('# a second device on the port');
  qmp(L, 'device_add', { driver, bus: busId, id: `${id}b` });
  qmp(L, 'device_add', { driver, bus: busId, id: `${id}c`, addr: '1' });
  L.push('# acknowledge presence detect and the button; power on, indicator on');
  port.w(exp + SLTSTA, 2, 0x0009);
  slotState(port, exp);
  signal(L);
  port.w(exp + SLTCTL, 2, AIC_OFF | PIC_ON | HPIE | PDCE | ABPE);
  port.w(exp + SLTSTA, 2, 0x0010);
  slotState(port, exp);
  signal(L);
  child.r(0x00, 4);
  child.r(0x04, 4);
  L.push('# removal request: the attention button');
  qmp(L, 'device_del', { id });
  slotState(port, exp);
  signal(L);
  qmp(L, 'device_del', { id });
  L.push('# acknowledge, blink the power indicator (pciehp waits 5 s), then power off');
  port.w(exp + SLTSTA, 2, 0x0001);
  port.w(exp + SLTCTL, 2, AIC_OFF | PIC_BLINK | HPIE | PDCE | ABPE);
  port.w(exp + SLTSTA, 2, 0x0010);
  slotState(port, exp);
  signal(L);
  qmp(L, 'device_del', { id });
  port.w(exp + SLTCTL, 2, AIC_OFF | PIC_OFF | PCC_OFF | HPIE | PDCE | ABPE);
  slotState(port, exp);
  signal(L);
  child.r(0x00, 4);
  qmp(L, 'device_del', { id });
  L.push('# acknowledge; plug again while powered off, then remove while still off (no guest step)');
  port.w(exp + SLTSTA, 2, 0x0019);
  slotState(port, exp);
  signal(L);
  qmp(L, 'device_add', { driver, bus: busId, id });
  slotState(port, exp);
  port.w(exp + SLTSTA, 2, 0x0009);
  qmp(L, 'device_del', { id });
  slotState(port, exp);
  signal(L);
  qmp(L, 'device_del', { id });
  L.push('# the interrupt enable off: a button press sets status only');
  port.w(exp + SLTSTA, 2, 0x0019);
  qmp(L, 'device_add', { driver, bus: busId, id });
  port.w(exp + SLTCTL, 2, AIC_OFF | PIC_ON | PDCE | ABPE);
  port.w(exp + SLTSTA, 2, 0x0019);
  slotState(port, exp);
  signal(L);
  qmp(L, 'device_del', { id });
  slotState(port, exp);
  signal(L);
  L.push('# HPIE turned on with the button still pending: the interrupt follows');
  port.w(exp + SLTCTL, 2, AIC_OFF | PIC_ON | HPIE | PDCE | ABPE);
  slotState(port, exp);
  signal(L);
}

const PXB = '-device pxb-pcie,id=pxb1,bus_nr=0x20,bus=pcie.0,addr=0x5';

{
  // pcie-root-port's PCIe capability is at 0x54; INTA# shows in Status bit 3.
  const L = [`# qemu: -machine q35 -nodefaults ${PXB} -device pcie-root-port,id=rp1,bus=pxb1,chassis=1,slot=3,addr=0`
    + ' -device pcie-root-port,id=rp2,bus=pxb1,chassis=1,slot=4,addr=1,hotplug=off -device e1000e,bus=rp2,id=c2',
  '# pcie-root-port below a pxb-pcie: native hot-plug with INTx; hotplug=off refuses (generated by scripts/gen-pciehp-qtest.mjs)'];
  const rp1 = fn(L, 0x20, 0);
  const rp2 = fn(L, 0x20, 1);
  L.push('# bus numbers: rp1 -> 0x21, rp2 -> 0x22');
  rp1.w(0x18, 4, 0x00212120);
  rp2.w(0x18, 4, 0x00222220);
  L.push('# hotplug=off: no HPS/HPC; a cold-plugged device shows present and powered');
  for (let o = 0; o < 0x24; o += 4) rp2.r(0x54 + o, 4);
  qmp(L, 'device_add', { driver: 'e1000e', bus: 'rp2', id: 'x2' });
  qmp(L, 'device_del', { id: 'c2' });
  slotState(rp2, 0x54);
  const child = fn(L, 0x21, 0);
  slotScript(L, { port: rp1, child, exp: 0x54, busId: 'rp1', id: 'n1', driver: 'e1000e', signal: (l) => fn(l, 0x20, 0).r(0x04, 4) });
  L.push('# Interrupt Disable withdraws the asserted pin from the bus; Status bit 3 stays');
  rp1.w(0x04, 2, 0x0400);
  rp1.r(0x04, 4);
  rp1.w(0x04, 2, 0x0000);
  L.push('# acknowledging everything drops INTx');
  rp1.w(0x54 + SLTSTA, 2, 0x011f);
  slotState(rp1, 0x54);
  writeFileSync(out('pciehp-rootport-q35.qtest'), L.join('\n') + '\n');
}

{
  // Bus numbers: rp1 0x21 (x3130-upstream at 21:00.0), its secondary 0x22 (xio3130-downstream at 22:00.0), the slot's 0x23.
  const L = [`# qemu: -machine q35 -nodefaults ${PXB} -device pcie-root-port,id=rp1,bus=pxb1,chassis=1,slot=3,addr=0`
    + ' -device x3130-upstream,id=up1,bus=rp1 -device xio3130-downstream,id=dp1,bus=up1,chassis=2,slot=5',
  '# xio3130-downstream below a pxb-pcie: native hot-plug signalled by MSI into RAM at 0x1000 (generated by scripts/gen-pciehp-qtest.mjs)'];
  const rp1 = fn(L, 0x20, 0);
  const up = fn(L, 0x21, 0);
  const dp = fn(L, 0x22, 0);
  rp1.w(0x18, 4, 0x00232120);
  up.w(0x18, 4, 0x00232221);
  dp.w(0x18, 4, 0x00232322);
  L.push('# MSI (capability 0x70, 64-bit): address 0x1000 in RAM, data 0x4321; bus mastering on');
  L.push('writel 0x1000 0x0');
  dp.w(0x74, 4, 0x1000);
  dp.w(0x78, 4, 0);
  dp.w(0x7c, 2, 0x4321);
  dp.r(0x70, 4);
  const signal = (l) => {
    fn(l, 0x22, 0).r(0x04, 4);
    l.push('readl 0x1000', 'writel 0x1000 0x0');
  };
  L.push('# first with MSI disabled: INTx (the downstream port has no interrupt pin)');
  dp.w(0x04, 2, 0x0004);
  dp.r(0x3c, 4);
  dp.w(0x90 + SLTCTL, 2, AIC_OFF | PIC_OFF | PCC_OFF | HPIE | CCIE);
  dp.r(0x04, 4);
  L.push('readl 0x1000');
  dp.w(0x90 + SLTSTA, 2, 0x0010);
  dp.w(0x72, 2, 0x0001);
  dp.r(0x70, 4);
  slotScript(L, { port: dp, child: fn(L, 0x23, 0), exp: 0x90, busId: 'dp1', id: 'n1', driver: 'e1000e', signal });
  L.push('# bus mastering off: no message');
  dp.w(0x90 + SLTSTA, 2, 0x011f);
  dp.w(0x04, 2, 0x0000);
  dp.w(0x90 + SLTCTL, 2, AIC_OFF | PIC_ON | HPIE | CCIE | PDCE | ABPE);
  signal(L);
  writeFileSync(out('pciehp-xio3130-q35.qtest'), L.join('\n') + '\n');
}

{
  // The CPU runs (halted), so the virtual clock moves: a removal request QEMU has not seen completed expires after 5 s.
  const L = [`# qemu: -machine q35 -nodefaults ${PXB} -device pcie-root-port,id=rp1,bus=pxb1,chassis=1,slot=3,addr=0`, '# run: halted-cpu',
    '# device_del again once an unanswered removal request is 5 s old (generated by scripts/gen-pciehp-qtest.mjs)'];
  const rp1 = fn(L, 0x20, 0);
  rp1.w(0x18, 4, 0x00212120);
  qmp(L, 'device_add', { driver: 'e1000e', bus: 'rp1', id: 'n1' });
  rp1.w(0x54 + SLTCTL, 2, AIC_OFF | PIC_ON | PDCE | ABPE);
  rp1.w(0x54 + SLTSTA, 2, 0x0019);
  qmp(L, 'device_del', { id: 'n1' });
  rp1.r(0x54 + SLTCTL, 4);
  L.push('#wait 2000');
  qmp(L, 'device_del', { id: 'n1' });
  rp1.w(0x54 + SLTSTA, 2, 0x0001);
  L.push('#wait 3500');
  qmp(L, 'device_del', { id: 'n1' });
  rp1.r(0x54 + SLTCTL, 4);
  qmp(L, 'device_del', { id: 'n1' });
  writeFileSync(out('pciehp-expire-q35.qtest'), L.join('\n') + '\n');
}

{
  // pcie-root-port signals by MSI-X when enabled: one vector, table at BAR0 + 0, PBA at BAR0 + 0x800.
  const L = [`# qemu: -machine q35 -nodefaults ${PXB} -device pcie-root-port,id=rp1,bus=pxb1,chassis=1,slot=3,addr=0`,
    '# pcie-root-port below a pxb-pcie: native hot-plug signalled by MSI-X into RAM at 0x1000 (generated by scripts/gen-pciehp-qtest.mjs)'];
  const rp1 = fn(L, 0x20, 0);
  const TABLE = 0xfe000000;
  rp1.w(0x18, 4, 0x00212120);
  rp1.w(0x10, 4, TABLE);
  rp1.w(0x04, 2, 0x0006);
  rp1.r(0x10, 4);
  L.push('# the table entry and the PBA from reset');
  for (const o of [0, 4, 8, 12, 0x800]) L.push(`readl ${hex(TABLE + o)}`);
  L.push(`writel ${hex(TABLE)} 0x1000`, `writel ${hex(TABLE + 4)} 0x0`, `writel ${hex(TABLE + 8)} 0x5678`, `writel ${hex(TABLE + 12)} 0x0`);
  for (const o of [0, 4, 8, 12, 0x800]) L.push(`readl ${hex(TABLE + o)}`);
  L.push('writel 0x1000 0x0');
  const signal = (l) => {
    fn(l, 0x20, 0).r(0x04, 4);
    l.push(`readl ${hex(TABLE + 0x800)}`, 'readl 0x1000', 'writel 0x1000 0x0');
  };
  L.push('# MSI-X enabled; a command with CCIE and HPIE');
  rp1.w(0x4a, 2, 0x8000);
  rp1.r(0x48, 4);
  rp1.w(0x54 + SLTCTL, 2, AIC_OFF | PIC_OFF | PCC_OFF | HPIE | CCIE | PDCE | ABPE);
  signal(L);
  L.push('# the vector masked: the message waits in the PBA until unmasked');
  rp1.w(0x54 + SLTSTA, 2, 0x0010);
  L.push(`writel ${hex(TABLE + 12)} 0x1`);
  rp1.w(0x54 + SLTCTL, 2, AIC_OFF | PIC_OFF | PCC_OFF | HPIE | CCIE | PDCE | ABPE);
  signal(L);
  L.push(`writel ${hex(TABLE + 12)} 0x0`);
  signal(L);
  L.push('# the function mask (Message Control bit 14) likewise');
  rp1.w(0x54 + SLTSTA, 2, 0x0010);
  rp1.w(0x4a, 2, 0xc000);
  rp1.w(0x54 + SLTCTL, 2, AIC_OFF | PIC_OFF | PCC_OFF | HPIE | CCIE | PDCE | ABPE);
  signal(L);
  rp1.w(0x4a, 2, 0x8000);
  signal(L);
  L.push('# hot-add and the removal request');
  rp1.w(0x54 + SLTSTA, 2, 0x0010);
  rp1.w(0x54 + SLTCTL, 2, AIC_OFF | PIC_OFF | PCC_OFF | HPIE | PDCE | ABPE);
  rp1.w(0x54 + SLTSTA, 2, 0x0010);
  signal(L);
  qmp(L, 'device_add', { driver: 'e1000e', bus: 'rp1', id: 'n1' });
  signal(L);
  rp1.w(0x54 + SLTSTA, 2, 0x0009);
  rp1.w(0x54 + SLTCTL, 2, AIC_OFF | PIC_ON | HPIE | PDCE | ABPE);
  signal(L);
  qmp(L, 'device_del', { id: 'n1' });
  signal(L);
  L.push('# MSI-X enabled but memory decoding off: the message still goes');
  rp1.w(0x54 + SLTSTA, 2, 0x0001);
  rp1.w(0x04, 2, 0x0004);
  rp1.w(0x54 + SLTCTL, 2, AIC_OFF | PIC_ON | HPIE | CCIE | PDCE | ABPE);
  rp1.r(0x04, 4);
  L.push('readl 0x1000');
  writeFileSync(out('pciehp-msix-q35.qtest'), L.join('\n') + '\n');
}
