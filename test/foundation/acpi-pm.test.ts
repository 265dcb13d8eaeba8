import test from 'ava';
import { createMachine } from '../../src/index.js';
import { CpuPowerOffSignal } from '../../src/machine/cpu/cpu-core.js';
import type { CpuProgram } from '../../src/spec/cpu-wire.js';

test('q35: the PM block decodes only at the programmed base; GPE0 sits at PMBASE+0x20', (t) => {
  const m = createMachine(['-machine', 'q35']);
  t.is(m.cpu.in16(0x604), 0xffff, 'nothing there before the firmware programs PMBASE');
  m.setPmBase(0x600);
  t.is(m.cpu.in16(0x604), 0);
  m.cpu.out8(0x628 + 0, 0x20); // GPE0_EN byte 0: enable bit 5
  t.is(m.cpu.in8(0x628), 0x20);
  m.setPmBase(undefined);
  t.is(m.cpu.in8(0x628), 0xff);
});

test('pc: GPE0 is fixed at 0xAFE0 (2 status + 2 enable bytes)', (t) => {
  const m = createMachine(['-machine', 'pc']);
  m.acpiPm.raiseGpe(1);
  t.is(m.cpu.in8(0xafe0), 0x02);
  m.cpu.out8(0xafe0, 0x02); // write 1 to clear
  t.is(m.cpu.in8(0xafe0), 0);
});

test('the PM timer runs at 3.579545 MHz on the virtual clock and wraps at 24 bits', (t) => {
  const m = createMachine(['-machine', 'q35']);
  m.setPmBase(0x600);
  const t0 = m.cpu.in32(0x608);
  m.clock.advance(1e9);
  const t1 = m.cpu.in32(0x608);
  // Each port access costs 1 µs of virtual time: the reads happen at 1 µs (3 ticks) and 1 s + 2 µs.
  t.is(t0, 3);
  t.is(t1, 3579545 + 7);
  t.true(t1 < 2 ** 24);
});

test('ACPI_ENABLE on the APM port sets SCI_EN; SLP_TYP 0 + SLP_EN powers off', (t) => {
  const m = createMachine(['-machine', 'pc']);
  m.setPmBase(0x600);
  m.cpu.out8(0xb2, 0xf1);
  t.is(m.cpu.in16(0x604) & 1, 1);
  t.throws(() => m.cpu.out16(0x604, 0x2000 | 1), { instanceOf: CpuPowerOffSignal }, 'the CPU stops at the write');
  t.true(m.isPoweredOff);
});

test('an enabled GPE raises the SCI (IRQ 9) and the running program takes it once per assertion', (t) => {
  const m = createMachine(['-machine', 'q35']);
  m.setPmBase(0x600);
  const seen: number[] = [];
  const guest: CpuProgram = {
    name: 'test-guest',
    version: '1',
    run(wire) {
      wire.out8(0x628, 0x20); // enable GPE0 bit 5
      wire.onInterrupt((irq) => {
        seen.push(irq);
        wire.out8(0x620, wire.in8(0x620)); // acknowledge: write the status back
      });
      wire.setInterruptsEnabled(true);
      return { kind: 'idle' };
    },
  };
  m.cpu.run(guest);
  t.deepEqual(seen, []);
  m.acpiPm.raiseGpe(5);
  t.deepEqual(seen, [9]);
  t.false(m.irq.isAsserted(9), 'the handler cleared the status, so the line dropped');
  m.acpiPm.raiseGpe(3); // not enabled: no SCI
  t.deepEqual(seen, [9]);
});

test('a handler that never acknowledges a level interrupt is not called forever', (t) => {
  const m = createMachine(['-machine', 'q35']);
  m.setPmBase(0x600);
  let calls = 0;
  m.cpu.run({
    name: 'stuck', version: '1',
    run(wire) {
      wire.out8(0x628, 0x20);
      wire.onInterrupt(() => { calls++; });
      wire.setInterruptsEnabled(true);
      return { kind: 'idle' };
    },
  });
  t.notThrows(() => m.acpiPm.raiseGpe(5));
  t.true(calls > 1 && calls <= 64, `${calls} deliveries`);
});

test('interrupts are not delivered while disabled, and are delivered by sti', (t) => {
  const m = createMachine(['-machine', 'q35']);
  m.setPmBase(0x600);
  let calls = 0;
  let wire!: Parameters<CpuProgram['run']>[0];
  m.cpu.run({ name: 'p', version: '1', run(w) { wire = w; w.out8(0x628, 0x20); w.onInterrupt(() => { calls++; w.out8(0x620, 0x20); }); return { kind: 'idle' }; } });
  m.acpiPm.raiseGpe(5);
  t.is(calls, 0);
  wire.setInterruptsEnabled(true);
  t.is(calls, 1);
});
