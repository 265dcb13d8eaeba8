import test from 'ava';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { boot, bootMachine, createMachine } from '../../src/machine/create-machine.js';
import { MmioWindow } from '../../src/machine/bus/memory-target.js';
import { DeviceHandlerError } from '../../src/machine/cpu/device-fault.js';
import type { CpuProgram } from '../../src/spec/cpu-wire.js';
import { repoRoot } from '../helpers/paths.js';

/** The CpuWire members as the spec file declares them (src/spec/cpu-wire.ts), read from its text. */
function specWireMethods(): string[] {
  const text = readFileSync(join(repoRoot(), 'src/spec/cpu-wire.ts'), 'utf8');
  const body = /export interface CpuWire \{([\s\S]*?)\n\}/.exec(text)![1]!.replace(/\/\*[\s\S]*?\*\//g, '');
  return [...body.matchAll(/^\s*(\w+)\(/gm)].map((m) => m[1]!).sort();
}

/** A ROM that probes its wire object and prints one line per probe on the debug console. */
const PROBING_ROM = `
const say = (wire, s) => { for (const c of s + '\\n') wire.out8(0x402, c.charCodeAt(0)); };
const attempt = (f) => { try { const v = f(); return 'ok ' + String(v); } catch (e) { return 'threw ' + e.name; } };
export const program = { name: 'probe', version: '1', run(wire) {
  const before = wire.now();
  const lines = [
    'keys ' + Object.keys(wire).sort().join(','),
    'own ' + Reflect.ownKeys(wire).length,
    'proto ' + String(Object.getPrototypeOf(wire)),
    'ports ' + typeof wire.ports,
    'memory ' + typeof wire.memory,
    'clock ' + typeof wire.clock,
    'lines ' + typeof wire.lines,
    'constructor ' + typeof wire.constructor,
    'frozen ' + Object.isFrozen(wire),
    'fnfrozen ' + Object.values(wire).every((f) => Object.isFrozen(f)),
    'add ' + attempt(() => { wire.extra = 1; return wire.extra; }),
    'define ' + attempt(() => { Object.defineProperty(wire, 'ports', { value: 1 }); return wire.ports; }),
    'replace ' + attempt(() => { wire.in8 = () => 0; return 'replaced'; }),
    'delete ' + attempt(() => delete wire.out8),
    'setproto ' + attempt(() => { Object.setPrototypeOf(wire, { ports: 1 }); return wire.ports; }),
    'fnprop ' + attempt(() => { wire.in8.core = 1; return wire.in8.core; }),
    'fnthis ' + attempt(() => typeof wire.in8.call(undefined, 0x80)),
    'rewind ' + attempt(() => { wire.clock.reset(); return 'rewound'; }),
    'register ' + attempt(() => { wire.ports.register('evil', 0x80, 1, { read: () => 0, write() {} }); return 'registered'; }),
  ];
  for (const l of lines) say(wire, 'probe: ' + l);
  say(wire, 'probe: time ' + (wire.now() >= before));
  return { kind: 'halt', reason: 'probed' };
} };
`;

test('a ROM module gets exactly the CpuWire methods on a frozen object and can reach or change nothing else', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'fwlab-wire-'));
  const path = join(dir, 'probe-rom.mjs');
  writeFileSync(path, PROBING_ROM);
  const { machine, report } = await boot(['-machine', 'q35', '-nodefaults'], { bios: path, guest: 'none' });
  const probes = report.firmware!.console.filter((l) => l.startsWith('probe: ')).map((l) => l.slice(7));
  const methods = specWireMethods();
  t.is(methods.length, 21, 'the spec declares 21 wire methods');
  t.deepEqual(probes, [
    `keys ${methods.join(',')}`,
    `own ${methods.length}`,
    'proto null',
    'ports undefined',
    'memory undefined',
    'clock undefined',
    'lines undefined',
    'constructor undefined',
    'frozen true',
    'fnfrozen true',
    'add threw TypeError',
    'define threw TypeError',
    'replace threw TypeError',
    'delete threw TypeError',
    'setproto threw TypeError',
    'fnprop threw TypeError',
    'fnthis ok number',
    'rewind threw TypeError',
    'register threw TypeError',
    'time true',
  ]);
  t.deepEqual(report.firmware!.exit, { kind: 'halt', reason: 'probed' });
  t.false(machine.ports.list().some((r) => r.name === 'evil'));
});

function throwingDevice(): { read(): number; write(): void } {
  return {
    read: () => { throw new RangeError('device bug on read'); },
    write: () => { throw new RangeError('device bug on write'); },
  };
}

test('a device handler that throws during a program port access is an internal error naming the device and port', (t) => {
  const m = createMachine(['-machine', 'pc', '-nodefaults']);
  m.ports.register('broken-dev', 0x80, 1, throwingDevice());
  const program: CpuProgram = { name: 'innocent', version: '1', run(w) { w.in8(0x80); return { kind: 'halt', reason: 'done' }; } };
  const e = t.throws(() => m.run(program, undefined), { instanceOf: DeviceHandlerError });
  t.is(e?.device, 'broken-dev');
  t.is(e?.space, 'port');
  t.is(e?.address, 0x80);
  t.regex(e?.message ?? '', /^device 'broken-dev' threw on in8 at port 0x0080: RangeError: device bug on read$/);
  t.deepEqual(m.cpu.runs, [], 'the program is not recorded as having faulted or exited');
});

test('a program that catches the device exception does not hide it: the run still ends in the internal error', (t) => {
  const m = createMachine(['-machine', 'q35', '-nodefaults']);
  m.memory.map('broken-mmio', 0xfe000000, new MmioWindow(throwingDevice(), 0x1000));
  let caught = '';
  const program: CpuProgram = {
    name: 'careful', version: '1',
    run(w) {
      try {
        w.write32(0xfe000010, 1);
      } catch (err) {
        caught = (err as Error).name;
      }
      return { kind: 'halt', reason: 'done' };
    },
  };
  const e = t.throws(() => m.cpu.run(program), { instanceOf: DeviceHandlerError });
  t.is(caught, 'DeviceHandlerError');
  t.regex(e?.message ?? '', /device 'broken-mmio' threw on write32 at memory 0xfe000010: RangeError: device bug on write/);
});

test('a device that throws inside an interrupt handler access is an internal error, not a handler fault', (t) => {
  const m = createMachine(['-machine', 'pc', '-nodefaults']);
  m.ports.register('broken-dev', 0x80, 1, throwingDevice());
  m.cpu.run({
    name: 'idler', version: '1',
    run(w) {
      w.out8(0xafe2, 0x20); // PIIX4 GPE0_EN byte 0 (GPE0 block at 0xAFE0): enable bit 5
      w.onInterrupt(() => { w.out8(0x80, 1); });
      w.setInterruptsEnabled(true);
      return { kind: 'idle' };
    },
  });
  t.throws(() => m.acpiPm.raiseGpe(5), { instanceOf: DeviceHandlerError, message: /device 'broken-dev' threw on out8 at port 0x0080/ });
  t.deepEqual(m.cpu.faults, []);
});

test('booting a ROM module whose port write hits a throwing device fails with the internal error, not a report of a program fault', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'fwlab-wire-'));
  const path = join(dir, 'post-code-rom.mjs');
  writeFileSync(path, `export const program = { name: 'post', version: '1', run(wire) {
    try { wire.out8(0x80, 0x55); } catch { /* a ROM cannot hide a machine bug */ }
    return { kind: 'halt', reason: 'done' };
  } };\n`);
  const m = createMachine(['-machine', 'q35', '-nodefaults']);
  m.ports.register('broken-post', 0x80, 1, throwingDevice());
  await t.throwsAsync(bootMachine(m, { bios: path, guest: 'none' }), {
    instanceOf: DeviceHandlerError, message: /^device 'broken-post' threw on out8 at port 0x0080: RangeError: device bug on write$/,
  });
});
