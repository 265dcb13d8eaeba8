/**
 * `npm run bench`: POST time of the default machine (q35, 512 MiB), in-process and warm.
 * The firmware runs from reset to hand-over repeatedly on one machine; prints the median.
 */
import { createMachine } from '../src/machine/create-machine.js';
import { loadProgram, romPath, DEFAULT_BIOS } from '../src/machine/rom/load-program.js';

const WARMUP = 30;
const RUNS = 200;
const TARGET_MS = 2;

async function benchConfig(label: string, args: string[]): Promise<number> {
  const bios = await loadProgram(romPath(DEFAULT_BIOS), '--bios');
  const machine = createMachine(args);
  machine.installRom(bios.program.name, bios.image);
  // Attribute the machine's work behind fw_cfg selects (QEMU's ACPI rebuild on the first select).
  const fw = machine.fwCfg;
  const select = fw.select.bind(fw);
  let inSelect = 0;
  fw.select = (key: number) => {
    const t = performance.now();
    select(key);
    inSelect += performance.now() - t;
  };
  const times: number[] = [];
  const selects: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    inSelect = 0;
    const t0 = performance.now();
    const exit = machine.run(bios.program, undefined);
    const t1 = performance.now();
    if (exit.firmware.kind !== 'handover') throw new Error(`${label}: firmware did not hand over: ${JSON.stringify(exit.firmware)}`);
    if (i >= WARMUP) { times.push(t1 - t0); selects.push(inSelect); }
  }
  times.sort((a, b) => a - b);
  selects.sort((a, b) => a - b);
  const rebuild = selects[Math.floor(selects.length / 2)]!;
  const median = times[Math.floor(times.length / 2)]!;
  const p90 = times[Math.floor(times.length * 0.9)]!;
  console.log(`${label.padEnd(28)} POST median ${median.toFixed(3)} ms, p90 ${p90.toFixed(3)} ms, min ${times[0]!.toFixed(3)} ms (${RUNS} warm runs); `
    + `machine ACPI rebuild on select ${rebuild.toFixed(3)} ms, rest ${(median - rebuild).toFixed(3)} ms`);
  return median;
}

const median = await benchConfig('default (q35, 512M)', []);
await benchConfig('pc, 512M', ['-machine', 'pc']);
console.log(median <= TARGET_MS ? `OK: default POST ${median.toFixed(3)} ms <= ${TARGET_MS} ms` : `SLOW: default POST ${median.toFixed(3)} ms > ${TARGET_MS} ms`);

// AML interpreter speed, side by side with acpiexec (bench/aml.ts).
await import('./aml.js');

// x86 interpreter speed, side by side with QEMU TCG (bench/x86.ts).
await import('./x86.js');
