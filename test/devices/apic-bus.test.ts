/**
 * The APIC bus with several local APICs (decision 0044): interprocessor interrupts through the ICR
 * as the Intel SDM vol. 3 §10.6 describes them (delivery modes, physical and logical destinations,
 * shorthands, the read-only delivery status bit), INIT/STARTUP reaching the CPU, and the I/O APIC's
 * destination field picking the CPU (82093AA datasheet §3.2.4).
 */
import test from 'ava';
import { VirtualClock } from '../../src/machine/clock.js';
import { LocalApic } from '../../src/machine/devices/local-apic.js';
import { ApicBus } from '../../src/machine/devices/apic-bus.js';
import { IoApic } from '../../src/machine/devices/ioapic.js';

const ICR_LO = 0x300;
const ICR_HI = 0x310;

function bus(ids = [0, 1, 2]) {
  const clock = new VirtualClock();
  const signals: string[] = [];
  let b: ApicBus | undefined;
  let io: IoApic | undefined;
  const links = { picIntr: () => false, eoiBroadcast: (v: number) => io?.eoiBroadcast(v), sendIpi: (f: LocalApic, lo: number, d: number) => b!.sendIpi(f, lo, d) };
  const apics = ids.map((id, i) => {
    const a = new LocalApic(clock, links, { id, bsp: i === 0 });
    a.cpu = { init: () => signals.push(`init ${id}`), startup: (v) => signals.push(`startup ${id} ${v.toString(16)}`) };
    return a;
  });
  b = new ApicBus(apics);
  io = new IoApic({ deliver: (d, l, m, v, lv) => b!.deliverIrq(d, l, m, v, lv) });
  for (let i = 0; i < apics.length; i++) { b.current = i; b.write(0xf0, 4, 0x1ff); }
  b.current = 0;
  return { b, apics, io, signals };
}

/** ICR write from the APIC of CPU `from`. */
function ipi(b: ApicBus, from: number, low: number, destination = 0): void {
  b.current = from;
  b.write(ICR_HI, 4, destination << 24);
  b.write(ICR_LO, 4, low);
}
const irr = (a: LocalApic, v: number) => a.irr.has(v);

test('the MMIO page is the executing CPU\'s own APIC: ID register per CPU, writes stay local', (t) => {
  const { b } = bus([0, 1, 4]);
  t.deepEqual([0, 1, 2].map((i) => { b.current = i; return b.read(0x20, 4) >>> 24; }), [0, 1, 4]);
  b.current = 2;
  b.write(0x80, 4, 0x30);
  b.current = 0;
  t.is(b.read(0x80, 4), 0);
});

test('power-on: the BSP has IA32_APIC_BASE.BSP and LINT0 ExtINT, an AP neither (LINT0 masked)', (t) => {
  const { apics } = bus();
  t.is(apics[0]!.apicBase >>> 0, 0xfee00900);
  t.is(apics[1]!.apicBase >>> 0, 0xfee00800);
  t.is(apics[0]!.read(0x350, 4), 0x700);
  t.is(apics[1]!.read(0x350, 4), 0x10000);
  t.true(apics[0]!.acceptsPicIntr());
  t.false(apics[1]!.acceptsPicIntr());
});

test('INIT and STARTUP to all excluding self reach every other CPU; the INIT level de-assert reaches none', (t) => {
  const { b, signals } = bus();
  ipi(b, 0, 0x000c8500); // INIT, level trigger, de-assert
  t.deepEqual(signals, []);
  ipi(b, 0, 0x000c4500);
  ipi(b, 0, 0x000c4609);
  t.deepEqual(signals, ['init 1', 'init 2', 'startup 1 9', 'startup 2 9']);
});

test('a fixed IPI by physical APIC ID reaches that CPU only; 0xFF reaches all; delivery status reads idle', (t) => {
  const { b, apics } = bus([0, 1, 4]);
  ipi(b, 0, 0x00001040, 4); // bit 12 written as 1: read-only
  t.deepEqual(apics.map((a) => irr(a, 0x40)), [false, false, true]);
  t.is(b.read(ICR_LO, 4), 0x40);
  t.is(b.read(ICR_HI, 4), 0x04000000);
  ipi(b, 2, 0x00004041, 0xff);
  t.deepEqual(apics.map((a) => irr(a, 0x41)), [true, true, true]);
  ipi(b, 0, 0x00004042, 3);
  t.deepEqual(apics.map((a) => irr(a, 0x42)), [false, false, false], 'no APIC has ID 3');
});

test('shorthands: self, all including self, all excluding self', (t) => {
  const { b, apics } = bus();
  ipi(b, 1, 0x00044050, 2); // self: the destination field is ignored
  t.deepEqual(apics.map((a) => irr(a, 0x50)), [false, true, false]);
  ipi(b, 1, 0x00084051);
  t.deepEqual(apics.map((a) => irr(a, 0x51)), [true, true, true]);
  ipi(b, 1, 0x000c4052);
  t.deepEqual(apics.map((a) => irr(a, 0x52)), [true, false, true]);
});

test('logical destinations: flat model (any common LDR bit), cluster model (cluster nibble + member bits)', (t) => {
  const { b, apics } = bus([0, 1, 2, 3]);
  apics.forEach((a, i) => { a.write(0xd0, 4, (1 << i) << 24); });
  ipi(b, 0, 0x00004860, 0x06);
  t.deepEqual(apics.map((a) => irr(a, 0x60)), [false, true, true, false]);
  // Cluster model: DFR 0; LDR = cluster << 4 | member bit.
  const ldr = [0x11, 0x12, 0x21, 0x22];
  apics.forEach((a, i) => { a.write(0xe0, 4, 0x0fffffff); a.write(0xd0, 4, ldr[i]! << 24); });
  ipi(b, 0, 0x00004861, 0x23);
  t.deepEqual(apics.map((a) => irr(a, 0x61)), [false, false, true, true]);
});

test('lowest priority reaches one CPU of the destination; NMI sets each target\'s NMI latch', (t) => {
  const { b, apics } = bus();
  ipi(b, 0, 0x00004170, 0xff);
  t.is(apics.filter((a) => irr(a, 0x70)).length, 1);
  ipi(b, 0, 0x000c4400);
  t.deepEqual(apics.map((a) => a.takeNmi()), [false, true, true]);
  t.deepEqual(apics.map((a) => a.takeNmi()), [false, false, false]);
});

test('INIT of an APIC (initReset) keeps its ID and base, masks every LVT, drops pending vectors', (t) => {
  const { b, apics } = bus([0, 5]);
  const ap = apics[1]!;
  ap.write(0x20, 4, 7 << 24);
  ipi(b, 0, 0x00004044, 7);
  t.true(irr(ap, 0x44));
  ap.initReset();
  t.is(ap.read(0x20, 4) >>> 24, 7);
  t.false(irr(ap, 0x44));
  t.is(ap.read(0xf0, 4), 0xff);
  for (let i = 0; i < 6; i++) t.is(ap.read(0x320 + i * 0x10, 4), 0x10000);
  ap.reset();
  t.is(ap.read(0x20, 4) >>> 24, 5, 'RESET restores the power-on APIC ID');
});

test('the I/O APIC destination picks the CPU: physical ID, logical flat; level EOI from that CPU clears Remote IRR', (t) => {
  const { b, apics, io } = bus([0, 1, 2]);
  const rte = (pin: number, low: number, high: number) => { io.write(0, 4, 0x10 + 2 * pin + 1); io.write(0x10, 4, high); io.write(0, 4, 0x10 + 2 * pin); io.write(0x10, 4, low); };
  rte(4, 0x34, 2 << 24);
  io.setIrq(4, true);
  t.deepEqual(apics.map((a) => irr(a, 0x34)), [false, false, true]);
  apics[1]!.write(0xd0, 4, 0x02000000);
  rte(9, 0x8000 | 0x800 | 0x39, 0x02000000); // level, logical 02h
  io.setIrq(9, true);
  t.deepEqual(apics.map((a) => irr(a, 0x39)), [false, true, false]);
  b.current = 1;
  t.is(apics[1]!.acknowledgeFixed(), 0x39);
  io.write(0, 4, 0x10 + 2 * 9);
  t.truthy(io.read(0x10, 4) & 0x4000, 'Remote IRR while in service');
  io.setIrq(9, false);
  b.write(0xb0, 4, 0);
  io.write(0, 4, 0x10 + 2 * 9);
  t.falsy(io.read(0x10, 4) & 0x4000, 'cleared by the EOI of the CPU that took it');
});
