import { bootMachine, createMachine } from '../inspect.js';
import { ignoredOptions } from '../inspect.js';
import { UsageError } from '../lib/errors.js';
import { writeFwCfgDir } from '../tools/fw-cfg-dir/fw-cfg-dir.js';
import type { FwCfgFile } from '../tools/fw-cfg-dir/fw-cfg-dir.js';
import type { Io } from './io.js';
import { warn } from './io.js';
import { inputFile, outputDir } from './paths.js';
import { parseCommandArgs } from '../tools/cli-args.js';

export const FWCFG_HELP = `usage: fwlab fwcfg dump DIR [QEMU-style options] [--after-firmware] [--bios FILE]

Writes every fw_cfg file fwlab serves into DIR (names with '/' as '__') plus index.json in the
format of ../shared/fixtures/qemu-7.2/*/seabios/fwcfg-post (name, select, size, reserved, file, sha256),
so it can be diffed against a real QEMU capture (fwlab capture). Files are read the way a firmware
reads them: each is selected first, so select callbacks (ACPI rebuild, SMI features-ok) run.
  --after-firmware   boot the firmware ROM first and dump what is served after its POST
  --bios FILE        the ROM module for --after-firmware (default roms/fwlab-bios.mjs)`;

/** `fwlab fwcfg dump DIR [options] [--after-firmware]`. */
export async function fwcfgCommand(args: readonly string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    io.out(FWCFG_HELP);
    return sub === undefined ? 2 : 0;
  }
  if (sub !== 'dump') throw new UsageError(`fwcfg: unknown subcommand '${sub}' (fwlab fwcfg --help)`);
  const dir = rest[0] !== undefined && !rest[0].startsWith('-') ? rest[0] : undefined;
  const p = parseCommandArgs(rest.slice(dir === undefined ? 0 : 1), { flags: ['--after-firmware'], options: ['--bios'], aliases: { '-bios': '--bios' } }, 'fwcfg', 'qemu');
  if (p.flags.has('--help')) {
    io.out(FWCFG_HELP);
    return 0;
  }
  if (dir === undefined) throw new UsageError('fwcfg dump: the output directory comes first (fwlab fwcfg dump DIR [options])');
  const afterFirmware = p.flags.has('--after-firmware');
  outputDir(dir, 'fwcfg dump');
  const bios = p.options.get('--bios');
  if (bios !== undefined) inputFile(bios, '--bios');
  const machineArgs = p.passThrough;
  const ignored = ignoredOptions(machineArgs);
  if (ignored.length) warn(io, `accepted for QEMU compatibility but ignored: ${ignored.join(', ')}`);
  const machine = createMachine(machineArgs);
  if (afterFirmware) await bootMachine(machine, { guest: 'none', ...(bios !== undefined ? { bios } : {}) });
  const fw = machine.fwCfg;
  const files: FwCfgFile[] = fw.files().map((f) => ({ name: f.name, select: f.select, data: fw.readItem(f.select) }));
  writeFwCfgDir(dir, files);
  io.out(`${files.length} fw_cfg files written to ${dir}${afterFirmware ? ' (after firmware)' : ''}`);
  return 0;
}
