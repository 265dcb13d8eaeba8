/** Full boots (firmware + guest) of q35 with -m 128M → 1T, in-process: RAM is allocated lazily. */
import { bootMachine, createMachine } from '../../src/machine/create-machine.js';
import { median, ms, timeRuns } from '../lib/measure.js';
import type { BenchContext, Section } from '../lib/section.js';

export default async function ramScale(ctx: BenchContext): Promise<Section> {
  const lines: string[] = [];
  for (const size of ['128M', '2G', '16G', '256G', '1T']) {
    // 1 TiB of RAM above 4 GiB needs more than qemu64's 40 physical address bits (as in QEMU).
    const args = ['-machine', 'q35', '-m', size, ...(size === '1T' ? ['-cpu', 'qemu64,phys-bits=48'] : [])];
    const machine = createMachine(args);
    let guest = '';
    const t = median(await timeRuns(ctx.quick ? 5 : 15, 2, async () => {
      guest = (await bootMachine(machine)).report.guest?.exit.kind ?? 'none';
    }));
    lines.push(`-m ${size.padEnd(5)} boot ${ms(t, 2)}, ${(machine.ramAllocated / 1024).toFixed(0)} KiB of RAM touched (guest ${guest})`);
  }
  return { title: 'RAM size (-m 128M → 1T)', lines, goals: [] };
}
