/** QEMU's option names as fwlab sorts them: the board names, what it accepts and ignores, flags read where they act. */
import type { BoardName } from '../boards/ram-layout.js';

/** QEMU 7.2's default machine type (docs/decisions/0025-qemu-exact-defaults.md). */
export const DEFAULT_BOARD: BoardName = 'pc';

export const BOARD_ALIASES: Record<string, BoardName> = {
  pc: 'pc', 'pc-i440fx-7.2': 'pc', q35: 'q35', 'pc-q35-7.2': 'q35',
};

/** Options accepted for QEMU compatibility that change nothing in fwlab. */
export const IGNORED_WITH_ARG = new Set(['accel', 'display', 'name', 'monitor', 'mon', 'qtest', 'qtest-log', 'drive', 'hda', 'hdb', 'hdc', 'hdd', 'cdrom', 'fda', 'fdb', 'net', 'nic', 'netdev', 'blockdev', 'fsdev', 'audiodev']);
/** -hda..-hdd: `-drive file=F,index=0..3,media=disk`; -cdrom: index 2, media=cdrom (QEMU's drive_add). */
export const HD_OPTIONS = ['hda', 'hdb', 'hdc', 'hdd', 'cdrom', 'fda', 'fdb'];
export const IGNORED_FLAGS = new Set(['S', 'nographic', 'no-shutdown', 'enable-kvm']);
/** Flags read where they act (create-machine, Machine.run), not part of the MachineConfig. */
export const RUN_FLAGS = new Set(['no-reboot']);

/** QEMU's -no-reboot: a reset request (or triple fault) stops the machine instead of restarting it. */
export function noRebootOf(argv: readonly string[]): boolean {
  return argv.some((a) => optionName(a) === 'no-reboot');
}

export function optionName(arg: string): string | undefined {
  const m = /^--?([a-zA-Z][\w-]*)$/.exec(arg);
  return m ? m[1] : undefined;
}
