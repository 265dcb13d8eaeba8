import { bootCommand, BOOT_HELP } from './cli/boot-command.js';
import { amlCommand } from './cli/aml-command.js';
import type { Io } from './cli/boot-command.js';
import { UsageError } from './lib/errors.js';

const HELP = `usage: fwlab <command> [options]

commands:
  boot [QEMU-style options]   boot a machine and print the boot report (fwlab boot --help)
  aml eval|namespace|run ...  the AML interpreter on table files (fwlab aml help)
  help                        this text

Tracing: DEBUG=fwlab:* (or fwlab:pci, fwlab:fwcfg, fwlab:loader, fwlab:aml, fwlab:console...)`;

type Command = (args: readonly string[], io: Io) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  boot: bootCommand,
  aml: amlCommand,
};

/**
 * The CLI: a thin layer over the public API. Returns the exit code: 0 success,
 * 1 a finding the user asked to fail on, 2 bad usage. Errors are one line on stderr.
 */
export async function main(argv: readonly string[], io: Io = { out: (t) => process.stdout.write(t + '\n') }): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.out(name === undefined ? HELP : rest[0] === 'boot' ? BOOT_HELP : HELP);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  try {
    if (!command) throw new UsageError(`unknown command '${name}' (fwlab help lists them)`);
    return await command(rest, io);
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
