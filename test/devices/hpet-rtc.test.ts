/** HPET (IA-PC HPET spec 1.0a) and the MC146818 RTC's interrupts, on the virtual clock. */
import test from 'ava';
import { VirtualClock } from '../../src/machine/clock.js';
import { Hpet } from '../../src/machine/devices/hpet.js';
import { CmosRtc } from '../../src/machine/devices/cmos-rtc.js';

function hpet() {
  const clock = new VirtualClock();
  const edges: Array<[number, number]> = [];
  const legacy: boolean[] = [];
  const levels = new Map<number, boolean>();
  const h = new Hpet(clock, {
    setIrq: (route, level) => { if (level && !levels.get(route)) edges.push([route, clock.now()]); levels.set(route, level); },
    legacyMode: (on) => legacy.push(on),
  }, 0x4);
  return { clock, h, edges, legacy, levels };
}

test('HPET: the main counter runs at 100 MHz only while enabled', (t) => {
  const { clock, h } = hpet();
  clock.advance(1000);
  t.is(h.read(0xf0, 4), 0);
  h.write(0x10, 4, 1);
  clock.advance(1000);
  t.is(h.read(0xf0, 4), 100);
  h.write(0x10, 4, 0);
  clock.advance(1000);
  t.is(h.read(0xf0, 4), 100);
});

test('HPET legacy replacement: timer 0 periodic on IRQ 0, timer 1 one-shot on IRQ 8; PIT/RTC outputs handed over', (t) => {
  const { clock, h, edges, legacy } = hpet();
  h.write(0x100, 4, 0x14c); // enable, periodic, VAL_SET, 32-bit mode
  h.write(0x108, 4, 1000); // first at 10 µs
  h.write(0x108, 4, 1000); // period 10 µs
  h.write(0x120, 4, 0x104);
  h.write(0x128, 4, 2500);
  h.write(0x10, 4, 3);
  t.deepEqual(legacy, [true]);
  clock.advance(100_000);
  const irq0 = edges.filter(([r]) => r === 0).map(([, at]) => at);
  const irq8 = edges.filter(([r]) => r === 8).map(([, at]) => at);
  t.is(irq0.length, 10);
  t.deepEqual(irq0.slice(0, 2), [10_000, 20_000]);
  t.deepEqual(irq8, [25_000]);
  h.write(0x10, 4, 1);
  t.deepEqual(legacy, [true, false]);
});

test('HPET level-triggered timer: ISR bit set and the line held until software writes 1 to it', (t) => {
  const { clock, h, levels } = hpet();
  h.write(0x100, 4, 0x06 | (2 << 9)); // level, enable, route GSI 2
  h.write(0x108, 4, 50);
  h.write(0x10, 4, 1);
  clock.advance(1000);
  t.is(h.read(0x20, 4), 1);
  t.true(levels.get(2));
  h.write(0x20, 4, 1);
  t.is(h.read(0x20, 4), 0);
  t.false(levels.get(2));
});

function rtc() {
  const clock = new VirtualClock();
  const c = new CmosRtc(clock);
  let level = false;
  let edges = 0;
  c.setIrq((l) => { if (l && !level) edges++; level = l; });
  const reg = (i: number, v?: number) => {
    c.ports.write(0, 1, i);
    if (v === undefined) return c.ports.read(1, 1);
    c.ports.write(1, 1, v);
    return v;
  };
  return { clock, c, reg, edges: () => edges, level: () => level };
}

test('RTC periodic interrupt: rate 6 (1024 Hz) with PIE raises IRQ 8; reading C clears IRQF and lowers the line', (t) => {
  const { clock, reg, edges, level } = rtc();
  reg(0x0b, 0x42); // PIE | 24h
  clock.advance(1_000_000);
  t.true(level());
  t.is(reg(0x0c)! & 0xc0, 0xc0);
  t.false(level());
  t.is(reg(0x0c), 0);
  const before = edges();
  for (let i = 0; i < 200; i++) { clock.advance(500_000); reg(0x0c); }
  t.true(Math.abs(edges() - before - 102.4) <= 1, `${edges() - before} periodic interrupts in 100 ms at 1024 Hz`);
});

test('RTC update-ended interrupt once per second with UIE; UF is set for a poller without UIE too', (t) => {
  const { clock, reg, edges } = rtc();
  clock.advance(1_500_000_000);
  t.is(reg(0x0c)! & 0x10, 0x10, 'UF polled');
  t.is(edges(), 0);
  reg(0x0b, 0x12);
  clock.advance(3_000_000_000);
  t.is(edges(), 1, 'a guest that never reads C gets one interrupt');
  reg(0x0c);
  clock.advance(1_000_000_000);
  t.is(edges(), 2);
});

test('RTC alarm: AF and IRQ 8 when hours/minutes/seconds match (0xC0+ = any)', (t) => {
  const { clock, reg, level } = rtc();
  reg(0x01, 0x05); // seconds alarm 05 (BCD)
  reg(0x03, 0xc0);
  reg(0x05, 0xff);
  reg(0x0b, 0x22); // AIE
  clock.advance(4_500_000_000);
  t.false(level());
  clock.advance(1_000_000_000);
  t.true(level());
  t.is(reg(0x0c)! & 0xa0, 0xa0);
});

test('RTC register A: UIP reads 1 during the last 244 µs before each update', (t) => {
  const { clock, reg } = rtc();
  clock.advance(999_700_000);
  t.is(reg(0x0a)! & 0x80, 0);
  clock.advance(100_000);
  t.is(reg(0x0a), 0xa6);
});
