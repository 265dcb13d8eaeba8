import { UsageError } from '../../lib/errors.js';

/**
 * QEMU 7.2's -boot ([order=]DRIVES][,once=DRIVES][,menu=on|off][,splash=FILE][,splash-time=MS]
 * [,reboot-timeout=MS][,strict=on|off]): all -boot options merge, a later key wins. Drive letters:
 * a, b floppy, c hard disk, d CD-ROM, n-p network (the pc/q35 CMOS has room for a, b, c, d, n and
 * three of them). The messages are QEMU's (test/fixtures/qemu-7.2/boot-order.json).
 */
export interface BootOptions {
  /** The boot order after the first reset (QEMU's default "cad"). */
  readonly order: string;
  /** The boot order of the first boot (`once=`, else `order`). */
  readonly firstBoot: string;
  readonly menu: boolean;
  /** etc/boot-menu-wait, when splash-time= is given. */
  readonly splashTime: number | undefined;
  /** etc/boot-fail-wait: -1 (never retry) unless reboot-timeout= says otherwise. */
  readonly rebootTimeout: number;
  readonly strict: boolean;
}

export const DEFAULT_BOOT_ORDER = 'cad';
const KEYS = ['order', 'once', 'menu', 'splash', 'splash-time', 'reboot-timeout', 'strict'];
/** PC_MAX_BOOT_DEVICES: 0x3D holds two, 0x38 one. */
const PC_MAX_BOOT_DEVICES = 3;
const MAX_U16 = 0xffff;

function onOff(key: string, value: string): boolean {
  if (['on', 'yes', 'true', 'y'].includes(value)) return true;
  if (['off', 'no', 'false', 'n'].includes(value)) return false;
  throw new UsageError(`Parameter 'boot.${key}' expects 'on' or 'off'`);
}

function integer(key: string, value: string): number {
  if (!/^-?\d+$/.test(value)) throw new UsageError(`Parameter 'boot.${key}' expects integer`);
  return Number(value);
}

/** QEMU's validate_bootdevices: letters a-p, each once. */
function validate(devices: string): void {
  const seen = new Set<string>();
  for (const c of devices) {
    if (c < 'a' || c > 'p') throw new UsageError(`Invalid boot device '${c}'`);
    if (seen.has(c)) throw new UsageError(`Boot device '${c}' was given twice`);
    seen.add(c);
  }
}

/** The CMOS nibble of a drive letter (pc's boot_device2nibble): 1 floppy, 2 hard disk, 3 CD-ROM, 4 network. */
function nibble(c: string): number {
  switch (c) {
    case 'a': case 'b': return 1;
    case 'c': return 2;
    case 'd': return 3;
    case 'n': return 4;
    default: throw new UsageError(`Invalid boot device for PC: '${c}'`);
  }
}

/**
 * The CMOS boot bytes of a boot order as pc's set_boot_dev writes them: 0x3D = first | second << 4,
 * 0x38 = third << 4 (bit 0 clear: the floppy boot signature is checked).
 */
export function cmosBootBytes(order: string): { cmos3d: number; cmos38: number } {
  if (order.length > PC_MAX_BOOT_DEVICES) throw new UsageError('Too many boot devices for PC');
  const n = [...order].map(nibble);
  return { cmos3d: (n[0] ?? 0) | ((n[1] ?? 0) << 4), cmos38: (n[2] ?? 0) << 4 };
}

export function parseBootOptions(values: readonly string[]): BootOptions {
  const props = new Map<string, string>();
  for (const text of values) {
    text.split(',').forEach((part, i) => {
      const eq = part.indexOf('=');
      const key = eq < 0 && i === 0 ? 'order' : part.slice(0, eq < 0 ? part.length : eq);
      const value = eq < 0 ? (i === 0 ? part : 'on') : part.slice(eq + 1);
      if (!KEYS.includes(key)) throw new UsageError(`Parameter 'boot.${key}' is unexpected`);
      props.set(key, value);
    });
  }
  const order = props.get('order') ?? DEFAULT_BOOT_ORDER;
  const once = props.get('once');
  validate(order);
  cmosBootBytes(order);
  if (once !== undefined) {
    validate(once);
    cmosBootBytes(once);
  }
  const menu = props.has('menu') ? onOff('menu', props.get('menu')!) : false;
  const strict = props.has('strict') ? onOff('strict', props.get('strict')!) : false;
  let splashTime: number | undefined;
  if (props.has('splash-time')) {
    splashTime = integer('splash-time', props.get('splash-time')!);
    if (splashTime < 0 || splashTime > MAX_U16) throw new UsageError('splash-time is invalid,it should be a value between 0 and 65535');
  }
  const rebootTimeout = props.has('reboot-timeout') ? integer('reboot-timeout', props.get('reboot-timeout')!) : -1;
  if (rebootTimeout < -1 || rebootTimeout > MAX_U16) throw new UsageError('reboot timeout is invalid,it should be a value between -1 and 65535');
  return { order, firstBoot: once ?? order, menu, splashTime, rebootTimeout, strict };
}
