/**
 * In-process boots of the default machine (q35, 512 MiB, firmware + guest): built once and
 * booted again (bootMachine power-cycles it), and built anew each time; RSS over the loop.
 */
import { bootMachine, createMachine } from '../../src/machine/create-machine.js';
import { withChain } from '../../src/tools/report/chain.js';
import { median, ms, timeRuns } from '../lib/measure.js';
import type { BenchContext, Goal, Section } from '../lib/section.js';

const MiB = 2 ** 20;

export default async function warmBoot(ctx: BenchContext): Promise<Section> {
  const machine = createMachine([]);
  const n = ctx.quick ? 500 : 1000;
  const rss: string[] = [];
  const cpu0 = process.cpuUsage();
  const reboots = await timeRuns(n, 20, async () => {
    const r = await bootMachine(machine);
    withChain(r.report, machine);
  });
  const cpu = process.cpuUsage(cpu0);
  const cpuPerBoot = (cpu.user + cpu.system) / 1000 / (n + 20);
  global.gc?.();
  rss.push(`${(process.memoryUsage().rss / MiB).toFixed(0)} MiB`);
  const more = await timeRuns(n, 0, async () => withChain((await bootMachine(machine)).report, machine));
  global.gc?.();
  rss.push(`${(process.memoryUsage().rss / MiB).toFixed(0)} MiB`);
  const fresh = await timeRuns(ctx.quick ? 50 : 200, 10, async () => {
    const m = createMachine([]);
    withChain((await bootMachine(m)).report, m);
  });
  const reboot = median([...reboots, ...more]);
  const build = median(fresh);
  const rate = 1000 / reboot;
  const qemu = ctx.shared.get('qemu-seabios-ms');
  const ovmf = ctx.shared.get('qemu-ovmf-ms');
  const lines = [
    `re-boot of one machine (firmware + guest + report)  median ${ms(reboot, 2)} = ${rate.toFixed(0)} boots/s; p90 ${ms([...reboots, ...more].sort((a, b) => a - b)[Math.floor(2 * n * 0.9)]!, 2)}`,
    `  CPU time per re-boot (user + system)              ${ms(cpuPerBoot, 2)} = ${(1000 / cpuPerBoot).toFixed(0)} boots per CPU-second`,
    `new machine each time                               median ${ms(build, 2)} = ${(1000 / build).toFixed(0)} boots/s`,
    `RSS after ${n} and ${2 * n} re-boots: ${rss.join(', ')}`,
  ];
  const goals: Goal[] = [
    { goal: '>= 700 in-process boots/s', measured: `${rate.toFixed(0)}/s`, met: rate >= 700 },
    {
      goal: '>= 50x QEMU + SeaBIOS processes per second',
      measured: qemu === undefined ? 'QEMU absent' : `${(rate * qemu / 1000).toFixed(0)}x`,
      met: qemu === undefined ? undefined : rate * qemu / 1000 >= 50,
    },
    {
      goal: ">= 2000x OVMF's boots per second",
      measured: ovmf === undefined ? 'OVMF absent' : `${(rate * ovmf / 1000).toFixed(0)}x`,
      met: ovmf === undefined ? undefined : rate * ovmf / 1000 >= 2000,
    },
  ];
  return { title: 'In-process boots (default machine)', lines, goals };
}
