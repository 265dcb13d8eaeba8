import { gunzipSync } from 'node:zlib';

/**
 * The SingleStepTests case format (github.com/SingleStepTests: README "Test Formats"), read from the
 * suites' JSON files or their chunked binary MOO files (format facts from the suites' README and
 * tools/moo2json.py; this reader is written independently and keeps only what a CPU check needs).
 */
export interface SsState {
  readonly regs: Readonly<Record<string, number>>;
  readonly ram: ReadonlyArray<readonly [number, number]>;
}

/** An exception the captured instruction raised (80286 MOO `EXCP`): its vector and where its FLAGS image was pushed. */
export interface SsException {
  readonly number: number;
  readonly flagAddress: number;
}

export interface SsCase {
  readonly idx: number;
  readonly name: string;
  readonly initial: SsState;
  readonly final: SsState;
  readonly hash?: string;
  readonly exception?: SsException;
}

/** Register order of a MOO REGS chunk's bitmask. */
export const MOO_REGS = ['ax', 'bx', 'cx', 'dx', 'cs', 'ss', 'ds', 'es', 'sp', 'bp', 'si', 'di', 'ip', 'flags'] as const;

export function readSuiteFile(bytes: Uint8Array, name: string): SsCase[] {
  const data = name.endsWith('.gz') ? new Uint8Array(gunzipSync(bytes)) : bytes;
  if (name.includes('.json')) return parseJson(new TextDecoder().decode(data));
  return parseMoo(data);
}

/** The 8086 v1 JSON names its index and hash `test_num` / `test_hash`; the README's sample (and moo2json) `idx` / `hash`. */
interface JsonCase {
  idx?: number;
  test_num?: number;
  name: string;
  initial: { regs: Record<string, number>; ram: Array<[number, number]> };
  final: { regs: Record<string, number>; ram: Array<[number, number]> };
  hash?: string;
  test_hash?: string;
  exception?: { number: number; flag_address: number };
}

function parseJson(text: string): SsCase[] {
  const raw = JSON.parse(text) as JsonCase[];
  return raw.map((c, i) => {
    const hash = c.hash ?? c.test_hash;
    return {
      idx: c.idx ?? c.test_num ?? i,
      name: c.name,
      initial: { regs: c.initial.regs, ram: c.initial.ram },
      final: { regs: c.final.regs, ram: c.final.ram },
      ...(hash ? { hash } : {}),
      ...(c.exception ? { exception: { number: c.exception.number, flagAddress: c.exception.flag_address } } : {}),
    };
  });
}

/**
 * MOO: "MOO " + header chunk, then TEST chunks holding NAME, BYTS, INIT, FINA, CYCL, HASH, EXCP sub-chunks
 * (EXCP: u8 exception number, u32 physical address of the pushed FLAGS word).
 */
export function parseMoo(data: Uint8Array): SsCase[] {
  const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const tag = (at: number) => String.fromCharCode(data[at]!, data[at + 1]!, data[at + 2]!, data[at + 3]!);
  if (tag(0) !== 'MOO ') throw new Error('not a MOO file');
  let off = 8 + v.getUint32(4, true);
  const cases: SsCase[] = [];
  while (off + 8 <= data.length) {
    const t = tag(off);
    const len = v.getUint32(off + 4, true);
    const body = off + 8;
    off = body + len;
    if (t !== 'TEST') continue;
    const idx = v.getUint32(body, true);
    let p = body + 4;
    let name = '';
    let hash: string | undefined;
    let initial: SsState = { regs: {}, ram: [] };
    let final: SsState = { regs: {}, ram: [] };
    let exception: SsException | undefined;
    while (p < body + len) {
      const st = tag(p);
      const slen = v.getUint32(p + 4, true);
      const s = p + 8;
      if (st === 'NAME') name = new TextDecoder().decode(data.subarray(s + 4, s + 4 + v.getUint32(s, true)));
      else if (st === 'INIT' || st === 'FINA') {
        const state = mooState(data, v, s, slen, tag);
        if (st === 'INIT') initial = state; else final = state;
      } else if (st === 'HASH') hash = Buffer.from(data.subarray(s, s + slen)).toString('hex');
      else if (st === 'EXCP' && slen >= 5) exception = { number: data[s]!, flagAddress: v.getUint32(s + 1, true) };
      p = s + slen;
    }
    cases.push({ idx, name, initial, final, ...(hash ? { hash } : {}), ...(exception ? { exception } : {}) });
  }
  return cases;
}

function mooState(data: Uint8Array, v: DataView, start: number, len: number, tag: (at: number) => string): SsState {
  const regs: Record<string, number> = {};
  const ram: Array<[number, number]> = [];
  let p = start;
  while (p < start + len) {
    const t = tag(p);
    const slen = v.getUint32(p + 4, true);
    const s = p + 8;
    if (t === 'REGS') {
      const mask = v.getUint16(s, true);
      let q = s + 2;
      MOO_REGS.forEach((r, i) => {
        if (mask & (1 << i)) { regs[r] = v.getUint16(q, true); q += 2; }
      });
    } else if (t === 'RAM ') {
      const n = v.getUint32(s, true);
      for (let i = 0; i < n; i++) ram.push([v.getUint32(s + 4 + i * 5, true), data[s + 8 + i * 5]!]);
    }
    p = s + slen;
  }
  return { regs, ram };
}

/** Per-opcode metadata (metadata.json): status and the mask of flags the case's final state defines. */
export interface OpcodeInfo {
  readonly status: string;
  readonly flagsMask: number;
}

interface MetaEntry { status?: string; 'flags-mask'?: number; reg?: Record<string, MetaEntry> }

/** Looks up "F6.0"-style file keys in a suite's metadata.json. */
export function opcodeInfo(meta: { opcodes: Record<string, MetaEntry> }, key: string): OpcodeInfo {
  const [op, reg] = key.split('.');
  let e = meta.opcodes[op!.toUpperCase()];
  if (e?.reg && reg !== undefined) e = e.reg[reg];
  return { status: e?.status ?? 'unknown', flagsMask: e?.['flags-mask'] ?? 0xffff };
}
