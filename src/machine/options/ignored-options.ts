/** The options fwlab accepts for QEMU compatibility without acting on them: the warnings `fwlab boot` prints. */
import type { BoardName } from '../boards/ram-layout.js';
import { drivesOf } from '../disks/drives.js';
import { parseGlobal, unusedGlobals } from './globals.js';
import { parseNicOption } from './nic-options.js';
import type { NicRequest } from './nic-options.js';
import { NIC_DRIVERS } from '../pci/nic-mac.js';
import { parseQemuOpts } from './qemu-opts.js';
import { smpWarning } from './smp.js';
import { BOARD_ALIASES, DEFAULT_BOARD, HD_OPTIONS, IGNORED_FLAGS, IGNORED_WITH_ARG, RUN_FLAGS, optionName } from './option-names.js';

/** The options in `argv` that fwlab accepts for QEMU compatibility and ignores, each with its value. */
export function ignoredOptions(argv: readonly string[]): string[] {
  const out: string[] = [];
  const board = boardOfArgs(argv);
  for (let i = 0; i < argv.length; i++) {
    const name = optionName(argv[i]!);
    if (name === 'smp' && i + 1 < argv.length) {
      const w = smpWarning(argv[++i]!);
      if (w) out.push(w);
    } else if (name === 'global' && i + 1 < argv.length) {
      const text = argv[++i]!;
      if (isUnusedGlobal(text, board)) out.push(`-global ${text} (not used on ${board})`);
    } else if (name === 'drive' && i + 1 < argv.length && drivesOf(['-drive', argv[i + 1]!]).some((d) => d.interface === 'ide' || d.interface === 'floppy' || usedByDevice(argv, d.id))) {
      i++; // the board's IDE (pc) or AHCI (q35) disks (src/machine/wiring/ide-disks.ts), the floppy drives (wiring/floppy.ts), -device ide-hd|ide-cd|floppy's
    } else if (name === 'drive' && i + 1 < argv.length && /(^|,)if=virtio(,|$)/.test(argv[i + 1]!)) {
      out.push(`${argv[i]} ${argv[++i]} (its virtio-blk-pci is created; fwlab does not serve the disk's contents)`);
    } else if (name === 'device' && i + 1 < argv.length && /^(driver=)?isa-fdc(,|$)/.test(argv[i + 1]!)) {
      i++;
      // QEMU 7.2's pc_find_fdc0 warning: a second controller at 0x3f0 (pc's own, an if=floppy drive's on q35, another -device).
      const fdcs = argv.filter((a, j) => j > 0 && optionName(argv[j - 1]!) === 'device' && /^(driver=)?isa-fdc(,|$)/.test(a)).length;
      const boardFdc = board === 'pc' || drivesOf(argv).some((d) => d.interface === 'floppy');
      if ((boardFdc ? 1 : 0) + fdcs > 1 && !out.some((w) => w.includes('multiple floppy'))) {
        out.push(`-device ${argv[i]} (warning: multiple floppy disk controllers with iobase=0x3f0 have been found; the one being picked for CMOS setup might not reflect your intent; fwlab models one)`);
      }
    } else if (name !== undefined && HD_OPTIONS.includes(name) && i + 1 < argv.length) {
      i++;
    } else if (name !== undefined && IGNORED_FLAGS.has(name)) out.push(argv[i]!);
    else if ((name === 'net' || name === 'nic') && argv[i + 1] === 'none') i++;
    else if ((name === 'net' || name === 'nic') && i + 1 < argv.length && nicRequest(name, argv[i + 1]!) !== undefined) {
      out.push(`${argv[i]} ${argv[++i]} (its network backend; the NIC is created)`);
    }
    else if (name !== undefined && IGNORED_WITH_ARG.has(name) && i + 1 < argv.length) out.push(`${argv[i]} ${argv[++i]}`);
    else if (name !== undefined && !['nodefaults', 'random', 'snapshot', 'usb', ...RUN_FLAGS].includes(name)) i++;
  }
  return out;
}

function nicRequest(name: 'net' | 'nic', value: string): NicRequest | 'none' | undefined {
  try {
    return parseNicOption(name, value, NIC_DRIVERS);
  } catch {
    return undefined;
  }
}

/** An `if=none` drive a `-device ...,drive=ID` shows the guest (disks/drive-devices.ts). */
function usedByDevice(argv: readonly string[], id: string | undefined): boolean {
  if (id === undefined) return false;
  return argv.some((a, i) => i > 0 && optionName(argv[i - 1]!) === 'device' && /^(ide-hd|ide-cd|floppy),/.test(a) && a.split(',').includes(`drive=${id}`));
}

/** The board the last -machine/-M names (QEMU's default when none). */
function boardOfArgs(argv: readonly string[]): BoardName {
  let board = DEFAULT_BOARD;
  for (let i = 0; i + 1 < argv.length; i++) {
    const name = optionName(argv[i]!);
    if (name !== 'machine' && name !== 'M') continue;
    const type = parseQemuOptsLenient(argv[i + 1]!);
    if (type !== undefined && BOARD_ALIASES[type]) board = BOARD_ALIASES[type]!;
  }
  return board;
}

function parseQemuOptsLenient(text: string): string | undefined {
  try {
    return parseQemuOpts('-machine', text, 'type').implied;
  } catch {
    return undefined;
  }
}

function isUnusedGlobal(text: string, board: BoardName): boolean {
  try {
    return unusedGlobals([parseGlobal(text)], board).length > 0;
  } catch {
    return false;
  }
}
