import test from 'ava';
import { prng } from '../helpers/prng.js';
import { boot } from '../../src/index.js';
import { loadProgram, romPath, DEFAULT_BIOS, DEFAULT_GUEST } from '../../src/machine/rom/load-program.js';
import type { CpuProgram, CpuWire } from '../../src/spec/cpu-wire.js';


const RESET_PORTS = [0x60, 0x64, 0x92, 0xcf9];
let stopPorts = [...RESET_PORTS];

/** A hostile program: random port and memory accesses of every width, aimed at what is decoded. */
function chaos(seed: number, ops: number, ports: number[], mmio: Array<[number, number]>, done: { ops: number }): CpuProgram {
  const rnd = prng(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
  const value = () => Math.floor(rnd() * 2 ** 32) >>> 0;
  return {
    name: 'chaos', version: String(seed),
    run(wire: CpuWire) {
      for (let i = 0; i < ops; i++) {
        const r = rnd();
        let port = rnd() < 0.9 ? pick(ports) + Math.floor(rnd() * 4) : Math.floor(rnd() * 0x10000);
        // The reset ports end the run by design (tested on their own: 0xCF9, the i8042's 0x60/0x64
        // output port and 0xFE, port 0x92), and so does S3 through PM1a_CNT; aim elsewhere, also with a
        // wide access reaching them.
        if (stopPorts.some((p) => port <= p && p < port + 4)) port = 0xcfc;
        const [base, size] = pick(mmio);
        const addr = rnd() < 0.9 ? base + Math.floor(rnd() * size) : Math.floor(rnd() * 2 ** 36);
        if (r < 0.2) wire.out8(port, value());
        else if (r < 0.3) wire.out16(port, value());
        else if (r < 0.4) wire.out32(port, value());
        else if (r < 0.55) wire.in8(port) + wire.in16(port) + wire.in32(port);
        else if (r < 0.7) wire.write32(addr, value());
        else if (r < 0.75) wire.write64(addr, BigInt(value()) << 32n | BigInt(value()));
        else if (r < 0.8) wire.writeBytes(addr, new Uint8Array(Math.floor(rnd() * 64)).map(() => value() & 0xff));
        else if (r < 0.95) wire.read8(addr) + wire.read16(addr) + wire.read32(addr) + Number(wire.read64(addr) & 1n);
        else wire.readBytes(addr, Math.floor(rnd() * 256));
        if (i % 1000 === 0) wire.setInterruptsEnabled(rnd() < 0.5);
        done.ops++;
      }
      return { kind: 'halt', reason: 'chaos done' };
    },
  };
}

for (const board of ['pc', 'q35']) {
  test(`${board}: 100k random guest accesses to every device never crash the machine, and it reboots cleanly`, async (t) => {
    const GUID = '324e6eaf-d1d1-4bf6-bf41-b9bb6c91fb87';
    const { machine, report } = await boot(['-machine', board, '-device', `vmgenid,guid=${GUID}`]);
    stopPorts = [...RESET_PORTS];
    t.is(report.guest?.exit.kind, 'idle');
    const ports = [...new Set(machine.ports.list().map((r) => r.base))];
    // SLP_EN with SLP_TYP 1 in PM1a_CNT suspends: the CPU stops like on a reset request (decision 0041).
    stopPorts.push(machine.pmBase! + 4);
    const mmio = machine.memory.flatView()
      .filter((f) => f.mapping.target.kind === 'mmio' || f.mapping.target.kind === 'pam' || f.mapping.target.kind === 'rom')
      .map((f) => [f.start, Math.min(f.end - f.start, 0x10000)] as [number, number]);
    t.true(ports.length > 8 && mmio.length > 0, `${ports.length} port ranges, ${mmio.length} MMIO ranges`);
    // Run on the CPU as it is: the idle guest's SCI handler stays installed and takes whatever
    // interrupts the chaos raises (a fault there is the guest's, recorded, never the machine's).
    const done = { ops: 0 };
    const exit = machine.cpu.run(chaos(0xf11ab, 100_000, ports, mmio, done));
    t.deepEqual(exit, { kind: 'halt', reason: 'chaos done' });
    t.is(done.ops, 100_000);
    t.log(`guest handler faults: ${machine.cpu.faults.length}; machine events: ${machine.events.length}`);

    const bios = await loadProgram(romPath(DEFAULT_BIOS), 'bios');
    const guest = await loadProgram(romPath(DEFAULT_GUEST), 'guest');
    const before = machine.debugConsole.lines.length;
    const again = machine.run(bios.program, guest.program);
    t.is(again.firmware.kind, 'handover');
    t.is(again.guest?.kind, 'idle');
    const lines = machine.debugConsole.lines.slice(before);
    t.true(lines.some((l) => l.startsWith(`ospm: vmgenid ${GUID} `)), lines.filter((l) => l.startsWith('ospm')).join('\n'));
  });
}

test('a program that throws halts with the fault in its exit, and the machine carries on', async (t) => {
  const { machine } = await boot(['-machine', 'q35', '-nodefaults'], { guest: 'none' });
  const exit = machine.cpu.run({ name: 'buggy', version: '1', run() { throw new TypeError('boom'); } });
  t.deepEqual(exit, { kind: 'halt', reason: 'program fault: TypeError: boom' });
  machine.cpu.run({
    name: 'bad-handler', version: '1',
    run(w) {
      w.out8(0x628, 0x20);
      w.onInterrupt(() => { throw new RangeError('handler bug'); });
      w.setInterruptsEnabled(true);
      return { kind: 'idle' };
    },
  });
  t.notThrows(() => machine.acpiPm.raiseGpe(5));
  t.deepEqual(machine.cpu.faults, ['interrupt handler faulted on line 9: RangeError: handler bug']);
});

test('a write of 0x06 to 0xCF9 restarts the firmware from reset; a ROM that always resets is stopped', async (t) => {
  const { createMachine } = await import('../../src/index.js');
  const m = createMachine(['-machine', 'q35', '-nodefaults']);
  let runs = 0;
  const once: CpuProgram = {
    name: 'reset-once', version: '1',
    run(wire) {
      runs++;
      if (runs === 1) wire.out8(0xcf9, 0x06);
      return { kind: 'handover' };
    },
  };
  t.deepEqual(m.run(once, undefined).firmware, { kind: 'handover' });
  t.is(runs, 2);
  t.deepEqual(m.events, ['reset requested: hard reset (0xCF9)']);
  const always: CpuProgram = { name: 'reset-loop', version: '1', run(wire) { wire.out8(0xcf9, 0x06); return { kind: 'handover' }; } };
  t.deepEqual(m.run(always, undefined).firmware, { kind: 'halt', reason: 'reset loop (4 resets)' });
});
