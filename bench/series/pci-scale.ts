/**
 * PCI at scale: N NVMe controllers behind 32 PCI bridges on `pc` (16 on bus 0, 16 behind those;
 * shpc=off, so SeaBIOS gives the bridges no I/O windows and the layout fits), machine build +
 * POST, in-process. Cost per device is the slope from the smallest to the largest machine.
 */
import { bootMachine, createMachine } from '../../src/machine/create-machine.js';
import { median, ms, timeRuns } from '../lib/measure.js';
import type { BenchContext, Goal, Section } from '../lib/section.js';

const BRIDGES = 32;

/** N devices spread over 32 bridges, each bridge's 32 slots filled in turn. */
export function pciScaleArgs(devices: number): string[] {
  const args = ['-machine', 'pc', '-nodefaults'];
  for (let b = 0; b < BRIDGES; b++) {
    args.push('-device', `pci-bridge,id=br${b},chassis_nr=${b + 1},shpc=off` + (b >= 16 ? `,bus=br${b - 16},addr=1` : ''));
  }
  let bridge = 0;
  let used = 0;
  for (let i = 0; i < devices; i++) {
    const slots = bridge < 16 ? 31 : 32;
    if (used === slots) {
      bridge++;
      used = 0;
    }
    used++;
    args.push('-device', `nvme,serial=n${i},bus=br${bridge}`);
  }
  return args;
}

export default async function pciScale(ctx: BenchContext): Promise<Section> {
  const sizes = [10, 100, 250, 500, 1000];
  const lines: string[] = [];
  const results = new Map<number, number>();
  // Warm the JIT on the largest machine first, so the small ones are not timed cold.
  await bootMachine(createMachine(pciScaleArgs(sizes[sizes.length - 1]!)), { guest: 'none' });
  for (const n of sizes) {
    const args = pciScaleArgs(n);
    let exit = '';
    const times = await timeRuns(ctx.quick ? 3 : 7, 1, async () => {
      const r = await bootMachine(createMachine(args), { guest: 'none' });
      exit = r.report.firmware?.exit.kind ?? '?';
    });
    const t = median(times);
    results.set(n, t);
    lines.push(`${String(n).padStart(5)} devices + ${BRIDGES} bridges: build + POST ${ms(t)} (firmware ${exit})`);
  }
  const t1000 = results.get(1000)!;
  const perDevice = (t1000 - results.get(10)!) / 990 * 1000;
  lines.push(`per device: ${perDevice.toFixed(1)} µs (slope 10 → 1000)`);
  const goals: Goal[] = [
    { goal: 'PCI <= 50 µs per device', measured: `${perDevice.toFixed(1)} µs`, met: perDevice <= 50 },
    { goal: '1000 devices behind 32 bridges <= 50 ms incl. POST', measured: ms(t1000), met: t1000 <= 50 },
  ];
  return { title: 'PCI at scale (devices 10 → 1000)', lines, goals };
}
