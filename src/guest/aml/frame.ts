/**
 * Execution state: op contexts, blocks and method frames (the explicit stack), and AmlContext,
 * the narrow view of the engine that the op handlers (ops-*.ts), operands, store and fields get.
 */
import type { Namespace, NsNode } from './namespace.js';
import type { AmlBufferField, AmlFieldUnit, AmlMethod, AmlMutex, AmlReference, AmlValue } from './types.js';
import type { AmlCursor } from '../../lib/aml-decode.js';
import type { ConvContext } from './convert.js';
import type { AmlError } from './errors.js';
import type { RegionSpaces } from './regions.js';
import type { AmlClock, AmlTracer, InterpreterHooks, NotifyEvent } from './engine-types.js';

export const PENDING = Symbol('pending');
export type OpResult = AmlValue | undefined | null | typeof PENDING;

/** Operand kinds of the opcode table. */
export const O = {
  /** TermArg: evaluated to a value. */
  T: 1,
  /** SuperName: resolved to a reference (name must exist). */
  S: 2,
  /** Target: SuperName or NullName (null). */
  R: 3,
  B: 4,
  W: 5,
  D: 6,
  /** NameString (not resolved). */
  N: 7,
  /** PkgLength: sets ctx.end. */
  P: 8,
  /** SuperName that may be missing (CondRefOf): undefined. */
  C: 9,
  /** Package elements up to ctx.end (names kept as references, not calls). */
  E: 10,
  /** DataRefObject (Name's value): a TermArg; `ctx.fresh` when decoded as a literal (a new object). */
  L: 11,
} as const;

export interface OpSpec {
  readonly name: string;
  readonly code: number;
  readonly operands: readonly number[];
  readonly run: (it: AmlContext, c: OpCtx, f: Frame) => OpResult;
  /** Declares a name and has no TermArg operand: a statement of it can run without the op stack. */
  readonly declaration?: boolean;
}

export class OpCtx {
  /** Operands as decoded (args[i] for operand i), then package elements: sized for the operands. */
  readonly args: unknown[];
  i = 0;
  end = 0;
  wantRef = false;
  /** An O.L operand was a literal: its object is new, no copy needed to keep it. */
  fresh = false;
  node: NsNode | undefined = undefined;
  constructor(readonly spec: OpSpec, public start: number) {
    const k = spec.operands;
    this.args = new Array<unknown>(k.length !== 0 && k[k.length - 1] === O.E ? k.length - 1 : k.length);
  }
}

export const BlockKind = { Table: 0, Method: 1, Scope: 2, If: 3, Else: 4, While: 5 } as const;

export class Block {
  iterations = 0;
  /** Virtual time the While started (loop timeout). */
  started = 0;
  /** The engine's loop time already spent when this While began (inner loops count for outer ones). */
  spentAtStart = 0;
  constructor(readonly kind: number, readonly start: number, readonly end: number, readonly scope: NsNode) {}
}

export class Frame implements AmlCursor {
  pc: number;
  /** End of the innermost block (method, table, scope, If/Else/While): no read goes past it. */
  limit: number;
  readonly ops: OpCtx[] = [];
  readonly blocks: Block[] = [];
  readonly locals: Array<AmlValue | undefined> = [undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined];
  args: Array<AmlValue | undefined> = [];
  scope: NsNode;
  /** Method-local named objects, deleted on return. */
  created: NsNode[] | undefined;
  mutexes: AmlMutex[] | undefined;
  /** LocalX/ArgX target references, made once per frame. */
  targets: AmlReference[] | undefined;
  /** Start of the statement being executed (error recovery during table load). */
  stmt = 0;
  constructor(
    readonly code: Uint8Array,
    start: number,
    end: number,
    scope: NsNode,
    readonly method: AmlMethod | undefined,
    readonly node: NsNode | undefined,
    /** Table frames run module-level code and recover from errors. */
    readonly tableId: number,
    readonly isTable: boolean,
  ) {
    this.pc = start;
    this.limit = end;
    this.scope = scope;
    this.blocks.push(new Block(isTable ? BlockKind.Table : BlockKind.Method, start, end, scope));
  }

  pushBlock(b: Block): void {
    this.blocks.push(b);
    this.scope = b.scope;
    this.limit = b.end;
  }

  popBlock(): Block {
    const b = this.blocks.pop()!;
    const outer = this.blocks[this.blocks.length - 1]!;
    this.scope = outer.scope;
    this.limit = outer.end;
    return b;
  }
}

/** What opcode handlers and operand decoding may use of the engine (implemented by Interpreter). */
export interface AmlContext extends ConvContext {
  readonly ns: Namespace;
  readonly clock: AmlClock;
  readonly hooks: InterpreterHooks;
  readonly spaces: RegionSpaces;
  /** Windows (NT/uACPI) semantics; false: ACPICA's where they differ. */
  readonly windows: boolean;
  readonly frames: readonly Frame[];
  /** Errors recovered from during table loads. */
  readonly loadErrors: AmlError[];
  readonly notifyQueue: NotifyEvent[];
  /** Sync level of the (single) thread of execution. */
  syncLevel: number;
  trunc(v: bigint): bigint;
  writeField(f: AmlFieldUnit | AmlBufferField, v: AmlValue): void;
  /** The object a reference points at (one level). */
  refTarget(r: AmlReference): AmlValue | undefined;
  /** Evaluate a TermArg at f.pc: a value, or PENDING when an op context or frame was pushed. */
  termArg(f: Frame): AmlValue | typeof PENDING;
  enter(node: NsNode, m: AmlMethod, args: Array<AmlValue | undefined>): void;
  /** A frame returns `v`; true when it was the base frame of the current run. */
  finishFrame(f: Frame, v: AmlValue | undefined): boolean;
  loopCheck(blk: Block): void;
  /** Loop time every While has charged so far (a While's budget includes its inner loops'). */
  readonly loopSpentNs: number;
  onDebug(v: AmlValue | undefined): void;
  readonly tracer: AmlTracer | undefined;
  onFatal(type: number, code: number, arg: bigint): void;
}
