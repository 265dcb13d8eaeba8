import { UsageError } from '../../lib/errors.js';
import type { BoardName } from '../boards/ram-layout.js';
import { parseQemuOpts } from './qemu-opts.js';

/**
 * `-global DRIVER.PROP=VALUE` for the properties fwlab models. QEMU applies a global to every
 * object of DRIVER or a subtype (fw_cfg_io is an fw_cfg); one that no device of the board
 * takes is "not used" (QEMU warns and goes on).
 */
interface GlobalSpec {
  /** QOM type names the property can be named through. */
  readonly drivers: readonly string[];
  /** Boards with a device of that type. */
  readonly boards: readonly BoardName[];
  readonly kind: 'uint8' | 'bool' | 'int32';
}

/** The PM device's disable_s3/disable_s4 are QEMU uint8 properties; nonzero disables the state. */
const GLOBAL_PROPS: Readonly<Record<string, GlobalSpec>> = {
  disable_s3: { drivers: ['PIIX4_PM', 'ICH9-LPC'], boards: ['pc', 'q35'], kind: 'uint8' },
  disable_s4: { drivers: ['PIIX4_PM', 'ICH9-LPC'], boards: ['pc', 'q35'], kind: 'uint8' },
  dma_enabled: { drivers: ['fw_cfg', 'fw_cfg_io'], boards: ['pc', 'q35'], kind: 'bool' },
  /** The floppy drives' places in the bootorder file (-1: none); the floppy device has no bootindex in 7.2. */
  bootindexA: { drivers: ['isa-fdc'], boards: ['pc', 'q35'], kind: 'int32' },
  bootindexB: { drivers: ['isa-fdc'], boards: ['pc', 'q35'], kind: 'int32' },
};

/** Which board has each driver the table names (PIIX4_PM on pc, ICH9-LPC on q35, fw_cfg on both). */
const DRIVER_BOARDS: Readonly<Record<string, readonly BoardName[]>> = {
  PIIX4_PM: ['pc'], 'ICH9-LPC': ['q35'], fw_cfg: ['pc', 'q35'], fw_cfg_io: ['pc', 'q35'], 'isa-fdc': ['pc', 'q35'],
};

export interface GlobalProp {
  readonly driver: string;
  readonly property: string;
  readonly value: number | boolean;
  /** The text as given, for QEMU's "not used" warning. */
  readonly text: string;
}

/** Parses one `-global` value: `DRIVER.PROP=VALUE` or `driver=D,property=P,value=V`. */
export function parseGlobal(value: string): GlobalProp {
  const opt = `-global ${value}`;
  let driver: string | undefined;
  let property: string | undefined;
  let raw: string | undefined;
  const short = /^([^.=,]+)\.([^=,]+)=(.*)$/.exec(value);
  if (short) [, driver, property, raw] = short;
  else {
    const o = parseQemuOpts('-global', value);
    for (const k of o.props.keys()) if (!['driver', 'property', 'value'].includes(k)) throw new UsageError(`${opt}: Invalid parameter '${k}'`);
    driver = o.props.get('driver');
    property = o.props.get('property');
    raw = o.props.get('value');
    if (driver === undefined || property === undefined || raw === undefined) throw new UsageError(`${opt}: expected DRIVER.PROP=VALUE`);
  }
  const text = `${driver}.${property}=${raw}`;
  const spec = GLOBAL_PROPS[property!];
  if (!DRIVER_BOARDS[driver!]) throw new UsageError(`${opt}: fwlab has no driver '${driver}' with global properties (it models ${Object.keys(DRIVER_BOARDS).join(', ')})`);
  if (!spec || !spec.drivers.includes(driver!)) throw new UsageError(`can't apply global ${text}: Property '${driver}.${property}' not found`);
  let parsed: number | boolean;
  if (spec.kind === 'bool') {
    if (raw !== 'on' && raw !== 'off') throw new UsageError(`can't apply global ${text}: Parameter '${property}' expects 'on' or 'off'`);
    parsed = raw === 'on';
  } else if (spec.kind === 'int32') {
    const n = /^-?\d+$/.test(raw!) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(n) || n < -(2 ** 31) || n >= 2 ** 31) throw new UsageError(`can't apply global ${text}: Parameter '${property}' expects int32`);
    parsed = n;
  } else {
    const n = /^\d+$/.test(raw!) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(n)) throw new UsageError(`can't apply global ${text}: Parameter '${property}' expects uint64`);
    if (n > 0xff) throw new UsageError(`can't apply global ${text}: Parameter '${property}' expects uint8`);
    parsed = n;
  }
  return { driver: driver!, property: property!, value: parsed, text };
}

/** The globals no device of `board` takes: QEMU's "warning: global X=V not used". */
export function unusedGlobals(globals: readonly GlobalProp[], board: BoardName): string[] {
  return globals.filter((g) => !DRIVER_BOARDS[g.driver]!.includes(board)).map((g) => `global ${g.text} not used`);
}

/** The value of PROPERTY for the board's device (the last matching -global wins, as in QEMU). */
export function globalValue(globals: readonly GlobalProp[], board: BoardName, property: string): number | boolean | undefined {
  let v: number | boolean | undefined;
  for (const g of globals) if (g.property === property && DRIVER_BOARDS[g.driver]!.includes(board)) v = g.value;
  return v;
}
