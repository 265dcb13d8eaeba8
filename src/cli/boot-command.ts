import { boot } from '../index.js';
import { formatBootReport } from './format-report.js';
import { UsageError } from '../lib/errors.js';
import { ignoredOptions, romPath } from '../inspect.js';
import { bootToolsCommand } from './monitor-command.js';
import type { BootRequest } from './monitor-command.js';
import { parseCommandArgs } from '../tools/cli-args.js';
import type { Io } from './io.js';
import { warn } from './io.js';
import { inputFile, outputFile, socketPath } from './paths.js';
import { parseGuestOs } from './guest-os.js';

/** The OVMF-profile build of the firmware (build.mjs ROMS). */
const OVMF_ROM = 'fwlab-ovmf.mjs';

export const BOOT_HELP = `usage: fwlab boot [QEMU-style options] [--json] [--bios FILE] [--guest ospm|none|FILE]

Builds the machine, runs the firmware ROM from reset, then the guest, and prints the boot report.
  -machine pc|q35[,prop=val]   board (default pc, as QEMU)
  -m SIZE[,slots=N,maxmem=SIZE] RAM (default 128M, as QEMU)
  -global DRIVER.PROP=VALUE     PIIX4_PM/ICH9-LPC.disable_s3|disable_s4, fw_cfg.dma_enabled
  -device DRIVER[,prop=val...]  add a device
  -object memory-backend-ram,id=ID,size=SIZE
  -nodefaults, -serial BACKEND, -uuid UUID, -cpu MODEL, -rtc base=DATE
  -smp N[,sockets=S,dies=D,cores=C,threads=T,maxcpus=M]  CPUs (QEMU 7.2 rules; one executes)
  --json                        the report as one JSON document
  --bios FILE                   another ROM module instead of roms/fwlab-bios.mjs (also -bios)
  --firmware seabios|ovmf       the built-in firmware profile (ovmf = roms/fwlab-ovmf.mjs)
  --guest ospm|none|FILE        the guest image run after hand-over (default ospm = roms/ospm.mjs)
  --guest-os linux|windows      the OSPM's PCI resource policy (default linux; docs/scenarios.md)
  --loader-policy seabios|ovmf|strict  how the firmware runs etc/table-loader (default: the profile's)
  -fw_cfg name=NAME,file=PATH|string=TEXT  add a fw_cfg file (QEMU's spelling)
  --monitor stdio|unix:PATH     then serve the QMP-style monitor (docs/tools.md)
  --report FILE.html            also write the self-contained HTML report
  --query-pci                   print only the PCI state after POST, as QMP query-pci JSON
  --random                      random instead of seeded values (vmgenid guid=auto)`;

const LOADER_POLICIES = ['seabios', 'ovmf', 'strict'] as const;

/** fwlab's own `fwlab boot` options; everything else is the machine's (QEMU's spelling). */
const BOOT_ARGS = {
  flags: ['--json', '--query-pci'],
  options: ['--bios', '--firmware', '--guest', '--guest-os', '--loader-policy', '--monitor', '--report', '--fw-cfg'],
  aliases: { '-bios': '--bios' },
} as const;

/** `fwlab boot`: split fwlab's own flags from the machine options, boot, print. */
export async function bootCommand(args: readonly string[], io: Io): Promise<number> {
  const p = parseCommandArgs(args, BOOT_ARGS, 'boot', 'qemu');
  if (p.flags.has('--help')) {
    io.out(BOOT_HELP);
    return 0;
  }
  const machineArgs = [...p.passThrough];
  const policy = p.options.get('--loader-policy');
  if (policy !== undefined) {
    if (!(LOADER_POLICIES as readonly string[]).includes(policy)) throw new UsageError(`--loader-policy ${policy}: expected ${LOADER_POLICIES.join(', ')}`);
    // The firmware reads its policy from this fw_cfg file (firmware/post.ts).
    machineArgs.push('-fw_cfg', `name=opt/fwlab/loader-policy,string=${policy}`);
  }
  const firmware = p.options.get('--firmware');
  if (firmware !== undefined && firmware !== 'seabios' && firmware !== 'ovmf') throw new UsageError(`--firmware ${firmware}: expected seabios or ovmf`);
  let bios = p.options.get('--bios');
  if (firmware !== undefined && bios !== undefined) throw new UsageError('--firmware and --bios are exclusive');
  if (firmware === 'ovmf') bios = romPath(OVMF_ROM);
  if (bios !== undefined && firmware === undefined) inputFile(bios, '--bios');
  const guest = p.options.get('--guest');
  if (guest !== undefined && guest !== 'ospm' && guest !== 'none') inputFile(guest, '--guest');
  const guestOsArg = p.options.get('--guest-os');
  const guestOs = guestOsArg === undefined ? undefined : parseGuestOs(guestOsArg);
  const monitor = p.options.get('--monitor');
  if (monitor?.startsWith('unix:')) socketPath(monitor.slice('unix:'.length), '--monitor unix:');
  const report = p.options.get('--report');
  if (report !== undefined) outputFile(report, '--report');
  const fwCfgDir = p.options.get('--fw-cfg');
  const ignored = ignoredOptions(machineArgs);
  if (ignored.length) warn(io, `accepted for QEMU compatibility but ignored: ${ignored.join(', ')}`);
  const request: BootRequest = {
    machineArgs,
    json: p.flags.has('--json'),
    queryPci: p.flags.has('--query-pci'),
    ...(bios !== undefined ? { bios } : {}),
    ...(guest !== undefined ? { guest } : {}),
    ...(guestOs !== undefined ? { guestOs } : {}),
    ...(monitor !== undefined ? { monitor } : {}),
    ...(report !== undefined ? { report } : {}),
    ...(fwCfgDir !== undefined ? { fwCfgDir } : {}),
  };
  if (monitor !== undefined || report !== undefined || fwCfgDir !== undefined) return bootToolsCommand(request, io);
  const { machine, report: bootReport } = await boot(machineArgs, {
    ...(bios !== undefined ? { bios } : {}),
    ...(guest !== undefined ? { guest } : {}),
    ...(guestOs !== undefined ? { guestOs } : {}),
  });
  if (request.queryPci) {
    io.out(JSON.stringify(machine.pci.queryPci(), null, 1));
    return 0;
  }
  io.out(request.json ? JSON.stringify(bootReport, null, 2) : formatBootReport(bootReport));
  return 0;
}
