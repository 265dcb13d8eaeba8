import { boot } from '../index.js';
import { UsageError } from '../lib/errors.js';
import { romPath } from '../inspect.js';
import { parseCommandArgs } from '../tools/cli-args.js';
import { formatWhyAddress, whyAddress } from '../tools/why/why-address.js';
import { formatWhyAml, whyAml } from '../tools/why/why-aml.js';
import type { Io } from './io.js';

export const WHY_HELP = `usage: fwlab why ADDR|\\AML.PATH [QEMU-style options] [--firmware seabios|ovmf] [--json]

Boots the machine, then answers for a guest physical address: the region (RAM, ROM, BAR of which
device, hole), the e820 type, the firmware allocation (fw_cfg blob), the ACPI table and field, the
linker-loader command that last wrote the byte and the fw_cfg bytes it came from, and the code that
built them. For an AML path: the table and offset that defined it. Also the monitor command 'why'.`;

const WHY_ARGS = { flags: ['--json'], options: ['--firmware'] } as const;

/** `fwlab why ADDR [boot options]`. */
export async function whyCommand(args: readonly string[], io: Io): Promise<number> {
  const [target, ...rest] = args;
  if (target === undefined || target === '--help' || target === '-h') {
    io.out(WHY_HELP);
    return target === undefined ? 2 : 0;
  }
  const p = parseCommandArgs(rest, WHY_ARGS, 'why', 'qemu');
  const firmware = p.options.get('--firmware');
  if (firmware !== undefined && firmware !== 'seabios' && firmware !== 'ovmf') throw new UsageError(`--firmware ${firmware}: expected seabios or ovmf`);
  const isPath = target.startsWith('\\');
  if (!isPath && !/^(0x[0-9a-f]+|\d+)$/i.test(target)) throw new UsageError(`'${target}' is neither an address (0x...) nor an AML path (\\_SB.X)`);
  const { machine, report } = await boot(p.passThrough, firmware === 'ovmf' ? { bios: romPath('fwlab-ovmf.mjs') } : {});
  const json = p.flags.has('--json');
  if (isPath) {
    const a = whyAml(machine, target);
    io.out(json ? JSON.stringify(a, null, 2) : formatWhyAml(a).join('\n'));
  } else {
    const a = whyAddress(machine, report.chain, Number(target));
    io.out(json ? JSON.stringify(a, null, 2) : formatWhyAddress(a).join('\n'));
  }
  return 0;
}
