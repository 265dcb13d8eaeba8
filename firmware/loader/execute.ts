/**
 * The linker-loader executor. Every check of the merged checklist is evaluated for every
 * command; the policy decides what a broken rule does:
 *   seabios  what SeaBIOS rejects skips that command (no rollback); OVMF-only rules are noted
 *   ovmf     what OVMF rejects aborts everything (rollback); SeaBIOS-only rules are noted
 *   strict   anything either rejects aborts everything
 */
import type { LoaderCommand, NameField } from './script.js';
import { decodeScript } from './script.js';
import type { LoaderFinding, LoaderPolicy, OvmfVerdict, SeabiosVerdict } from './findings.js';
import type { LoadedBlob, LoaderHost, LoaderZone, WritePointerRecord } from './host.js';
import { LOADER_ENTRY_SIZE, LOADER_ZONE } from '../../src/spec/linker-loader.js';
import { detectTables, MAX_OVMF_TABLES } from './tables.js';
import type { DetectedTable } from './tables.js';

export interface LoaderResult {
  /** False when the script was rejected or aborted (no tables). */
  readonly ok: boolean;
  readonly policy: LoaderPolicy;
  readonly commands: number;
  readonly blobs: readonly LoadedBlob[];
  readonly findings: readonly LoaderFinding[];
  readonly writePointers: readonly WritePointerRecord[];
  /** OVMF pass 2: what an OVMF-style installer would install (ovmf and strict policies). */
  readonly tables: readonly DetectedTable[];
}

class Abort extends Error {}

interface Check {
  readonly rule: number;
  readonly detail: string;
  readonly seabios: SeabiosVerdict;
  readonly ovmf: OvmfVerdict;
}

const VALID_SIZES = new Set([1, 2, 4, 8]);
/** 2^(8·size) for the pointer sizes below 8 bytes. */
const POINTER_LIMIT: readonly number[] = [1, 2 ** 8, 2 ** 16, 2 ** 24, 2 ** 32];
const isPow2 = (a: number): boolean => (a & (a - 1)) === 0;

function readLe(b: Uint8Array, off: number, size: number): bigint {
  let v = 0n;
  for (let i = size - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[off + i]!);
  return v;
}

const hx = (v: number | bigint): string => '0x' + v.toString(16);
const bytesText = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');
function readLeNumber(b: Uint8Array, size: number): number {
  let v = 0;
  for (let i = size - 1; i >= 0; i--) v = v * 256 + b[i]!;
  return v;
}

function leBytes(v: bigint, size: number): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = Number((v >> BigInt(8 * i)) & 0xffn);
  return out;
}

export class LoaderExecutor {
  private readonly blobs: LoadedBlob[] = [];
  private readonly findings: LoaderFinding[] = [];
  private readonly writes: WritePointerRecord[] = [];
  private below4g = new Set<string>();
  /** What the command being executed did (the `loader` trace line, src/spec/trace.ts). */
  private note: string | undefined;
  /** The blob found last (scripts name the same file many times in a row). */
  private lastBlob: LoadedBlob | undefined;

  constructor(
    private readonly host: LoaderHost,
    private readonly policy: LoaderPolicy,
    /** One line per executed command, with the bytes before and after each patch. */
    private readonly trace?: (line: string) => void,
  ) {}

  run(script: Uint8Array): LoaderResult {
    const done = (ok: boolean, commands: number, tables: DetectedTable[] = []): LoaderResult => ({
      ok, policy: this.policy, commands, blobs: this.blobs, findings: this.findings, writePointers: this.writes, tables,
    });
    if (script.length === 0) return done(false, 0);
    if (script.length % LOADER_ENTRY_SIZE !== 0) {
      this.findings.push({
        index: -1, kind: 'SCRIPT', files: [], offsets: { size: script.length }, rule: 1,
        detail: `${script.length} bytes is not a multiple of ${LOADER_ENTRY_SIZE}`,
        seabios: 'reject', ovmf: 'abort', action: 'aborted',
      });
      return done(false, 0);
    }
    const commands = decodeScript(script);
    try {
      this.prePass(commands);
      for (const c of commands) this.execute(c);
      let tables: DetectedTable[] = [];
      if (this.policy !== 'seabios') {
        tables = detectTables(commands, this.blobs, this.host);
        if (tables.length > MAX_OVMF_TABLES) {
          this.check(-1, 'SCRIPT', [], {}, [{
            rule: 29, detail: `${tables.length} tables detected, OVMF installs at most ${MAX_OVMF_TABLES}`,
            seabios: 'accept', ovmf: 'abort',
          }]);
        }
      }
      return done(true, commands.length, tables);
    } catch (e) {
      if (!(e instanceof Abort)) throw e;
      this.rollback();
      return done(false, commands.length);
    }
  }

  /** OVMF's CollectAllocationsRestrictedTo32Bit: pointees of pointers narrower than 8 bytes. */
  private prePass(commands: readonly LoaderCommand[]): void {
    const set = new Set<string>();
    for (const c of commands) {
      if ((c.kind === 'ADD_POINTER' || c.kind === 'WRITE_POINTER') && c.size < 8) {
        if (!c.src.terminated && this.policy !== 'seabios') {
          this.check(c.index, c.kind, [c.src.name], {}, [{
            rule: 3, detail: 'pointee name not NUL-terminated (OVMF 32-bit pre-pass)', seabios: 'skip', ovmf: 'abort',
          }], false);
        }
        set.add(c.src.name);
      }
    }
    this.below4g = set;
  }

  private execute(c: LoaderCommand): void {
    this.note = undefined;
    try {
      switch (c.kind) {
        case 'ALLOCATE': return this.allocate(c);
        case 'ADD_POINTER': return this.addPointer(c);
        case 'ADD_CHECKSUM': return this.addChecksum(c);
        case 'WRITE_POINTER': return this.writePointer(c);
        default: this.note = c.command === 0 ? 'padding entry (command 0), ignored' : `command ${hx(c.command)} ignored`;
      }
    } finally {
      this.trace?.(`#${c.index} ${c.kind} ${this.note ?? 'skipped'}`);
    }
  }

  /** Host memory bytes before a patch, for the trace. */
  private peek(addr: number, size: number): string {
    return this.trace ? bytesText(this.host.readBytes(addr, size)) : '';
  }

  /**
   * Records the broken rules and applies the policy. Returns true when the command must be
   * skipped; throws Abort when the policy aborts. With `decide` false, only abort is possible.
   */
  private check(index: number, kind: string, files: string[], offsets: Record<string, number>, broken: Check[], decide = true): boolean {
    if (broken.length === 0) return false;
    const aborts = broken.some((b) => this.policy === 'strict'
      ? (b.ovmf === 'abort' || b.seabios !== 'accept') : this.policy === 'ovmf' && b.ovmf === 'abort');
    const skips = !aborts && decide && this.policy === 'seabios' && broken.some((b) => b.seabios !== 'accept');
    for (const b of broken) {
      this.findings.push({
        index, kind, files, offsets, rule: b.rule, detail: b.detail, seabios: b.seabios, ovmf: b.ovmf,
        action: aborts ? 'aborted' : skips ? 'skipped' : 'continued',
      });
    }
    const what = broken.map((b) => `rule ${b.rule}: ${b.detail}`).join('; ');
    if (aborts) this.note = `ABORTED (${what})`;
    else if (skips) this.note = `skipped (${what})`;
    else if (this.note === undefined) this.note = `noted (${what})`;
    if (aborts) throw new Abort();
    return skips;
  }

  private findBlob(name: string): LoadedBlob | undefined {
    const last = this.lastBlob;
    if (last && last.name === name) return last;
    const b = this.blobs.find((x) => x.name === name);
    if (b) this.lastBlob = b;
    return b;
  }

  private nameChecks(fields: readonly NameField[], seabiosChecks: readonly boolean[]): Check[] {
    const out: Check[] = [];
    fields.forEach((f, i) => {
      if (!f.terminated) {
        out.push({
          rule: 3, detail: `name '${f.name.slice(0, 55)}' not NUL-terminated at byte 55`,
          seabios: seabiosChecks[i] ? 'skip' : 'accept', ovmf: 'abort',
        });
      }
    });
    return out;
  }

  private allocate(c: Extract<LoaderCommand, { kind: 'ALLOCATE' }>): void {
    const name = c.file.name;
    const file = this.host.findFile(name);
    const broken: Check[] = [];
    if (!isPow2(c.align)) broken.push({ rule: 4, detail: `alignment ${c.align} is not a power of two`, seabios: 'skip', ovmf: c.align > 4096 ? 'abort' : 'accept' });
    else if (c.align > 4096) broken.push({ rule: 4, detail: `alignment ${c.align} exceeds 4096`, seabios: 'accept', ovmf: 'abort' });
    if (c.zone !== LOADER_ZONE.HIGH && c.zone !== LOADER_ZONE.FSEG) {
      broken.push({ rule: 5, detail: `zone ${c.zone} is neither HIGH (1) nor FSEG (2)`, seabios: 'skip', ovmf: 'accept' });
    }
    broken.push(...this.nameChecks([c.file], [true]));
    if (!file) broken.push({ rule: 6, detail: `fw_cfg file '${name}' does not exist`, seabios: 'ignore', ovmf: 'abort' });
    else if (file.size === 0) broken.push({ rule: 6, detail: `fw_cfg file '${name}' is empty`, seabios: 'ignore', ovmf: 'abort' });
    if (this.findBlob(name)) broken.push({ rule: 7, detail: `'${name}' is already allocated`, seabios: 'accept', ovmf: 'abort' });
    const offsets = { align: c.align, zone: c.zone };
    if (this.check(c.index, c.kind, [name], offsets, broken) || !file || file.size === 0) return;
    const zone: LoaderZone = c.zone === LOADER_ZONE.FSEG ? 'FSEG' : 'HIGH';
    const align = Math.max(16, isPow2(c.align) ? c.align : 16);
    const addr = this.host.alloc(zone, file.size, align, this.below4g.has(name), name);
    if (addr === undefined) {
      this.check(c.index, c.kind, [name], { ...offsets, size: file.size }, [{
        rule: 8, detail: `no room for ${file.size} bytes in zone ${zone}`, seabios: 'skip', ovmf: 'abort',
      }]);
      return;
    }
    const got = this.host.loadFile(file, addr);
    if (got !== file.size) {
      this.host.free(addr, file.size);
      this.check(c.index, c.kind, [name], { ...offsets, size: file.size }, [{
        rule: 8, detail: `short read: ${got} of ${file.size} bytes`, seabios: 'skip', ovmf: 'abort',
      }]);
      return;
    }
    this.blobs.push({ name, addr, size: file.size, zone, permanent: false });
    this.note = `${name} (${file.size} bytes, ${zone}, align ${c.align}) at ${hx(addr)}`;
  }

  private addPointer(c: Extract<LoaderCommand, { kind: 'ADD_POINTER' }>): void {
    const broken = c.dest.terminated && c.src.terminated ? [] : this.nameChecks([c.dest, c.src], [true, true]);
    const dest = this.findBlob(c.dest.name);
    const src = this.findBlob(c.src.name);
    if (!dest) broken.push({ rule: 10, detail: `destination '${c.dest.name}' is not allocated`, seabios: 'skip', ovmf: 'abort' });
    if (!src) broken.push({ rule: 10, detail: `source '${c.src.name}' is not allocated`, seabios: 'skip', ovmf: 'abort' });
    const sizeOk = VALID_SIZES.has(c.size);
    if (!sizeOk) broken.push({ rule: 11, detail: `pointer size ${c.size}`, seabios: 'skip', ovmf: 'abort' });
    const inBounds = dest !== undefined && c.offset + c.size <= dest.size && c.offset + c.size <= 0xffffffff;
    if (dest && !inBounds) {
      broken.push({ rule: 12, detail: `offset ${c.offset} + size ${c.size} exceeds '${c.dest.name}' (${dest.size} bytes)`, seabios: 'skip', ovmf: 'abort' });
    }
    // Pointers of up to 4 bytes in plain numbers (exact below 2^53); 8-byte ones in BigInt.
    let orig: number | bigint = 0;
    let bytes: Uint8Array | undefined;
    if (dest && src && sizeOk && inBounds) {
      bytes = this.host.readBytes(dest.addr + c.offset, c.size);
      orig = c.size === 8 ? readLe(bytes, 0, 8) : readLeNumber(bytes, c.size);
      if (orig >= src.size) {
        broken.push({ rule: 13, detail: `relative value 0x${orig.toString(16)} is outside '${src.name}' (${src.size} bytes)`, seabios: 'accept', ovmf: 'abort' });
      }
      const value = typeof orig === 'bigint' ? orig + BigInt(src.addr) : orig + src.addr;
      if (c.size < 8 && value >= POINTER_LIMIT[c.size]!) {
        broken.push({ rule: 14, detail: `0x${value.toString(16)} does not fit in ${c.size} bytes (SeaBIOS truncates)`, seabios: 'accept', ovmf: 'abort' });
      }
    }
    if (broken.length && this.check(c.index, c.kind, [c.dest.name, c.src.name], { offset: c.offset, size: c.size }, broken)) return;
    if (!dest || !src || !sizeOk || !inBounds || !bytes) return;
    const before = this.trace ? this.peek(dest.addr + c.offset, c.size) : '';
    if (typeof orig === 'bigint') {
      this.host.writeBytes(dest.addr + c.offset, leBytes((orig + BigInt(src.addr)) & 0xffffffffffffffffn, 8));
    } else {
      const value = (orig + src.addr) % POINTER_LIMIT[c.size]!;
      for (let i = 0; i < c.size; i++) bytes[i] = (value >>> (8 * i)) & 0xff;
      this.host.writeBytes(dest.addr + c.offset, bytes);
    }
    if (this.trace) {
      this.note = `${c.dest.name}+${hx(c.offset)} at ${hx(dest.addr + c.offset)} (${c.size} bytes) += ${c.src.name} ${hx(src.addr)}: ${before} -> ${this.peek(dest.addr + c.offset, c.size)}`;
    }
  }

  private addChecksum(c: Extract<LoaderCommand, { kind: 'ADD_CHECKSUM' }>): void {
    const offsets = { offset: c.resultOffset, start: c.start, length: c.length };
    const broken = this.nameChecks([c.file], [true]);
    const blob = this.findBlob(c.file.name);
    if (!blob) broken.push({ rule: 15, detail: `'${c.file.name}' is not allocated`, seabios: 'skip', ovmf: 'abort' });
    const resultOk = blob !== undefined && c.resultOffset < blob.size;
    const rangeOk = blob !== undefined && c.start + c.length <= blob.size && c.start + c.length <= 0xffffffff;
    if (blob && !resultOk) broken.push({ rule: 16, detail: `result offset ${c.resultOffset} outside '${blob.name}' (${blob.size} bytes)`, seabios: 'skip', ovmf: 'abort' });
    if (blob && !rangeOk) broken.push({ rule: 17, detail: `range ${c.start}+${c.length} outside '${blob.name}' (${blob.size} bytes)`, seabios: 'skip', ovmf: 'abort' });
    if (this.check(c.index, c.kind, [c.file.name], offsets, broken) || !blob || !resultOk || !rangeOk) return;
    const data = this.host.readBytes(blob.addr + c.start, c.length);
    let sum = 0;
    for (let i = 0; i < data.length; i++) sum = (sum + data[i]!) & 0xff;
    const at = blob.addr + c.resultOffset;
    const old = this.host.readBytes(at, 1)[0]!;
    const inRange = c.resultOffset >= c.start && c.resultOffset < c.start + c.length;
    if (old !== 0 && inRange) {
      this.check(c.index, c.kind, [c.file.name], offsets, [{
        rule: 18, detail: `result byte is 0x${old.toString(16)} before the sum; OVMF's assignment would leave the range summing to 0x${old.toString(16)}`,
        seabios: 'accept', ovmf: 'accept',
      }]);
    }
    this.host.writeBytes(at, Uint8Array.of((old - sum) & 0xff));
    this.note = `${c.file.name}+${hx(c.resultOffset)} at ${hx(at)} over +${hx(c.start)}..+${hx(c.start + c.length)}: ${bytesText(Uint8Array.of(old))} -> ${this.peek(at, 1)}`;
  }

  private writePointer(c: Extract<LoaderCommand, { kind: 'WRITE_POINTER' }>): void {
    const files = [c.dest.name, c.src.name];
    const offsets = { dst_offset: c.dstOffset, src_offset: c.srcOffset, size: c.size };
    const broken = this.nameChecks([c.dest, c.src], [false, true]);
    const file = this.host.findFile(c.dest.name);
    const src = this.findBlob(c.src.name);
    if (!file) broken.push({ rule: 19, detail: `'${c.dest.name}' is not a fw_cfg file`, seabios: 'skip', ovmf: 'abort' });
    if (!src) broken.push({ rule: 19, detail: `source '${c.src.name}' is not allocated`, seabios: 'skip', ovmf: 'abort' });
    const sizeOk = VALID_SIZES.has(c.size);
    if (!sizeOk) broken.push({ rule: 20, detail: `pointer size ${c.size}`, seabios: 'skip', ovmf: 'abort' });
    const boundsOk = file !== undefined && c.dstOffset + c.size <= file.size;
    if (file && !boundsOk) broken.push({ rule: 20, detail: `dst_offset ${c.dstOffset} + size ${c.size} exceeds '${c.dest.name}' (${file.size} bytes)`, seabios: 'skip', ovmf: 'abort' });
    const srcOk = src !== undefined && c.srcOffset < src.size;
    if (src && !srcOk) broken.push({ rule: 21, detail: `src_offset ${c.srcOffset} outside '${src.name}' (${src.size} bytes)`, seabios: 'skip', ovmf: 'abort' });
    const value = src ? BigInt(src.addr) + BigInt(c.srcOffset) : 0n;
    if (src && sizeOk && c.size < 8 && value >= 1n << BigInt(8 * c.size)) {
      broken.push({ rule: 22, detail: `0x${value.toString(16)} does not fit in ${c.size} bytes`, seabios: 'skip', ovmf: 'abort' });
    }
    if (this.check(c.index, c.kind, files, offsets, broken) || !file || !src || !sizeOk || !boundsOk || !srcOk) return;
    if (!this.host.writeFile(file, c.dstOffset, leBytes(value, c.size))) {
      // OVMF would not notice: without DMA it writes through the data port, which QEMU ignores.
      this.check(c.index, c.kind, files, offsets, [{
        rule: 23, detail: 'the fw_cfg DMA write failed (no DMA, or the item is read-only)', seabios: 'skip', ovmf: 'accept',
      }]);
      return;
    }
    src.permanent = true;
    this.note = `${c.dest.name}+${hx(c.dstOffset)} (${c.size} bytes) = ${c.src.name}+${hx(c.srcOffset)} ${hx(value)}: <- ${bytesText(leBytes(value, c.size))}`;
    const record = { index: c.index, file: c.dest.name, key: file.key, offset: c.dstOffset, size: c.size, value };
    this.writes.push(record);
    this.host.keepWritePointer?.(record);
  }

  /** OVMF's rollback: zero the WRITE_POINTERs already sent (reverse order), free every blob. */
  private rollback(): void {
    for (let i = this.writes.length - 1; i >= 0; i--) {
      const w = this.writes[i]!;
      const file = this.host.findFile(w.file);
      if (file) this.host.writeFile(file, w.offset, new Uint8Array(w.size));
    }
    this.writes.length = 0;
    for (let i = this.blobs.length - 1; i >= 0; i--) {
      const b = this.blobs[i]!;
      this.host.writeBytes(b.addr, new Uint8Array(b.size));
      this.host.free(b.addr, b.size);
    }
    this.blobs.length = 0;
  }
}

export function executeLoader(host: LoaderHost, script: Uint8Array, policy: LoaderPolicy, trace?: (line: string) => void): LoaderResult {
  return new LoaderExecutor(host, policy, trace).run(script);
}

