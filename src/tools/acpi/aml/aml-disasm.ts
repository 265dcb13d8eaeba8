/**
 * A small AML → ASL-like disassembler (functional ASL 1.0 style, no iasl needed). It also lists
 * the namespace it declares, which `acpi diff` compares. Undecodable bytes become a comment and
 * the enclosing package is skipped.
 */
import { AmlDecodeError, AmlReader, absolutePath, startsName } from './aml-reader.js';
import {
  AML_EXT_OPS, AML_OPS, FIELD_ACCESS_NAMES as FIELD_ACCESS, FIELD_LOCK_NAMES as FIELD_LOCK, FIELD_UPDATE_NAMES as FIELD_UPDATE,
  OBJECT_TYPE_NAMES as OBJECT_TYPES, REGION_SPACE_NAMES as REGION_SPACES,
} from '../../../spec/aml.js';
import type { AmlOpInfo } from '../../../spec/aml.js';

export interface NamespaceEntry {
  readonly path: string;
  readonly kind: string;
  /** Value (Name), argument count and body (Method), or declaration text. */
  readonly detail: string;
}

export interface Disassembly {
  readonly lines: readonly string[];
  readonly namespace: readonly NamespaceEntry[];
  readonly errors: readonly string[];
}

/** Method argument counts by absolute path and by final name segment (shared across tables). */
export type MethodArgs = Map<string, number>;

const hex = (v: number | bigint, d = 2) => `0x${v.toString(16).toUpperCase().padStart(d, '0')}`;
const ind = (n: number) => '    '.repeat(n);
const lastSeg = (p: string) => p.slice(Math.max(p.lastIndexOf('.'), p.lastIndexOf('\\'), p.lastIndexOf('^')) + 1);

class Disassembler {
  readonly lines: string[] = [];
  readonly ns: NamespaceEntry[] = [];
  readonly errors: string[] = [];
  constructor(private readonly methods: MethodArgs) {}

  private out(depth: number, text: string): void {
    this.lines.push(ind(depth) + text);
  }

  private declare(path: string, kind: string, detail: string): void {
    this.ns.push({ path, kind, detail });
  }

  termList(r: AmlReader, end: number, scope: string, depth: number): void {
    const saveEnd = r.end;
    r.end = end;
    while (r.pos < end) {
      const at = r.pos;
      try {
        this.statement(r, scope, depth);
      } catch (e) {
        if (!(e instanceof AmlDecodeError)) throw e;
        this.errors.push(e.message);
        this.out(depth, `/* ${e.message}; ${end - at} bytes skipped */`);
        r.pos = end;
      }
    }
    r.end = saveEnd;
  }

  private block(r: AmlReader, head: string, scope: string, depth: number, end: number): void {
    this.out(depth, head);
    this.out(depth, '{');
    this.termList(r, end, scope, depth + 1);
    this.out(depth, '}');
  }

  private statement(r: AmlReader, scope: string, depth: number): void {
    const op = r.peek();
    if (op === 0x10 || op === 0x14 || op === 0xa0 || op === 0xa1 || op === 0xa2) {
      r.u8();
      const end = r.pkgEnd();
      if (op === 0x10) {
        const name = r.name();
        const path = absolutePath(scope, name);
        this.declare(path, 'Scope', '');
        return this.block(r, `Scope (${name})`, path, depth, end);
      }
      if (op === 0x14) {
        const name = r.name();
        const flags = r.u8();
        const path = absolutePath(scope, name);
        const start = this.lines.length;
        this.block(r, `Method (${name}, ${flags & 7}, ${flags & 8 ? 'Serialized' : 'NotSerialized'}${flags >> 4 ? `, ${flags >> 4}` : ''})`, path, depth, end);
        const body = this.lines.slice(start + 2, -1).map((l) => l.trim()).join('\n');
        this.declare(path, 'Method', `args ${flags & 7}${flags & 8 ? ' serialized' : ''}\n${body}`);
        return;
      }
      if (op === 0xa0) return this.block(r, `If (${this.expr(r, scope)})`, scope, depth, end);
      if (op === 0xa1) return this.block(r, 'Else', scope, depth, end);
      return this.block(r, `While (${this.expr(r, scope)})`, scope, depth, end);
    }
    if (op === 0x08) {
      r.u8();
      const name = r.name();
      let value = this.expr(r, scope, depth);
      if ((name === '_HID' || name === '_CID') && /^0x[0-9A-F]{8}$/.test(value)) value = eisaId(Number(value));
      this.declare(absolutePath(scope, name), 'Name', value);
      return this.out(depth, `Name (${name}, ${value})`);
    }
    if (op === 0x15) {
      r.u8();
      const name = r.name();
      const type = r.u8();
      const args = r.u8();
      if (type === 8) this.methods.set(absolutePath(scope, name), args);
      return this.out(depth, `External (${name}, ${OBJECT_TYPES[type] ?? type}${type === 8 ? `, ${args}` : ''})`);
    }
    if (op === 0x5b) {
      const ext = r.peek(1);
      if (ext === 0x82 || ext === 0x85 || ext === 0x83 || ext === 0x84) {
        r.u8(); r.u8();
        const end = r.pkgEnd();
        const name = r.name();
        const path = absolutePath(scope, name);
        let head: string;
        if (ext === 0x82) head = `Device (${name})`;
        else if (ext === 0x85) head = `ThermalZone (${name})`;
        else if (ext === 0x83) head = `Processor (${name}, ${hex(r.u8())}, ${hex(r.le(4), 8)}, ${hex(r.u8())})`;
        else head = `PowerResource (${name}, ${hex(r.u8())}, ${hex(r.le(2), 4)})`;
        this.declare(path, head.slice(0, head.indexOf(' ')), head);
        return this.block(r, head, path, depth, end);
      }
      if (ext === 0x80) {
        r.u8(); r.u8();
        const name = r.name();
        const space = r.u8();
        const text = `OperationRegion (${name}, ${REGION_SPACES[space] ?? hex(space)}, ${this.expr(r, scope)}, ${this.expr(r, scope)})`;
        this.declare(absolutePath(scope, name), 'OperationRegion', text);
        return this.out(depth, text);
      }
      if (ext === 0x81 || ext === 0x86 || ext === 0x87) return this.field(r, ext, scope, depth);
    }
    this.out(depth, this.expr(r, scope, depth));
  }

  private field(r: AmlReader, ext: number, scope: string, depth: number): void {
    r.u8(); r.u8();
    const end = r.pkgEnd();
    const names = [r.name()];
    if (ext !== 0x81) names.push(r.name());
    if (ext === 0x87) names.push(this.expr(r, scope));
    const flags = r.u8();
    const kw = ext === 0x81 ? 'Field' : ext === 0x86 ? 'IndexField' : 'BankField';
    this.out(depth, `${kw} (${names.join(', ')}, ${FIELD_ACCESS[flags & 0xf] ?? hex(flags & 0xf)}, ${FIELD_LOCK[(flags >> 4) & 1]}, ${FIELD_UPDATE[(flags >> 5) & 3] ?? hex((flags >> 5) & 3)})`);
    this.out(depth, '{');
    let bit = 0;
    while (r.pos < end) {
      const c = r.peek();
      if (c === 0x00) {
        r.u8();
        const n = this.fieldLength(r);
        bit += n;
        this.out(depth + 1, `Offset (${hex(bit / 8)}),`);
      } else if (c === 0x01) {
        r.u8();
        const type = r.u8();
        r.u8();
        this.out(depth + 1, `AccessAs (${FIELD_ACCESS[type & 0xf] ?? hex(type)}),`);
      } else if (c === 0x02 || c === 0x03) {
        throw new AmlDecodeError(`unsupported field element ${hex(c)}`, r.pos);
      } else {
        let seg = '';
        for (let i = 0; i < 4; i++) seg += String.fromCharCode(r.u8());
        const n = this.fieldLength(r);
        this.declare(absolutePath(scope, seg.replace(/_+$/, '') || '_'), 'Field', `${kw} ${names[0]} bit ${bit} width ${n}`);
        this.out(depth + 1, `${seg}, ${n},`);
        bit += n;
      }
    }
    this.out(depth, '}');
  }

  private fieldLength(r: AmlReader): number {
    return r.fieldLength();
  }

  /** A SuperName or Target: NullName prints as nothing. */
  private target(r: AmlReader, scope: string): string {
    if (r.peek() === 0x00) {
      r.u8();
      return '';
    }
    return this.expr(r, scope);
  }

  expr(r: AmlReader, scope: string, depth = 0): string {
    const at = r.pos;
    const op = r.u8();
    if (op >= 0x60 && op <= 0x67) return `Local${op - 0x60}`;
    if (op >= 0x68 && op <= 0x6e) return `Arg${op - 0x68}`;
    switch (op) {
      case 0x0a: return hex(r.u8());
      case 0x0b: return hex(r.le(2), 4);
      case 0x0c: return hex(r.le(4), 8);
      case 0x0e: return hex(r.le(8), 16);
      case 0x0d: {
        let s = '';
        for (let c = r.u8(); c !== 0; c = r.u8()) s += c >= 0x20 && c < 0x7f && c !== 0x22 && c !== 0x5c ? String.fromCharCode(c) : `\\x${c.toString(16).padStart(2, '0')}`;
        return `"${s}"`;
      }
      case 0x11: {
        const end = r.pkgEnd();
        const size = this.expr(r, scope);
        const bytes: string[] = [];
        while (r.pos < end) bytes.push(hex(r.u8()));
        return `Buffer (${size}) {${bytes.length ? ` ${bytes.join(', ')} ` : ''}}`;
      }
      case 0x12:
      case 0x13: {
        const end = r.pkgEnd();
        const count = op === 0x12 ? hex(r.u8()) : this.expr(r, scope);
        const saveEnd = r.end;
        r.end = end;
        const items: string[] = [];
        while (r.pos < end) items.push(this.expr(r, scope, depth + 1));
        r.end = saveEnd;
        return `${op === 0x12 ? 'Package' : 'VarPackage'} (${count}) {${items.length ? ` ${items.join(', ')} ` : ''}}`;
      }
      case 0x5b: {
        const ext = r.u8();
        const e = AML_EXT_OPS[ext];
        if (!e || e.shape.startsWith('p')) throw new AmlDecodeError(`unknown opcode 0x5B 0x${ext.toString(16)}`, at);
        return this.operands(r, scope, e);
      }
      case 0x92: {
        const next = r.peek();
        if (next === 0x93 || next === 0x94 || next === 0x95) {
          r.u8();
          const name = next === 0x93 ? 'LNotEqual' : next === 0x94 ? 'LLessEqual' : 'LGreaterEqual';
          return this.operands(r, scope, { name, shape: 'tt' });
        }
        return this.operands(r, scope, AML_OPS[op]!);
      }
    }
    const e = AML_OPS[op];
    if (e && !e.shape.startsWith('p')) {
      if (op >= 0x8a && op <= 0x8f || op === 0x06) {
        const text = this.operands(r, scope, e);
        const last = /, ([^,()]+)\)$/.exec(text);
        if (last) this.declare(absolutePath(scope, last[1]!), e.name, text);
        return text;
      }
      return this.operands(r, scope, e);
    }
    if (startsName(op)) {
      r.pos = at;
      const name = r.name();
      const args = this.methods.get(absolutePath(scope, name)) ?? this.methods.get(lastSeg(name)) ?? 0;
      if (args === 0) return name;
      const list: string[] = [];
      for (let i = 0; i < args; i++) list.push(this.expr(r, scope));
      return `${name} (${list.join(', ')})`;
    }
    throw new AmlDecodeError(`unknown opcode 0x${op.toString(16)}`, at);
  }

  /** An opcode's operands by its shape in src/spec/aml.ts (no PkgLength forms here). */
  private operands(r: AmlReader, scope: string, { name, shape }: AmlOpInfo): string {
    if (shape === '') return name;
    const parts: string[] = [];
    for (const k of shape) {
      if (k === 't') parts.push(this.expr(r, scope));
      else if (k === 's' || k === 'r' || k === 'c') parts.push(this.target(r, scope));
      else if (k === 'n') parts.push(r.name());
      else if (k === 'b') parts.push(hex(r.u8()));
      else if (k === 'w') parts.push(hex(r.le(2), 4));
      else parts.push(hex(r.le(4), 8));
    }
    while (parts.length > 1 && parts[parts.length - 1] === '' && shape[parts.length - 1] === 'r') parts.pop();
    if (name === 'Mutex' || name === 'Event' || name === 'DataTableRegion') this.declare(absolutePath(scope, parts[0]!), name, `${name} (${parts.join(', ')})`);
    return `${name} (${parts.join(', ')})`;
  }
}

/** A compressed EISA id (ACPI 6.5 §6.1.5): 3 letters in 5 bits each + 4 hex digits, big-endian. */
function eisaId(v: number): string {
  const b = [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
  const w = (b[0]! << 8) | b[1]!;
  const letter = (n: number) => String.fromCharCode(0x40 + n);
  const id = letter((w >> 10) & 0x1f) + letter((w >> 5) & 0x1f) + letter(w & 0x1f);
  return `EisaId ("${id}${b[2]!.toString(16).toUpperCase().padStart(2, '0')}${b[3]!.toString(16).toUpperCase().padStart(2, '0')}")`;
}

/** Finds every Method and its argument count (pass 1), so calls parse with the right arity. */
export function collectMethods(aml: Uint8Array, methods: MethodArgs = new Map()): MethodArgs {
  const d = new Disassembler(methods);
  d.termList(new AmlReader(aml, 0, aml.length), aml.length, '\\', 0);
  for (const e of d.ns) {
    if (e.kind !== 'Method') continue;
    const args = Number(/^args (\d)/.exec(e.detail)![1]);
    methods.set(e.path, args);
    methods.set(lastSeg(e.path), args);
  }
  return methods;
}

/** Disassembles a DSDT/SSDT's AML (the bytes after its 36-byte header). */
export function disassembleAml(aml: Uint8Array, methods: MethodArgs = collectMethods(aml)): Disassembly {
  const d = new Disassembler(methods);
  d.termList(new AmlReader(aml, 0, aml.length), aml.length, '\\', 1);
  return { lines: d.lines, namespace: d.ns, errors: d.errors };
}
