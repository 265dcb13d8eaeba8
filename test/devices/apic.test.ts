/** Local APIC and I/O APIC against the Intel SDM Vol. 3A ch. 11 and the 82093AA datasheet. */
import test from 'ava';
import { VirtualClock } from '../../src/machine/clock.js';
import { LocalApic } from '../../src/machine/devices/local-apic.js';
import { IoApic } from '../../src/machine/devices/ioapic.js';

function pair(picIntr = false) {
  const clock = new VirtualClock();
  const eois: number[] = [];
  let ioapic: IoApic | undefined;
  const lapic = new LocalApic(clock, { picIntr: () => picIntr, eoiBroadcast: (v) => { eois.push(v); ioapic?.eoiBroadcast(v); } });
  ioapic = new IoApic({ deliver: (d, l, m, v, lv) => lapic.deliver(d, l, m, v, lv) });
  return { clock, lapic, ioapic, eois };
}
const w = (a: LocalApic | IoApic, off: number, v: number) => a.write(off, 4, v);
const r = (a: LocalApic | IoApic, off: number) => a.read(off, 4);
const rte = (io: IoApic, pin: number, low: number, high = 0) => {
  w(io, 0, 0x10 + 2 * pin + 1); w(io, 0x10, high);
  w(io, 0, 0x10 + 2 * pin); w(io, 0x10, low);
};

test('reset state: version 0x50014, SVR 0xFF (software-disabled), LVTs masked except LINT0 ExtINT, DFR flat', (t) => {
  const { lapic } = pair();
  t.is(r(lapic, 0x30), 0x00050014);
  t.is(r(lapic, 0xf0), 0xff);
  t.is(r(lapic, 0x320), 0x10000);
  t.is(r(lapic, 0x350), 0x700);
  t.is(r(lapic, 0x360), 0x10000);
  t.is(r(lapic, 0xe0), 0xffffffff);
  t.true(lapic.acceptsPicIntr());
});

test('a self-IPI is accepted into IRR, INTA moves it to ISR, EOI ends it; TPR holds off lower classes', (t) => {
  const { lapic } = pair();
  w(lapic, 0xf0, 0x1ff);
  w(lapic, 0x300, 0x40000 | 0x41); // shorthand self, fixed, vector 0x41
  t.true(lapic.hasFixedInterrupt());
  t.is(lapic.acknowledgeFixed(), 0x41);
  t.is(r(lapic, 0x100 + 0x10 * 2) >>> 0, 1 << 1); // ISR bit 0x41: word 2 at 0x120
  t.is(r(lapic, 0xa0), 0x40); // PPR = class of the vector in service
  w(lapic, 0x300, 0x40000 | 0x35);
  t.false(lapic.hasFixedInterrupt(), 'class 3 waits behind class 4 in service');
  w(lapic, 0xb0, 0);
  t.true(lapic.hasFixedInterrupt());
  w(lapic, 0x80, 0x50);
  t.false(lapic.hasFixedInterrupt(), 'TPR 0x50 blocks class 3');
});

test('a software-disabled APIC delivers nothing', (t) => {
  const { lapic } = pair();
  w(lapic, 0x300, 0x40000 | 0x41);
  t.false(lapic.hasFixedInterrupt());
  t.is(lapic.acknowledgeFixed(), -1);
});

test('LVT timer one-shot: divide by 1, count 1000 → one interrupt 1000 ns later, current count reaches 0', (t) => {
  const { clock, lapic } = pair();
  w(lapic, 0xf0, 0x1ff);
  w(lapic, 0x3e0, 0xb); // divide by 1
  w(lapic, 0x320, 0x30);
  w(lapic, 0x380, 1000);
  clock.advance(400);
  t.is(r(lapic, 0x390), 600);
  t.false(lapic.hasFixedInterrupt());
  clock.advance(700);
  t.is(r(lapic, 0x390), 0);
  t.is(lapic.acknowledgeFixed(), 0x30);
  w(lapic, 0xb0, 0);
  clock.advance(10_000);
  t.false(lapic.hasFixedInterrupt());
});

test('LVT timer periodic with divide by 16 reloads and fires each (count + 1) × 16 ns', (t) => {
  const { clock, lapic } = pair();
  w(lapic, 0xf0, 0x1ff);
  w(lapic, 0x3e0, 0x3); // divide by 16
  w(lapic, 0x320, 0x20000 | 0x31);
  w(lapic, 0x380, 99);
  let fired = 0;
  for (let i = 0; i < 10; i++) {
    clock.advance(1600);
    if (lapic.hasFixedInterrupt()) { fired++; lapic.acknowledgeFixed(); w(lapic, 0xb0, 0); }
  }
  t.is(fired, 10);
});

test('I/O APIC reset: entries masked, version 0x170020; a level pin sets Remote IRR until the LAPIC EOI broadcast', (t) => {
  const { lapic, ioapic, eois } = pair();
  w(ioapic, 0, 1);
  t.is(r(ioapic, 0x10), 0x170020);
  w(lapic, 0xf0, 0x1ff);
  rte(ioapic, 9, 0x8000 | 0x2000 | 0x49); // level, active low, vector 0x49, physical dest 0
  ioapic.setIrq(9, true);
  t.is(lapic.acknowledgeFixed(), 0x49);
  w(ioapic, 0, 0x10 + 18);
  t.truthy(r(ioapic, 0x10) & 0x4000, 'Remote IRR');
  w(lapic, 0xb0, 0);
  t.deepEqual(eois, [0x49]);
  // Still asserted: delivered again after the EOI.
  t.is(lapic.acknowledgeFixed(), 0x49);
  ioapic.setIrq(9, false);
  w(lapic, 0xb0, 0);
  t.is(lapic.acknowledgeFixed(), -1);
});

test('ISA IRQ 0 reaches I/O APIC pin 2 (the MADT override IRQ0 → GSI 2); a masked edge pin drops edges', (t) => {
  const { lapic, ioapic } = pair();
  w(lapic, 0xf0, 0x1ff);
  rte(ioapic, 2, 0x30);
  ioapic.setIrq(0, true);
  t.is(lapic.acknowledgeFixed(), 0x30);
  rte(ioapic, 4, 0x10000 | 0x34);
  ioapic.setIrq(4, true);
  ioapic.setIrq(4, false);
  t.is(lapic.acknowledgeFixed(), -1);
});

test('logical flat destination: delivered only when the LDR shares a bit with the destination', (t) => {
  const { lapic, ioapic } = pair();
  w(lapic, 0xf0, 0x1ff);
  w(lapic, 0xd0, 0x01000000);
  rte(ioapic, 5, 0x800 | 0x35, 0x02000000);
  ioapic.setIrq(5, true);
  t.is(lapic.acknowledgeFixed(), -1);
  rte(ioapic, 6, 0x800 | 0x36, 0x03000000);
  ioapic.setIrq(6, true);
  t.is(lapic.acknowledgeFixed(), 0x36);
});

test('an undefined register sets ESR illegal-register-address; writing ESR clears it', (t) => {
  const { lapic } = pair();
  r(lapic, 0x3f0);
  t.is(r(lapic, 0x280), 0x80);
  w(lapic, 0x280, 0);
  t.is(r(lapic, 0x280), 0);
});
