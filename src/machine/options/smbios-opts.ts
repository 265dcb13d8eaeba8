import { readFileSync } from 'node:fs';
import { UsageError } from '../../lib/errors.js';

/**
 * `-smbios type=0|1|2|3|4|11|17,...` and `-smbios file=BLOB` as QEMU 7.2 takes them
 * (hw/smbios/smbios.c smbios_entry_add): per-type property lists, later options overriding
 * earlier ones field by field, a binary blob excluding fields for its type and the reverse,
 * and QEMU's messages (captured in test/fixtures/qemu-7.2-bios-tables/smbios-messages.json).
 */
export interface SmbiosOptions {
  /** Fields given per type (type 0 and 2 are only built when some are). */
  readonly fields: ReadonlyMap<number, ReadonlyMap<string, string>>;
  /** Type 11 strings in order (value= text, path= file contents). */
  readonly oemStrings: readonly string[];
  /** file= blobs in command-line order (they precede the tables QEMU builds). */
  readonly blobs: readonly Uint8Array[];
  /** type=1,uuid=: the machine UUID, as -uuid (the last one given wins). */
  readonly uuid: string | undefined;
}

export const NO_SMBIOS_OPTIONS: SmbiosOptions = { fields: new Map(), oemStrings: [], blobs: [], uuid: undefined };

const STRING_PROPS: Record<number, readonly string[]> = {
  0: ['vendor', 'version', 'date', 'release', 'uefi'],
  1: ['manufacturer', 'product', 'version', 'serial', 'uuid', 'sku', 'family'],
  2: ['manufacturer', 'product', 'version', 'serial', 'asset', 'location'],
  3: ['manufacturer', 'version', 'serial', 'asset', 'sku'],
  4: ['sock_pfx', 'manufacturer', 'version', 'serial', 'asset', 'part'],
  11: ['value', 'path'],
  17: ['loc_pfx', 'bank', 'manufacturer', 'serial', 'asset', 'part', 'speed'],
};
const SMBIOS_MAX_TYPE = 255;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BOOL_VALUES = new Set(['on', 'off', 'yes', 'no', 'true', 'false']);

/** "a=1,b=x,,y" → [[a, 1], [b, "x,y"]], keys may repeat (QemuOpts keeps every occurrence). */
function pairs(text: string): [string, string][] {
  const out: [string, string][] = [];
  let cur = '';
  const flush = (): void => {
    const eq = cur.indexOf('=');
    if (cur !== '') out.push(eq < 0 ? [cur, 'on'] : [cur.slice(0, eq), cur.slice(eq + 1)]);
    cur = '';
  };
  for (let i = 0; i < text.length; i++) {
    if (text[i] === ',' && text[i + 1] === ',') {
      cur += ',';
      i++;
    } else if (text[i] === ',') flush();
    else cur += text[i];
  }
  flush();
  return out;
}

/** strtoul(val, NULL, 0): the leading number in C notation, 0 when there is none. */
function strtoul(v: string): number {
  const m = /^\s*(0x[0-9a-f]+|0[0-7]*|[1-9]\d*)/i.exec(v);
  if (!m) return 0;
  const s = m[1]!;
  return s.toLowerCase().startsWith('0x') ? parseInt(s, 16) : s.length > 1 && s.startsWith('0') ? parseInt(s, 8) : Number(s);
}

/** QEMU's `%hhu.%hhu` for release=: two numbers (each taken modulo 256) or an error. */
export function parseRelease(v: string): [number, number] | undefined {
  const m = /^\s*\+?(\d+)\.\s*\+?(\d+)/.exec(v);
  return m ? [Number(m[1]) & 0xff, Number(m[2]) & 0xff] : undefined;
}

export function parseSmbiosOptions(values: readonly string[]): SmbiosOptions {
  const fields = new Map<number, Map<string, string>>();
  const blobTypes = new Set<number>();
  const oemStrings: string[] = [];
  const blobs: Uint8Array[] = [];
  let uuid: string | undefined;
  for (const text of values) {
    const opt = `-smbios ${text}`;
    const kv = pairs(text);
    const get = (k: string): string | undefined => kv.filter(([key]) => key === k).pop()?.[1];
    const file = get('file');
    if (file !== undefined) {
      for (const [k] of kv) if (k !== 'file') throw new UsageError(`${opt}: Invalid parameter '${k}'`);
      let data: Uint8Array;
      try {
        data = new Uint8Array(readFileSync(file));
      } catch {
        throw new UsageError(`${opt}: Cannot read SMBIOS file ${file}`);
      }
      if (data.length < 4) throw new UsageError(`${opt}: Cannot read SMBIOS file ${file}`);
      if (fields.has(data[0]!)) throw new UsageError(`${opt}: can't load type ${data[0]} struct, fields already specified!`);
      blobTypes.add(data[0]!);
      blobs.push(data);
      continue;
    }
    const typeText = get('type');
    if (typeText === undefined) throw new UsageError(`${opt}: Must specify type= or file=`);
    const type = strtoul(typeText);
    if (type > SMBIOS_MAX_TYPE) throw new UsageError(`${opt}: out of range!`);
    if (blobTypes.has(type)) throw new UsageError(`${opt}: can't add fields, binary file already loaded!`);
    const allowed = STRING_PROPS[type];
    if (!allowed) throw new UsageError(`${opt}: Don't know how to build fields for SMBIOS type ${type}`);
    for (const [k, v] of kv) {
      if (k !== 'type' && !allowed.includes(k)) throw new UsageError(`${opt}: Invalid parameter '${k}'`);
      if (k === 'type' && !/^\s*\d+\s*$|^0x[0-9a-f]+$/i.test(v)) throw new UsageError(`${opt}: Parameter 'type' expects a number`);
      if (k === 'uefi' && !BOOL_VALUES.has(v)) throw new UsageError(`${opt}: Parameter 'uefi' expects 'on' or 'off'`);
      if (k === 'speed' && !/^\d+$|^0x[0-9a-f]+$/i.test(v)) throw new UsageError(`${opt}: Parameter 'speed' expects a number`);
    }
    const set = fields.get(type) ?? new Map<string, string>();
    fields.set(type, set);
    if (type === 11) {
      for (const [k, v] of kv) {
        if (k === 'value') oemStrings.push(v);
        else if (k === 'path') {
          try {
            oemStrings.push(readFileSync(v, 'latin1'));
          } catch {
            throw new UsageError(`${opt}: Could not open '${v}': No such file or directory`);
          }
        }
      }
      continue;
    }
    for (const [k, v] of kv) if (k !== 'type') set.set(k, v);
    const release = get('release');
    if (type === 0 && release !== undefined && !parseRelease(release)) throw new UsageError(`${opt}: Invalid release`);
    const u = get('uuid');
    if (type === 1 && u !== undefined) {
      if (!UUID_RE.test(u)) throw new UsageError(`${opt}: Invalid UUID`);
      uuid = u.toLowerCase();
    }
  }
  return { fields, oemStrings, blobs, uuid };
}
