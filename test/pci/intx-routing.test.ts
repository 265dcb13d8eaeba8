/**
 * PCI INTx routing against what QEMU 7.2's own DSDT tells the OS: its PCI0._PRT (evaluated by fwlab's
 * AML interpreter from the captured etc/acpi/tables) names, for every slot and pin of the root bus,
 * the link (pc LNKA-D, q35 LNKA-H in PIC mode) and, on q35 in APIC mode, the GSI device (GSIA-H =
 * GSI 16-23). fwlab's PIIX3 and ICH9 routers must send each slot/pin to that PIRQ. And a machine
 * test: an asserted INTx reaches the 8259 IRR through a PIRQ register, and, on q35, I/O APIC input
 * 16 + PIRQ; shared lines are the OR of their sources.
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { AmlInterpreter, toJson } from '../../src/guest/aml/index.js';
import { walkTables } from '../acpi/loader-decode.js';
import { fixturePath } from '../helpers/paths.js';
import { Ich9Router, Piix3Router } from '../../src/machine/pci/pirq.js';
import type { IntxRouter } from '../../src/machine/pci/intx.js';
import { swizzle } from '../../src/machine/pci/intx.js';
import { boot, createMachine, restoreMachine, saveSnapshot } from '../../src/machine/create-machine.js';
import type { Machine } from '../../src/machine/machine.js';

interface PrtEntry { readonly slot: number; readonly pin: number; readonly link: string }

function prt(config: string, apic: boolean): PrtEntry[] {
  const blob = new Uint8Array(readFileSync(fixturePath('qemu-7.2', config, 'seabios', 'fwcfg-post', 'etc__acpi__tables')));
  const aml = new AmlInterpreter({}, { maxLoopIterations: 5000 });
  for (const t of walkTables(blob).filter((x) => x.signature === 'DSDT' || x.signature === 'SSDT')) aml.loadTable(blob.subarray(t.offset, t.offset + t.length));
  if (apic) aml.evaluate('\\_PIC', [1n]);
  const v = toJson(aml.evaluate('\\_SB.PCI0._PRT')) as { value: Array<{ value: Array<{ value: string }> }> };
  return v.value.map((e) => ({ slot: Number(e.value[0]!.value) >>> 16, pin: Number(e.value[1]!.value), link: e.value[2]!.value }));
}

const noSink = () => {};

test('pc: every root-bus slot/pin reaches the PIRQ of the LNKx QEMU\'s _PRT names (00:01 INTA is LNKS, the SCI)', (t) => {
  const router: IntxRouter = new Piix3Router(noSink);
  const entries = prt('pc-default', false);
  t.is(entries.length, 128);
  const wrong = entries.filter((e) => e.link !== 'LNKS' && `LNK${'ABCD'[router.map(e.slot, e.pin)]}` !== e.link);
  t.deepEqual(wrong, []);
  t.deepEqual(entries.filter((e) => e.link === 'LNKS').map((e) => [e.slot, e.pin]), [[1, 0]]);
});

for (const apic of [false, true]) {
  test(`q35: every root-bus slot/pin reaches the PIRQ of QEMU's _PRT in ${apic ? 'APIC mode (GSIx = GSI 16-23)' : 'PIC mode (LNKx)'}`, (t) => {
    const router: IntxRouter = new Ich9Router(noSink);
    const entries = prt('q35-default', apic);
    t.is(entries.length, 128);
    const wrong = entries.filter((e) => `${apic ? 'GSI' : 'LNK'}${'ABCDEFGH'[router.map(e.slot, e.pin)]}` !== e.link);
    t.deepEqual(wrong, []);
  });
}

test('the bridge swizzle: (slot + pin) mod 4', (t) => {
  t.deepEqual([0, 1, 2, 3].map((pin) => swizzle(3, pin)), [3, 0, 1, 2]);
  t.is(swizzle(0, -3), 1);
});

const cfgWrite = (m: Machine, bdf: number, reg: number, size: 1 | 2 | 4, v: number) => {
  m.ports.write(0xcf8, 4, (0x80000000 | (bdf << 8) | (reg & 0xfc)) >>> 0);
  m.ports.write(0xcfc + (reg & 3), size, v);
};
const slaveIrr = (m: Machine) => { m.ports.write(0xa0, 1, 0x0a); return m.ports.read(0xa0, 1); };
const EDU_BAR = 0xfe000000;

function eduMachine(machine: 'pc' | 'q35', extra: string[] = []): Machine {
  const m = createMachine(['-machine', machine, '-nodefaults', '-device', 'edu,addr=4', ...extra]);
  m.reset();
  cfgWrite(m, 4 << 3, 0x10, 4, EDU_BAR);
  cfgWrite(m, 4 << 3, 0x04, 2, 0x0006);
  m.ports.write(0x4d1, 1, 0x0c); // IRQ 10 and 11 level-triggered
  return m;
}

test('pc: two functions on PIRQs routed to the same IRQ share it: the line is their OR', (t) => {
  // edu at slot 4 INTA → PIRQD; a second edu at slot 5 INTA → PIRQA; both routed to IRQ 11.
  const m = eduMachine('pc', ['-device', 'edu,addr=5']);
  cfgWrite(m, 5 << 3, 0x10, 4, EDU_BAR - 0x100000);
  cfgWrite(m, 5 << 3, 0x04, 2, 0x0006);
  cfgWrite(m, 1 << 3, 0x60, 4, 0x0b80800b);
  m.memory.write(EDU_BAR + 0x60, 4, 1);
  m.memory.write(EDU_BAR - 0x100000 + 0x60, 4, 1);
  t.is(slaveIrr(m) & 0x08, 0x08);
  m.memory.write(EDU_BAR + 0x64, 4, 1);
  t.is(slaveIrr(m) & 0x08, 0x08, 'still held by the other function');
  m.memory.write(EDU_BAR - 0x100000 + 0x64, 4, 1);
  t.is(slaveIrr(m) & 0x08, 0);
});

test('q35: PIRQE drives I/O APIC input 20 whatever its routing register says, and the 8259 only once routed', (t) => {
  const m = eduMachine('q35');
  const ioapic = m.platformDevices.ioapic;
  ioapic.write(0, 4, 0x10 + 2 * 20);
  ioapic.write(0x10, 4, 0x8030); // level, active high, vector 30h, unmasked
  m.memory.write(EDU_BAR + 0x60, 4, 1);
  t.truthy(ioapic.low[20]! & (1 << 14), 'Remote IRR: delivered');
  t.is(slaveIrr(m) & 0x08, 0);
  m.memory.write(EDU_BAR + 0x64, 4, 1);
  cfgWrite(m, 0x1f << 3, 0x68, 1, 0x0b);
  m.memory.write(EDU_BAR + 0x60, 4, 1);
  t.is(slaveIrr(m) & 0x08, 0x08);
});

test('MSI: a message write into the local APIC window sets the vector in its IRR; bus mastering off drops it', (t) => {
  const m = eduMachine('pc');
  const lapic = m.platformDevices.lapic;
  const irr = (v: number) => (lapic.read(0x200 + (v >> 5) * 0x10, 4) >>> (v & 31)) & 1;
  cfgWrite(m, 4 << 3, 0x44, 4, 0xfee00000);
  cfgWrite(m, 4 << 3, 0x4c, 2, 0x0051);
  cfgWrite(m, 4 << 3, 0x42, 2, 0x0001);
  m.memory.write(EDU_BAR + 0x60, 4, 1);
  t.is(irr(0x51), 1);
  t.is(slaveIrr(m), 0, 'no INTx while MSI is enabled');
  m.memory.write(EDU_BAR + 0x64, 4, 1);
  cfgWrite(m, 4 << 3, 0x04, 2, 0x0002);
  cfgWrite(m, 4 << 3, 0x4c, 2, 0x0052);
  m.memory.write(EDU_BAR + 0x60, 4, 1);
  t.is(irr(0x52), 0);
});

test('snapshot: edu\'s registers and its asserted INTx survive save → restore; the acknowledge then lowers the pin', async (t) => {
  const args = ['-machine', 'pc', '-nodefaults', '-device', 'edu,addr=4'];
  const { machine: a } = await boot(args);
  const bar = a.pci.devices().find((d) => d.name === 'edu')!.bars.find((b) => b.bar === 0)!.address;
  const status = (m: Machine) => m.pci.configRead(0, 4 << 3, 0x04, 4) >>> 16;
  a.memory.write(bar + 0x04, 4, 0x12345678);
  a.memory.write(bar + 0x60, 4, 0x30);
  t.is(status(a) & 0x08, 0x08);
  const b = createMachine(args);
  await restoreMachine(b, saveSnapshot(a, '0.1.0'), 'test.snap', '0.1.0');
  t.is(b.memory.read(bar + 0x04, 4), 0xedcba987);
  t.is(b.memory.read(bar + 0x24, 4), 0x30);
  t.is(status(b) & 0x08, 0x08);
  b.memory.write(bar + 0x64, 4, 0x30);
  t.is(status(b) & 0x08, 0);
});
