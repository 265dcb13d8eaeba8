/**
 * Declarations run in place (decision 0058): a statement declaring a named object whose operands
 * are all decoded in place (Name only with a literal value) is decoded and run at once, without the
 * engine's op stack — the same reads, in the same order, as the general path.
 */
import { readByte, readDWord, readNameString, readPkgLength as readPkgLengthAt, readWord } from '../../lib/aml-decode.js';
import { O, OpCtx } from './frame.js';
import type { AmlContext, Frame, OpSpec } from './frame.js';
import type { LiteralDecoder } from './literal.js';
import { EXT_OPS, OPS } from './opcodes.js';

export class Declarations {
  /** One reusable op context per declaration opcode (their handlers keep nothing of it). */
  private readonly ctxs = new Map<OpSpec, OpCtx>();

  constructor(private readonly literals: LiteralDecoder) {}

  /** Runs the statement at f.pc if it is such a declaration; false (nothing consumed) when it is not. */
  run(it: AmlContext, f: Frame): boolean {
    const code = f.code;
    const pc = f.pc;
    let at = pc + 1;
    let spec: OpSpec | undefined;
    if (code[pc] === 0x5b) {
      if (at >= f.limit) return false;
      spec = EXT_OPS[code[at++]!];
    } else {
      spec = OPS[code[pc]!];
    }
    if (spec === undefined || spec.declaration !== true) return false;
    let ctx = this.ctxs.get(spec);
    if (ctx === undefined) this.ctxs.set(spec, (ctx = new OpCtx(spec, pc)));
    ctx.start = pc;
    ctx.i = 0;
    ctx.end = 0;
    ctx.fresh = false;
    f.pc = at;
    const kinds = spec.operands;
    for (let i = 0; i < kinds.length; i++) {
      let v: unknown;
      switch (kinds[i]) {
        case O.P:
          v = ctx.end = readPkgLengthAt(f);
          break;
        case O.N:
          v = readNameString(f);
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
        case O.L:
          v = this.literals.decode(f);
          if (v === undefined) {
            f.pc = pc;
            return false;
          }
          ctx.fresh = true;
          break;
      }
      ctx.args[ctx.i++] = v;
    }
    spec.run(it, ctx, f);
    return true;
  }
}
