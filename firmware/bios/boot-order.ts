/**
 * SeaBIOS 1.16.2's boot priorities (boot.c): the fw_cfg `bootorder` file, one OpenFirmware path a line,
 * read at boot_init (logged "boot order:" and "N: path"); each device found is looked up by a glob of
 * its path ("Searching bootorder for: ..."), its priority the first matching line's number, else the
 * default of its class from the CMOS order (101, 102, 103 by position; 9999 when not listed). A
 * "HALT" line stops the boot there (boot_fail). Devices boot by priority, then class (floppy, hard
 * disk, CD-ROM), then controller; the first floppy and the first hard disk stand for their class.
 */
import type { FwCfg } from '../drivers/fw-cfg.js';
import type { CmosBootDevice } from '../cmos.js';

export const BOOTORDER_FILE = 'bootorder';
const DEFAULT_PRIO = 9999;
const FIRST_CMOS_PRIO = 101;

/** SeaBIOS's IPL types, the tie-breaker between equal priorities. */
export const IPL = { floppy: 1, hardDisk: 2, cdrom: 3, halt: 0xf0 } as const;
export type IplType = (typeof IPL)[keyof typeof IPL];

/** The file's lines, trailing white space cut (empty or absent file: none). */
export function loadBootOrder(fwcfg: FwCfg | undefined, log: (line: string) => void): string[] {
  const f = fwcfg?.find(BOOTORDER_FILE);
  if (!fwcfg || !f || f.size === 0) return [];
  let text = String.fromCharCode(...fwcfg.read(f.select, f.size));
  const nul = text.indexOf('\0');
  if (nul >= 0) text = text.slice(0, nul);
  const lines = text.split('\n').map((l) => l.replace(/\s+$/, ''));
  log('boot order:');
  lines.forEach((l, i) => log(`${i + 1}: ${l}`));
  return lines;
}

/**
 * Whether `glob` names a prefix of `path` ending at a '/' or the end; '*' stands for any run of
 * characters up to the next '/' or the glob's next character.
 */
export function globMatches(glob: string, path: string): boolean {
  let g = 0;
  let s = 0;
  for (;;) {
    if (g === glob.length && (s === path.length || path[s] === '/')) return true;
    if (glob[g] === '*') {
      if (s === path.length || path[s] === '/' || path[s] === glob[g + 1]) g++;
      else s++;
      continue;
    }
    if (g === glob.length || s === path.length || glob[g] !== path[s]) return false;
    g++;
    s++;
  }
}

export class BootPriorities {
  private readonly defaults = new Map<number, number>();

  constructor(private readonly lines: readonly string[], cmosOrder: readonly CmosBootDevice[], private readonly log: (line: string) => void) {
    cmosOrder.forEach((device, i) => { if (!this.defaults.has(device)) this.defaults.set(device, FIRST_CMOS_PRIO + i); });
  }

  /** find_prio: the 1-based line `glob` matches, or -1. */
  find(glob: string): number {
    this.log(`Searching bootorder for: ${glob}`);
    const i = this.lines.findIndex((l) => globMatches(glob, l));
    return i < 0 ? -1 : i + 1;
  }

  /** The priority of a device of CMOS class `type` (1 floppy, 2 hard disk, 3 CD-ROM) found at `glob`. */
  priority(type: CmosBootDevice, glob: string): number {
    const p = this.find(glob);
    return p >= 0 ? p : this.defaults.get(type) ?? DEFAULT_PRIO;
  }
}

export interface BootEntry<T> {
  readonly type: IplType;
  readonly priority: number;
  /** SeaBIOS's cntl_id order within a class. */
  readonly controller: number;
  readonly device: T;
}

/** bootentry_add's order: priority, then type, then controller (stable for equal keys). */
export function sortBootEntries<T>(entries: readonly BootEntry<T>[]): BootEntry<T>[] {
  return [...entries].sort((a, b) => a.priority - b.priority || a.type - b.type || a.controller - b.controller);
}
