import test from 'ava';
import { createMachine } from '../../src/machine/create-machine.js';
import { cfgRead, cfgWrite } from './config-cycles.js';

test('mechanism #1: 0xCF8 latches only 4-byte writes; data reads all-ones without the enable bit', (t) => {
  const m = createMachine(['-machine', 'pc', '-nodefaults']);
  m.ports.write(0xcf8, 4, 0x80000000);
  t.is(m.ports.read(0xcf8, 4), 0x80000000);
  m.ports.write(0xcf8, 2, 0x1234);
  t.is(m.ports.read(0xcf8, 4), 0x80000000, 'a 16-bit write does not latch');
  t.is(m.ports.read(0xcfc, 4), 0x12378086);
  t.is(m.ports.read(0xcfe, 2), 0x1237);
  t.is(m.ports.read(0xcfd, 1), 0x80);
  m.ports.write(0xcf8, 4, 0x00000000);
  t.is(m.ports.read(0xcfc, 4), 0xffffffff);
  t.is(cfgRead(m, 0, 31 * 8, 0, 4), 0xffffffff, 'absent device');
  t.is(cfgRead(m, 0, 1 * 8 + 2, 0, 2), 0xffff, 'absent function');
});

test('0xCF9 stays the reset control register (byte access), overlaying the address latch', (t) => {
  const m = createMachine(['-machine', 'pc', '-nodefaults']);
  t.is(m.ports.list().find((r) => r.base === 0xcf9)?.name, 'reset-control');
});

test('q35 ECAM appears where PCIEXBAR says, only while enabled (SeaBIOS: 0xB0000001)', (t) => {
  const m = createMachine(['-machine', 'q35', '-nodefaults']);
  t.is(m.memory.read(0xb0000000, 4), 0xffffffff, 'unmapped at reset');
  t.is(cfgRead(m, 0, 0, 0x60, 4), 0xb0000000, 'reset value, enable clear');
  cfgWrite(m, 0, 0, 0x60, 4, 0);
  cfgWrite(m, 0, 0, 0x64, 4, 0);
  cfgWrite(m, 0, 0, 0x60, 4, 0xb0000001);
  t.deepEqual(m.pci.pciexbar(), { enabled: true, base: 0xb0000000, size: 0x10000000 });
  t.is(m.memory.read(0xb0000000, 4), 0x29c08086);
  t.is(m.memory.read(0xb0000000 + (0x1f << 15) + (3 << 12), 4), 0x29308086, '00:1f.3 through ECAM');
  t.is(m.memory.read(0xb0000000 + (0x1f << 15) + 0x100, 4), 0xffffffff, 'conventional device: nothing past 0xff');
  // 64 MiB at 0xE0000000: length field 2.
  cfgWrite(m, 0, 0, 0x60, 4, 0xe0000005);
  t.deepEqual(m.pci.pciexbar(), { enabled: true, base: 0xe0000000, size: 0x4000000 });
  t.is(m.memory.read(0xb0000000, 4), 0xffffffff);
  t.is(m.memory.read(0xe0000000, 4), 0x29c08086);
  cfgWrite(m, 0, 0, 0x60, 4, 0xe0000004);
  t.is(m.memory.read(0xe0000000, 4), 0xffffffff, 'disabled again');
});

test('PM base: PIIX4 0x40/0x80 and ICH9 PMBASE/ACPI_CNTL move the PM block (SeaBIOS values)', (t) => {
  const pc = createMachine(['-machine', 'pc', '-nodefaults']);
  const PM = 1 * 8 + 3;
  cfgWrite(pc, 0, PM, 0x40, 4, 0x601);
  t.is(pc.pmBase, undefined);
  cfgWrite(pc, 0, PM, 0x80, 1, 0x01);
  t.is(pc.pmBase, 0x600);
  cfgWrite(pc, 0, PM, 0x90, 4, 0x701);
  cfgWrite(pc, 0, PM, 0xd2, 1, 0x09);
  t.is(cfgRead(pc, 0, PM, 0xd0, 4), 0x90000);
  t.true(pc.ports.list().some((r) => r.name === 'piix4-smbus' && r.base === 0x700));

  const q = createMachine(['-machine', 'q35', '-nodefaults']);
  const LPC = 0x1f * 8;
  cfgWrite(q, 0, LPC, 0x40, 4, 0x601);
  t.is(cfgRead(q, 0, LPC, 0x40, 4), 0x601);
  t.is(q.pmBase, undefined, 'ACPI_CNTL enable still clear');
  cfgWrite(q, 0, LPC, 0x44, 1, 0x80);
  t.is(q.pmBase, 0x600);
  t.is(q.pci.pmBase(), 0x600);
  q.reset();
  t.is(q.pmBase, undefined, 'reset restores the power-on registers');
  t.is(cfgRead(q, 0, LPC, 0x40, 4), 0x1);
});

test('PAM registers reach the PAM controller (i440FX 0x59.., MCH 0x90..)', (t) => {
  const pc = createMachine(['-machine', 'pc', '-nodefaults']);
  cfgWrite(pc, 0, 0, 0x59, 1, 0x30);
  t.is(pc.pam.readRegister(0), 0x30);
  const q = createMachine(['-machine', 'q35', '-nodefaults']);
  cfgWrite(q, 0, 0, 0x90, 4, 0x33333330);
  t.deepEqual([0, 1, 2, 3].map((n) => q.pam.readRegister(n)), [0x30, 0x33, 0x33, 0x33]);
});

test('status bits are write-1-to-clear; command keeps only QEMU\'s writable bits', (t) => {
  const m = createMachine(['-machine', 'pc', '-nodefaults', '-device', 'e1000,addr=5']);
  const f = m.pci.host.functions().find((x) => x.name === 'e1000')!;
  f.config.set(0x06, 2, 0x2000);
  cfgWrite(m, 0, 5 * 8, 0x04, 4, 0xffffffff);
  t.is(cfgRead(m, 0, 5 * 8, 0x04, 2), 0x0507);
  t.is(cfgRead(m, 0, 5 * 8, 0x06, 2), 0x0000, 'received master abort cleared');
});

test('0xCF8/0xCFC widths and offsets as QEMU 7.2 answers them (qtest observations)', (t) => {
  const m = createMachine(['-machine', 'pc', '-nodefaults']);
  m.ports.write(0xcf8, 4, 0x80ab12fc);
  // Narrow reads of the address register return its low bits whatever the offset.
  t.is(m.ports.read(0xcf8, 2), 0x12fc);
  t.is(m.ports.read(0xcfa, 2), 0x12fc);
  t.is(m.ports.read(0xcfb, 1), 0xfc);
  m.ports.write(0xcf8, 1, 0x55);
  m.ports.write(0xcfa, 2, 0x5555);
  t.is(m.ports.read(0xcf8, 4), 0x80ab12fc, 'narrow writes do not latch');
  m.ports.write(0xcf8, 4, 0x80000003);
  t.is(m.ports.read(0xcfc, 4), 0x12, 'the low address bits offset the register');
  m.ports.write(0xcf8, 4, 0x80000000);
  t.is(m.ports.read(0xcfd, 4), 0xff123780, 'a dword at 0xCFD: three config bytes, then an unassigned port');
  t.is(m.ports.read(0xcfe, 4), 0xffff1237);
  t.is(m.ports.read(0xcff, 2), 0xff12);
  m.ports.write(0xcf8, 4, 0x80000100);
  t.is(m.ports.read(0xcfc, 4), 0xffffffff, 'bus 0 devfn 1: nothing there');
});
