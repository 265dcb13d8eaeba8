/**
 * Debian's i386 kernel to its root-mount panic on pc: fwlab (its TypeScript firmware loading the kernel,
 * as `fwlab boot -kernel` does) against QEMU 7.2 TCG with the same options (issue 18: within 10×).
 * Skipped with --quick or without the kernel (scripts/fetch-linux.sh) or qemu-system-x86_64.
 */
import { spawnSync } from 'node:child_process';
import type { BenchContext, Section } from '../lib/section.js';
import { bootFwlab, bootQemu, kernelPath } from '../lib/linux-boot.js';

const TITLE = 'Linux boot (Debian 6.1 686, pc, to the root-mount panic)';
const GOAL = 'Linux boot within 10x QEMU TCG';

export default async function linuxBoot(ctx: BenchContext): Promise<Section> {
  const kernel = kernelPath(ctx.root);
  const qemu = spawnSync('qemu-system-x86_64', ['--version']).error === undefined;
  const why = ctx.quick ? '--quick' : !kernel ? 'no .cache/linux/vmlinuz (scripts/fetch-linux.sh)' : !qemu ? 'qemu-system-x86_64 absent' : undefined;
  if (why || !kernel) return { title: TITLE, lines: [`SKIPPED (${why})`], goals: [{ goal: GOAL, measured: `skipped: ${why}`, met: undefined }] };
  const q = await bootQemu('pc', kernel);
  const f = await bootFwlab('pc', kernel);
  const lines = [
    `QEMU 7.2 TCG: ${q ? `${(q.wallMs / 1000).toFixed(1)} s wall` : 'failed to run'}`,
    `fwlab: ${(f.wallMs / 1000).toFixed(1)} s wall, ${(f.cpuMs / 1000).toFixed(1)} s CPU, ${(f.virtualMs / 1000).toFixed(2)} s virtual; panic ${f.reached ? 'reached' : 'NOT reached'}`,
  ];
  const ratio = q ? f.wallMs / q.wallMs : undefined;
  if (ratio !== undefined) lines.push(`fwlab / QEMU TCG (wall) = ${ratio.toFixed(1)}`);
  return { title: TITLE, lines, goals: [{ goal: GOAL, measured: ratio === undefined ? 'QEMU failed' : `${ratio.toFixed(1)}x`, met: ratio === undefined ? undefined : ratio <= 10 && f.reached }] };
}
