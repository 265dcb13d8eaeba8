/**
 * Cold boots, one process each, side by side as interleaved rounds: `node -e 0` (the floor),
 * `fwlab boot -machine pc -nodefaults` as the `fwlab` command runs it (bin/fwlab: from the startup
 * snapshot) and without the snapshot (`node bin/fwlab.js`), QEMU 7.2 + SeaBIOS to the boot sector's
 * marker on debugcon, and OVMF to its first boot attempt (fewer rounds: it takes seconds under TCG).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { interleave, median, ms, timeProcess } from '../lib/measure.js';
import { referenceTools } from '../lib/tools.js';
import type { BenchContext, Goal, Section } from '../lib/section.js';

/** guest-images/bootsect-hello.asm prints this first (int 10h, 0x402 and COM1). */
const BOOT_SECTOR_MARKER = 'bootsect-hello: booted';
/** OVMF's BDS names the first boot option it tries on the serial console. */
const OVMF_MARKER = 'BdsDxe: loading Boot';

export default async function coldBoot(ctx: BenchContext): Promise<Section> {
  const tools = referenceTools();
  const fwlab = join(ctx.root, 'bin', 'fwlab.js');
  const launcher = join(ctx.root, 'bin', 'fwlab');
  const snapshot = existsSync(join(ctx.root, 'dist', 'snapshot', 'fwlab.blob'));
  const image = join(ctx.root, 'guest-images', 'bootsect-hello.img');
  const rounds = ctx.quick ? 5 : 11;
  const timed = async (cmd: string, args: string[], marker: string | undefined) => {
    const r = await timeProcess(cmd, args, marker);
    if (!r.reached && marker !== undefined) throw new Error(`${cmd} ${args.join(' ')}: no '${marker}' in its output:\n${r.output.slice(-500)}`);
    return r.ms;
  };
  const node0 = () => timed(process.execPath, ['-e', '0'], undefined);
  const fwlabPc = () => timed(launcher, ['boot', '-machine', 'pc', '-nodefaults'], undefined);
  const fwlabPlain = () => timed(process.execPath, [fwlab, 'boot', '-machine', 'pc', '-nodefaults'], undefined);
  const seabios = tools.qemu && tools.seabios
    ? () => timed(tools.qemu!, ['-machine', 'pc', '-nodefaults', '-display', 'none', '-bios', tools.seabios!,
      '-drive', `file=${image},format=raw,snapshot=on`, '-chardev', 'stdio,id=dbg', '-device', 'isa-debugcon,iobase=0x402,chardev=dbg'],
    BOOT_SECTOR_MARKER)
    : undefined;
  const contenders = [node0, fwlabPc, fwlabPlain, ...(seabios ? [seabios] : [])];
  const [tNode, tFwlab, tPlain, tSeabios] = (await interleave(rounds, contenders)).map(median) as [number, number, number, number | undefined];

  let tOvmf: number | undefined;
  let tFwlabOvmf: number | undefined;
  if (tools.qemu && tools.ovmf) {
    const ovmf = () => timed(tools.qemu!, ['-machine', 'pc', '-nodefaults', '-display', 'none', '-bios', tools.ovmf!, '-serial', 'stdio'], OVMF_MARKER);
    const fwlabOvmf = () => timed(launcher, ['boot', '-machine', 'pc', '-nodefaults', '--firmware', 'ovmf'], undefined);
    [tOvmf, tFwlabOvmf] = (await interleave(ctx.quick ? 2 : 3, [ovmf, fwlabOvmf])).map(median) as [number, number];
  }
  if (tSeabios !== undefined) ctx.shared.set('qemu-seabios-ms', tSeabios);
  if (tOvmf !== undefined) ctx.shared.set('qemu-ovmf-ms', tOvmf);

  const lines = [
    `node -e 0                                  ${ms(tNode)}`,
    `fwlab boot -machine pc -nodefaults         ${ms(tFwlab)}  (node + ${ms(tFwlab - tNode)} of fwlab's own work; ${snapshot ? 'from the startup snapshot' : 'NO startup snapshot: run node build.mjs'})`,
    `  the same without the snapshot             ${ms(tPlain)}  (node + ${ms(tPlain - tNode)}; the snapshot saves ${ms(tPlain - tFwlab)})`,
    tSeabios === undefined ? 'QEMU + SeaBIOS to the boot sector          SKIPPED (qemu-system-x86_64 or /usr/share/seabios/bios-256k.bin absent)'
      : `QEMU 7.2 + SeaBIOS to the boot sector      ${ms(tSeabios)}  (fwlab is ${(tFwlab / tSeabios).toFixed(2)}x)`,
    tOvmf === undefined ? 'QEMU + OVMF to its first boot attempt      SKIPPED (qemu-system-x86_64 or OVMF absent)'
      : `QEMU 7.2 + OVMF to its first boot attempt  ${ms(tOvmf, 0)}; fwlab boot --firmware ovmf ${ms(tFwlabOvmf!)} (${(tOvmf / tFwlabOvmf!).toFixed(1)}x faster)`,
    `medians of ${rounds} interleaved rounds (OVMF: ${ctx.quick ? 2 : 3})`,
  ];
  const goals: Goal[] = [
    { goal: 'cold fwlab boot <= node -e 0 + 10 ms', measured: `node + ${ms(tFwlab - tNode)}`, met: tFwlab - tNode <= 10 },
    {
      goal: 'cold fwlab boot ~1.1x QEMU + SeaBIOS',
      measured: tSeabios === undefined ? 'QEMU absent' : `${(tFwlab / tSeabios).toFixed(2)}x`,
      met: tSeabios === undefined ? undefined : tFwlab / tSeabios <= 1.1,
    },
  ];
  return { title: 'Cold boot (one process each)', lines, goals };
}
