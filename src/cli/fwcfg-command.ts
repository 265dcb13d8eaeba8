import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bootMachine, createMachine } from '../machine/create-machine.js';
import { fwCfgOf } from '../machine/fw-cfg/fw-cfg-subsystem.js';
import { UsageError } from '../lib/errors.js';
import type { Io } from './boot-command.js';

export const FWCFG_HELP = `usage: fwlab fwcfg dump DIR [QEMU-style options] [--after-firmware] [--bios FILE]

Writes every fw_cfg file fwlab serves into DIR (names with '/' as '__') plus index.json in the
format of ../shared/fixtures/qemu-7.2/*/fwcfg-pre (name, select, size, reserved, file, sha256),
so it can be diffed against a real QEMU capture. Files are read the way a firmware reads them:
each is selected first, so select callbacks (ACPI rebuild, SMI features-ok) run.
  --after-firmware   boot the firmware ROM first and dump what is served after its POST
  --bios FILE        the ROM module for --after-firmware (default roms/fwlab-bios.mjs)`;

export interface DumpEntry {
  readonly name: string;
  readonly select: number;
  readonly size: number;
  readonly reserved: 0;
  readonly file: string;
  readonly sha256: string;
}

/** fw_cfg file names as the fixtures store them: '/' → '__'. */
export function dumpFileName(name: string): string {
  return name.replace(/\//g, '__');
}

/** `fwlab fwcfg dump DIR ...`. */
export async function fwcfgCommand(args: readonly string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    io.out(FWCFG_HELP);
    return sub === undefined ? 2 : 0;
  }
  if (sub !== 'dump') throw new UsageError(`fwcfg: unknown subcommand '${sub}' (fwlab fwcfg --help)`);
  const machineArgs: string[] = [];
  let dir: string | undefined;
  let afterFirmware = false;
  let bios: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--after-firmware') afterFirmware = true;
    else if (a === '--bios' || a === '-bios') {
      bios = rest[++i];
      if (bios === undefined) throw new UsageError(`option '${a}' needs a value`);
    } else if (a === '--help' || a === '-h') {
      io.out(FWCFG_HELP);
      return 0;
    } else if (dir === undefined && !a.startsWith('-')) dir = a;
    else machineArgs.push(a);
  }
  if (dir === undefined) throw new UsageError('fwcfg dump: no output directory given');
  const machine = createMachine(machineArgs);
  if (afterFirmware) await bootMachine(machine, { guest: 'none', ...(bios !== undefined ? { bios } : {}) });
  const fw = fwCfgOf(machine);
  mkdirSync(dir, { recursive: true });
  const index: DumpEntry[] = [];
  for (const f of fw.files()) {
    const data = fw.readItem(f.select);
    const file = dumpFileName(f.name);
    writeFileSync(join(dir, file), data);
    index.push({ name: f.name, select: f.select, size: f.size, reserved: 0, file, sha256: createHash('sha256').update(data).digest('hex') });
  }
  writeFileSync(join(dir, 'index.json'), JSON.stringify(index, null, 1) + '\n');
  io.out(`${index.length} fw_cfg files written to ${dir}${afterFirmware ? ' (after firmware)' : ''}`);
  return 0;
}
