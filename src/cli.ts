import type { Io } from './cli/io.js';
import { UsageError } from './lib/errors.js';
import { packageVersion } from './cli/version.js';

const HELP = `usage: fwlab <command> [options]    (fwlab --version prints the version)

commands:
  boot [QEMU-style options]   boot a machine and print the boot report (fwlab boot --help)
  aml eval|namespace|run ...  the AML interpreter on table files (fwlab aml help)
  capture -- QEMU-CMDLINE      read every fw_cfg file of a real QEMU into a directory
  loader explain|lint|why|diff|run DIR   linker-loader tools (fwlab loader --help)
  fwcfg dump DIR [options]    write fwlab's fw_cfg files + index.json in the same format (fwlab fwcfg --help)
  acpi dump|disasm|diff|snapshot|check   ACPI table tools (fwlab acpi --help)
  why ADDR|\\PATH [options]  boot, then the provenance of a guest byte or AML object (fwlab why --help)
  help [devices]              this text, or the -device drivers and their properties

Tracing: DEBUG=fwlab:* (or fwlab:pci, fwlab:fwcfg, fwlab:loader, fwlab:aml, fwlab:console...); fwlab boot --trace; fwlab aml trace`;

type Command = (args: readonly string[], io: Io) => Promise<number>;

/** Each command's module is loaded when it runs: `fwlab boot` compiles only what booting needs. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  boot: async () => (await import('./cli/boot-command.js')).bootCommand,
  aml: async () => (await import('./cli/aml-command.js')).amlCommand,
  capture: async () => (await import('./cli/capture-command.js')).captureCommand,
  loader: async () => (await import('./cli/loader-command.js')).loaderCommand,
  acpi: async () => (await import('./cli/acpi-command.js')).acpiCommand,
  fwcfg: async () => (await import('./cli/fwcfg-command.js')).fwcfgCommand,
  why: async () => (await import('./cli/why-command.js')).whyCommand,
};

/**
 * The CLI: a thin layer over the public API. Returns the exit code: 0 success,
 * 1 a finding the user asked to fail on, 2 bad usage. Errors are one line on stderr.
 */
export async function main(argv: readonly string[], io: Io = { out: (t) => process.stdout.write(t + '\n') }): Promise<number> {
  const [name, ...rest] = argv;
  if (name === 'help' && rest[0] === 'devices') {
    io.out(await describeDevices());
    return 0;
  }
  if (name === '--version' || name === '-V') {
    io.out(`fwlab ${packageVersion()}`);
    return 0;
  }
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    const help = rest[0] === 'boot' ? (await import('./cli/boot-help.js')).BOOT_HELP
      : rest[0] === 'fwcfg' ? (await import('./cli/fwcfg-command.js')).FWCFG_HELP : HELP;
    io.out(name === undefined ? HELP : help);
    return name === undefined ? 2 : 0;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  try {
    if (!load && name.startsWith('-')) throw new UsageError(`unknown option '${name}' (fwlab help lists the commands; options go after the command)`);
    if (!load) throw new UsageError(`unknown command '${name}' (fwlab help lists them)`);
    return await (await load())(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`fwlab: ${e.message}\n`);
      return e.exitCode;
    }
    const err = e as Error;
    process.stderr.write(`fwlab: internal error: ${err.message ?? String(e)}\n`);
    if (process.env.DEBUG) process.stderr.write(`${err.stack ?? ''}\n`);
    return 70;
  }
}

async function describeDevices(): Promise<string> {
  const { DEVICE_CATALOG } = await import('./inspect.js');
  const lines: string[] = [];
  for (const d of [...DEVICE_CATALOG.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    lines.push(`${d.name.padEnd(18)} ${d.bus.padEnd(6)} ${d.description}`);
    for (const [k, p] of Object.entries(d.props)) {
      lines.push(`  ${k}=<${p.kind}>${p.default !== undefined ? ` (default ${p.default})` : ''}  ${p.description}`);
    }
  }
  return lines.join('\n');
}
