import { boot } from '../index.js';
import { formatBootReport } from './format-report.js';
import { UsageError } from '../lib/errors.js';
import { romPath } from '../inspect.js';
import { pciOf } from '../inspect.js';
import { bootToolsCommand, wantsBootTools } from './monitor-command.js';
import type { Io } from './io.js';

/** The OVMF-profile build of the firmware (build.mjs ROMS). */
const OVMF_ROM = 'fwlab-ovmf.mjs';

export const BOOT_HELP = `usage: fwlab boot [QEMU-style options] [--json] [--bios FILE] [--guest ospm|none|FILE]

Builds the machine, runs the firmware ROM from reset, then the guest, and prints the boot report.
  -machine pc|q35[,prop=val]   board (default q35)
  -m SIZE[,slots=N,maxmem=SIZE] RAM (default 512M)
  -device DRIVER[,prop=val...]  add a device
  -object memory-backend-ram,id=ID,size=SIZE
  -nodefaults, -serial BACKEND, -uuid UUID, -smp 1, -cpu MODEL, -rtc base=DATE
  --json                        the report as one JSON document
  --bios FILE                   another ROM module instead of roms/fwlab-bios.mjs (also -bios)
  --firmware seabios|ovmf       the built-in firmware profile (ovmf = roms/fwlab-ovmf.mjs)
  --guest ospm|none|FILE        the guest image run after hand-over (default ospm = roms/ospm.mjs)
  --loader-policy seabios|ovmf|strict  how the firmware runs etc/table-loader (default: the profile's)
  -fw_cfg name=NAME,file=PATH|string=TEXT  add a fw_cfg file (QEMU's spelling)
  --monitor stdio|unix:PATH     then serve the QMP-style monitor (docs/tools.md)
  --report FILE.html            also write the self-contained HTML report
  --query-pci                   print only the PCI state after POST, as QMP query-pci JSON
  --random                      random instead of seeded values (vmgenid guid=auto)`;

const LOADER_POLICIES = ['seabios', 'ovmf', 'strict'];

/** `fwlab boot`: split fwlab's own flags from the machine options, boot, print. */
export async function bootCommand(args: readonly string[], io: Io): Promise<number> {
  if (wantsBootTools(args)) return bootToolsCommand(args, io);
  const machineArgs: string[] = [];
  let json = false;
  let queryPci = false;
  let bios: string | undefined;
  let guest: string | undefined;
  let firmware: 'seabios' | 'ovmf' | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const next = (): string => {
      const v = args[++i];
      if (v === undefined) throw new UsageError(`option '${a}' needs a value`);
      return v;
    };
    if (a === '--json') json = true;
    else if (a === '--query-pci') queryPci = true;
    else if (a === '--bios' || a === '-bios') bios = next();
    else if (a === '--firmware') {
      const f = next();
      if (f !== 'seabios' && f !== 'ovmf') throw new UsageError(`--firmware ${f}: expected seabios or ovmf`);
      firmware = f;
    } else if (a === '--guest') guest = next();
    else if (a === '--loader-policy') {
      const p = next();
      if (!LOADER_POLICIES.includes(p)) throw new UsageError(`--loader-policy ${p}: expected ${LOADER_POLICIES.join(', ')}`);
      // The firmware reads its policy from this fw_cfg file (firmware/post.ts).
      machineArgs.push('-fw_cfg', `name=opt/fwlab/loader-policy,string=${p}`);
    }
    else if (a === '--help' || a === '-h') {
      io.out(BOOT_HELP);
      return 0;
    } else machineArgs.push(a);
  }
  if (firmware !== undefined && bios !== undefined) throw new UsageError('--firmware and --bios are exclusive');
  if (firmware === 'ovmf') bios = romPath(OVMF_ROM);
  const { machine, report } = await boot(machineArgs, {
    ...(bios !== undefined ? { bios } : {}),
    ...(guest !== undefined ? { guest } : {}),
  });
  if (queryPci) {
    io.out(JSON.stringify(pciOf(machine).queryPci(), null, 1));
    return 0;
  }
  io.out(json ? JSON.stringify(report, null, 2) : formatBootReport(report));
  return 0;
}
