/**
 * The AML execution engine: one loop over an explicit stack of method frames,
 * each with a stack of pending op contexts (no JS recursion per nested TermArg
 * or method call). Opcode behaviour lives in the table of opcodes.ts.
 */
import { Namespace, NsNode } from './namespace.js';
import { AmlError, AmlInterpreterBug, amlError } from './errors.js';
import { AmlMethod, AmlReference, AmlString, Kind, UNINITIALIZED } from './types.js';
import type { AmlBufferField, AmlFieldUnit, AmlMutex, AmlValue } from './types.js';
import { AmlDecodeError, isNameStart, need, readByte, readCString, readDWord, readNameString, readPkgLength as readPkgLengthAt, readQWord, readWord } from '../../lib/aml-decode.js';
import { Block, BlockKind, Frame, O, OpCtx, PENDING } from './frame.js';
import type { AmlContext, OpSpec } from './frame.js';
import { EXT_OPS, OPS, WHILE_PRED } from './opcodes.js';
import { Declarations } from './declarations.js';
import { DEBUG_REF, checkSuperName, decodeError, derefValue, element, nameTerm, refTarget, superName } from './operands.js';
import type { AmlClock, AmlOptions, AmlTracer, InterpreterHooks, NotifyEvent } from './engine-types.js';

export type { AmlClock, AmlOptions, AmlTracer, InterpreterHooks, NotifyEvent } from './engine-types.js';
export { DEBUG_REF } from './operands.js';
import { readFieldUnit, writeFieldUnit, readBufferField, writeBufferField } from './fields.js';
import { unwindToTable } from './load-recovery.js';
import { BYTE_INTEGERS, LiteralDecoder } from './literal.js';
import type { RegionSpaces } from './regions.js';

export class Interpreter implements AmlContext {
  hooks: InterpreterHooks = {
    onRegionCreated: () => {},
    findTable: () => undefined,
    loadTable: () => {
      throw amlError('NOT_EXIST', 'table loading is not available');
    },
    unloadTable: () => {},
  };
  readonly ns = new Namespace();
  readonly frames: Frame[] = [];
  intBytes = 8;
  ones = 0xffffffffffffffffn;
  readonly maxLoopIterations: number;
  readonly loopTimeoutNs: number;
  readonly loopIterationNs: number;
  readonly maxCallDepth: number;
  readonly maxMethodCalls: number;
  /** Method calls since the outermost one began (the maxMethodCalls budget). */
  private calls = 0;
  readonly windows: boolean;
  readonly revision: bigint;
  /** Notifications queued by AML (delivered by the owner after evaluation). */
  readonly notifyQueue: NotifyEvent[] = [];
  /** Errors recovered from during table loads. */
  readonly loadErrors: AmlError[] = [];
  onDebug: (v: AmlValue | undefined) => void = () => {};
  /** Execution trace hooks (undefined: no tracing). */
  tracer: AmlTracer | undefined;
  /** Sync level of the (single) thread of execution. */
  syncLevel = 0;
  private base = 0;
  /** Offset of the opcode being run or the term being parsed (for AmlError.offset). */
  private failAt = -1;
  private ret: AmlValue | undefined;
  private readonly literals = new LiteralDecoder(this);
  private readonly declarations = new Declarations(this.literals);

  constructor(readonly spaces: RegionSpaces, readonly clock: AmlClock, options: AmlOptions = {}) {
    this.maxLoopIterations = options.maxLoopIterations ?? Infinity;
    this.loopTimeoutNs = (options.loopTimeoutSeconds ?? 30) * 1e9;
    this.loopIterationNs = options.loopIterationNs ?? 20_000;
    this.maxCallDepth = options.maxCallDepth ?? 256;
    this.maxMethodCalls = options.maxMethodCalls ?? Infinity;
    this.windows = (options.semantics ?? 'windows') === 'windows';
    this.revision = options.revision ?? 0x20200925n;
  }

  setIntegerWidth(bytes: 4 | 8): void {
    this.intBytes = bytes;
    this.ones = bytes === 8 ? 0xffffffffffffffffn : 0xffffffffn;
  }

  trunc(v: bigint): bigint {
    return v & this.ones;
  }

  readField(f: AmlFieldUnit | AmlBufferField): AmlValue {
    if (f.kind !== Kind.FieldUnit) return readBufferField(this, f);
    const v = readFieldUnit(this, f);
    this.tracer?.field?.('read', f, v);
    return v;
  }

  writeField(f: AmlFieldUnit | AmlBufferField, v: AmlValue): void {
    if (f.kind !== Kind.FieldUnit) return writeBufferField(this, f, v);
    writeFieldUnit(this, f, v);
    this.tracer?.field?.('write', f, v);
  }

  // ---- entry points ------------------------------------------------------------------------

  /** Run module-level code of a table (errors are recovered per statement). */
  runTable(code: Uint8Array, start: number, end: number, tableId: number, scope: NsNode = this.ns.root): void {
    this.frames.push(new Frame(code, start, end, scope, undefined, undefined, tableId, true));
    this.run();
  }

  /** Invoke a method node (or return a non-method object's value). */
  callNode(node: NsNode, args: AmlValue[]): AmlValue | undefined {
    const n = node.resolve();
    const obj = n.object;
    if (!obj || typeof obj === 'bigint' || obj.kind !== Kind.Method) {
      if (obj && typeof obj !== 'bigint' && (obj.kind === Kind.FieldUnit || obj.kind === Kind.BufferField)) return this.readField(obj);
      return obj;
    }
    if (obj.native) return obj.native(args);
    this.enter(n, obj, args);
    return this.run();
  }

  private run(): AmlValue | undefined {
    const savedBase = this.base;
    const base = this.frames.length - 1;
    this.base = base;
    try {
      for (;;) {
        try {
          this.loop(base);
          const r = this.ret;
          this.ret = undefined;
          return r === UNINITIALIZED ? undefined : r;
        } catch (thrown) {
          const e = thrown instanceof AmlDecodeError ? decodeError(thrown) : thrown;
          if (!(e instanceof AmlError)) throw this.bug(e, base);
          this.annotate(e);
          this.tracer?.error?.(e);
          if (!unwindToTable(this, e, base)) throw e;
          e.loadTableId = this.frames[this.frames.length - 1]!.tableId;
          this.loadErrors.push(e);
        }
      }
    } finally {
      this.base = savedBase;
    }
  }

  /** An exception that is not an AML error: drop this run's frames, report where it happened. */
  private bug(e: unknown, base: number): unknown {
    if (e instanceof AmlInterpreterBug) return e;
    const f = this.frames[this.frames.length - 1];
    const bug = new AmlInterpreterBug(f?.node ? f.node.path() : '', f ? this.tableName(f.tableId) : '', f ? (this.failAt >= 0 ? this.failAt : f.stmt) : -1, e);
    while (this.frames.length > base) this.popFrame(this.frames[this.frames.length - 1]!);
    return bug;
  }

  private annotate(e: AmlError): void {
    if (e.annotated) return;
    const f = this.frames[this.frames.length - 1];
    if (!f) return;
    e.annotated = true;
    if (e.offset < 0) e.offset = this.failAt >= 0 ? this.failAt : f.stmt;
    e.path = f.node ? f.node.path() : '';
    e.table = this.tableName(f.tableId);
  }

  tableName: (id: number) => string = () => '';

  /** Drop a frame: its method-local names, held mutexes and the method's own mutex. */
  popFrame(f: Frame): void {
    this.frames.pop();
    if (f.created) {
      for (let i = f.created.length - 1; i >= 0; i--) {
        const n = f.created[i]!;
        this.ns.remove(n);
        // A method-local region dies with its method: fields that outlive it fail on access.
        if (n.object !== undefined && typeof n.object !== 'bigint' && n.object.kind === Kind.OperationRegion) n.object.invalid = true;
      }
    }
    if (f.mutexes) for (const m of f.mutexes.reverse()) this.forceRelease(m);
    const mm = f.method?.mutex;
    if (mm && mm.owner !== undefined && --mm.depth === 0) {
      mm.owner = undefined;
      this.syncLevel = mm.prevLevel;
    }
  }

  forceRelease(m: AmlMutex): void {
    if (m.owner !== undefined) {
      m.owner = undefined;
      m.depth = 0;
      this.syncLevel = m.prevLevel;
    }
  }

  enter(node: NsNode, m: AmlMethod, args: Array<AmlValue | undefined>): void {
    if (this.frames.length === 0) this.calls = 0;
    if (++this.calls > this.maxMethodCalls) throw amlError('LIMIT', `more than ${this.maxMethodCalls} method calls in one evaluation`);
    if (this.frames.length >= this.maxCallDepth) throw amlError('AML_METHOD_LIMIT', `call depth limit (${this.maxCallDepth}) reached calling ${node.path()}`);
    const f = new Frame(m.code, m.start, m.end, node, m, node, m.tableId, false);
    f.args = args;
    const mm = m.mutex;
    if (mm) {
      if (mm.owner === undefined) {
        if (mm.syncLevel < this.syncLevel) throw amlError('AML_MUTEX_ORDER', `serialized method ${node.path()} (SyncLevel ${mm.syncLevel}) called at SyncLevel ${this.syncLevel}`);
        mm.owner = this;
        mm.prevLevel = this.syncLevel;
        this.syncLevel = mm.syncLevel;
      }
      mm.depth++;
    }
    this.frames.push(f);
    this.tracer?.call?.(node, args, this.tableName(m.tableId), node.defOffset >= 0 ? node.defOffset : m.start, this.frames.length);
  }

  /** A frame returns `v`; true when it was the base frame of this run. */
  finishFrame(f: Frame, v: AmlValue | undefined): boolean {
    if (f.method && f.node) this.tracer?.ret?.(f.node, v === UNINITIALIZED ? undefined : v, this.frames.length);
    this.popFrame(f);
    if (this.frames.length <= this.base) {
      this.ret = v;
      return true;
    }
    const caller = this.frames[this.frames.length - 1]!;
    const p = caller.ops[caller.ops.length - 1];
    if (p) {
      const arg = checkSuperName(p, v ?? UNINITIALIZED);
      p.args[p.i++] = arg;
    }
    return false;
  }

  // ---- the loop ----------------------------------------------------------------------------

  private loop(base: number): void {
    const frames = this.frames;
    for (;;) {
      if (frames.length <= base) return;
      const f = frames[frames.length - 1]!;
      const ops = f.ops;
      if (ops.length !== 0) {
        const ctx = ops[ops.length - 1]!;
        const kinds = ctx.spec.operands;
        let pushed = false;
        for (;;) {
          let k = kinds[ctx.i];
          if (k === undefined) {
            if (kinds[kinds.length - 1] !== O.E || f.pc >= ctx.end) break;
            k = O.E;
          }
          let v: unknown;
          switch (k) {
            case O.T:
              v = this.termArg(f);
              break;
            case O.L:
              v = this.literals.decode(f);
              if (v === undefined) v = this.termArg(f);
              else ctx.fresh = true;
              break;
            case O.S:
            case O.R:
            case O.C:
              v = this.superName(f, k);
              break;
            case O.B:
              v = readByte(f);
              break;
            case O.W:
              v = readWord(f);
              break;
            case O.D:
              v = readDWord(f);
              break;
            case O.N:
              v = readNameString(f);
              break;
            case O.P:
              v = readPkgLengthAt(f);
              ctx.end = v as number;
              break;
            case O.E:
              if (f.pc >= ctx.end) {
                ctx.i++;
                continue;
              }
              v = element(this, f);
              break;
          }
          if (v === PENDING) {
            pushed = true;
            break;
          }
          ctx.args[ctx.i++] = v;
        }
        if (pushed) continue;
        ops.pop();
        this.failAt = ctx.start;
        const r = ctx.spec.run(this, ctx, f);
        if (r !== PENDING) {
          const p = ops[ops.length - 1];
          if (p) {
            // A Type 1 opcode (Notify, Name, Release...) in a TermArg position: it produced nothing to use.
            if (r === undefined) throw amlError('AML_NO_RETURN_VALUE', `${ctx.spec.name} has no result to use as an operand of ${p.spec.name}`);
            const arg = checkSuperName(p, r);
            p.args[p.i++] = arg;
          }
        }
        continue;
      }
      const blk = f.blocks[f.blocks.length - 1]!;
      if (f.pc >= blk.end) {
        if (this.endBlock(f, blk)) return;
        continue;
      }
      f.stmt = this.failAt = f.pc;
      if (!this.declarations.run(this, f)) this.termArg(f);
    }
  }

  private endBlock(f: Frame, blk: Block): boolean {
    switch (blk.kind) {
      case BlockKind.Method:
      case BlockKind.Table:
        return this.finishFrame(f, undefined);
      case BlockKind.While:
        f.pc = blk.start;
        this.loopCheck(blk);
        f.ops.push(new OpCtx(WHILE_PRED, blk.start));
        return false;
      case BlockKind.If: {
        f.popBlock();
        f.pc = blk.end;
        const outer = f.blocks[f.blocks.length - 1]!;
        if (f.pc < outer.end && f.code[f.pc] === 0xa1) {
          f.pc++;
          f.pc = readPkgLengthAt(f);
        }
        return false;
      }
      default:
        f.popBlock();
        f.pc = blk.end;
        return false;
    }
  }

  /**
   * Loop time charged so far by every While (loopIterationNs an iteration). A While's budget counts the
   * iterations of the loops nested in it too, as ACPICA's wall-clock timeout does: nested loops cannot
   * multiply their budgets.
   */
  loopSpentNs = 0;

  loopCheck(blk: Block): void {
    this.loopSpentNs += this.loopIterationNs;
    if (++blk.iterations >= this.maxLoopIterations) throw amlError('AML_LOOP_TIMEOUT', `While exceeded ${this.maxLoopIterations} iterations`);
    if (this.clock.now() - blk.started + (this.loopSpentNs - blk.spentAtStart) > this.loopTimeoutNs) {
      throw amlError('AML_LOOP_TIMEOUT', `While exceeded the loop timeout (${this.loopTimeoutNs / 1e9} s after ${blk.iterations} iterations)`);
    }
  }

  /** Evaluate a TermArg at f.pc: a value, or PENDING when an op context or frame was pushed. */
  termArg(f: Frame): AmlValue | typeof PENDING {
    const code = f.code;
    const pc = f.pc;
    this.failAt = pc;
    need(f, 1, 'TermArg');
    const b = code[pc]!;
    switch (b) {
      case 0x00:
        f.pc = pc + 1;
        return 0n;
      case 0x01:
        f.pc = pc + 1;
        return 1n;
      case 0xff:
        f.pc = pc + 1;
        return this.ones;
      case 0x0a:
        f.pc = pc + 1;
        return BYTE_INTEGERS[readByte(f)]!;
      case 0x0b:
        f.pc = pc + 1;
        return BigInt(readWord(f));
      case 0x0c:
        f.pc = pc + 1;
        return BigInt(readDWord(f));
      case 0x0e:
        f.pc = pc + 1;
        return this.trunc(readQWord(f));
      case 0x0d:
        f.pc = pc + 1;
        return new AmlString(readCString(f));
      case 0x60: case 0x61: case 0x62: case 0x63: case 0x64: case 0x65: case 0x66: case 0x67: {
        f.pc = pc + 1;
        const v = f.locals[b - 0x60];
        if (v === undefined) throw amlError('AML_UNINITIALIZED_LOCAL', `Local${b - 0x60} is uninitialized`);
        return v;
      }
      case 0x68: case 0x69: case 0x6a: case 0x6b: case 0x6c: case 0x6d: case 0x6e: {
        f.pc = pc + 1;
        const v = f.args[b - 0x68];
        if (v === undefined) throw amlError('AML_UNINITIALIZED_ARG', `Arg${b - 0x68} is uninitialized`);
        return v;
      }
      case 0x5b: {
        need(f, 2, 'ExtOpPrefix opcode');
        const e = code[pc + 1]!;
        if (e === 0x30) {
          f.pc = pc + 2;
          return this.revision;
        }
        if (e === 0x31) {
          f.pc = pc + 2;
          return DEBUG_REF;
        }
        const spec = EXT_OPS[e];
        if (!spec) throw amlError('AML_BAD_OPCODE', `unknown opcode 0x5B 0x${e.toString(16)}`);
        f.pc = pc + 2;
        f.ops.push(new OpCtx(spec, pc));
        return PENDING;
      }
    }
    if (isNameStart(b)) return nameTerm(this, f);
    const spec = OPS[b];
    if (!spec) throw amlError('AML_BAD_OPCODE', `unknown opcode 0x${b.toString(16)}`);
    f.pc = pc + 1;
    f.ops.push(new OpCtx(spec, pc));
    return PENDING;
  }

  onFatal(type: number, code: number, arg: bigint): void {
    this.onDebug(new AmlString(`Fatal(${type}, 0x${code.toString(16)}, 0x${arg.toString(16)})`));
  }

  superName(f: Frame, kind: number): AmlReference | null | undefined | typeof PENDING {
    return superName(this, f, kind);
  }

  /** The object a reference points at (one level). */
  refTarget(r: AmlReference): AmlValue | undefined {
    return refTarget(this, r);
  }

  /** The value behind a reference, reading fields and following reference chains. */
  derefValue(r: AmlReference): AmlValue {
    return derefValue(this, r);
  }
}
