/** The PC's interrupt wiring on a whole machine: ISA IRQs to the 8259 and the I/O APIC, INTR/INTA, A20, -serial backends. */
import test from 'ava';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMachine } from '../../src/machine/create-machine.js';

const out = (m: ReturnType<typeof createMachine>, port: number, v: number) => m.ports.write(port, 1, v);

function initPic(m: ReturnType<typeof createMachine>): void {
  for (const [port, v] of [[0x20, 0x11], [0x21, 0x08], [0x21, 0x04], [0x21, 0x01], [0xa0, 0x11], [0xa1, 0x70], [0xa1, 0x02], [0xa1, 0x01]] as const) out(m, port, v);
}

test('COM1 interrupt (IRQ 4) reaches the CPU through the 8259 and LINT0 ExtINT at reset', (t) => {
  const m = createMachine(['-machine', 'pc', '-nodefaults', '-serial', 'null']);
  m.reset();
  initPic(m);
  const intr = m.platformDevices.interrupts;
  t.false(intr.hasInterrupt());
  out(m, 0x3fc, 0x08); // MCR OUT2
  out(m, 0x3f9, 0x02); // IER THRI
  t.true(intr.hasInterrupt());
  t.is(intr.acknowledge(), 0x0c);
});

test('with the APIC in charge (LINT0 masked, I/O APIC routed as the MADT says) IRQ 0 arrives on pin 2', (t) => {
  const m = createMachine(['-machine', 'q35', '-nodefaults']);
  m.reset();
  const lapic = 0xfee00000;
  m.memory.write(lapic + 0xf0, 4, 0x1ff);
  m.memory.write(lapic + 0x350, 4, 0x10700);
  m.memory.write(0xfec00000, 4, 0x10 + 2 * 2);
  m.memory.write(0xfec00010, 4, 0x20);
  const intr = m.platformDevices.interrupts;
  m.platformDevices.gsi(0, true);
  t.true(intr.hasInterrupt());
  t.is(intr.acknowledge(), 0x20);
});

test('an attached x86 core gets IRQ 0 ticks from the PIT (18.2 Hz after reset) and the A20 line', (t) => {
  const m = createMachine(['-machine', 'pc', '-nodefaults']);
  m.reset();
  initPic(m);
  const a20: boolean[] = [];
  m.platformDevices.attachCpu({ setA20: (on) => a20.push(on) });
  let ticks = 0;
  const intr = m.platformDevices.interrupts;
  for (let i = 0; i < 100; i++) {
    m.clock.advance(10_000_000);
    if (intr.hasInterrupt()) { t.is(intr.acknowledge(), 0x08); out(m, 0x20, 0x20); ticks++; }
  }
  t.true(ticks === 18 || ticks === 19, `${ticks} ticks in 1 s`);
  out(m, 0x92, 0x00);
  out(m, 0x64, 0xdf);
  t.deepEqual(a20, [true, false, true]);
});

test('-serial file:PATH creates the file when the machine is built and receives what COM1 sends', (t) => {
  const path = join(mkdtempSync(join(tmpdir(), 'fwlab-serial-')), 'com1.log');
  const m = createMachine(['-machine', 'pc', '-nodefaults', '-serial', `file:${path}`]);
  t.true(existsSync(path));
  for (const c of 'hi\n') out(m, 0x3f8, c.charCodeAt(0));
  t.is(readFileSync(path, 'utf8'), 'hi\n');
  t.is(m.serialPorts[0]?.output, 'hi\n');
});

test('-serial file: in a missing directory is a one-line usage error', (t) => {
  const e = t.throws(() => createMachine(['-machine', 'pc', '-serial', 'file:/nonexistent-dir/x.log']));
  t.is(e?.name, 'UsageError');
  t.regex(e?.message ?? '', /^-serial file:\/nonexistent-dir\/x\.log: could not open '\/nonexistent-dir\/x\.log': ENOENT$/);
});

test('COM1 receive: LSR.DR and the received-data interrupt ahead of THR empty', (t) => {
  const m = createMachine(['-machine', 'pc', '-nodefaults', '-serial', 'null']);
  const uart = m.serialPorts[0]!.uart!;
  out(m, 0x3fc, 0x08);
  out(m, 0x3f9, 0x03);
  uart.receive([0x41, 0x42]);
  t.is(m.ports.read(0x3fd, 1) & 1, 1);
  t.is(m.ports.read(0x3fa, 1) & 0x0f, 0x04);
  t.is(m.ports.read(0x3f8, 1), 0x41);
  t.is(m.ports.read(0x3f8, 1), 0x42);
  t.is(m.ports.read(0x3fd, 1) & 1, 0);
  t.is(m.ports.read(0x3fa, 1) & 0x0f, 0x02);
});
