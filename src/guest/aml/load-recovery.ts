import type { Namespace, NamePath } from './namespace.js';
import { AmlError } from './errors.js';
import { AmlRegion } from './types.js';
import { AmlDecodeError } from '../../lib/aml-decode.js';
import { BlockKind } from './frame.js';
import type { AmlContext, Frame } from './frame.js';
import { WHILE_PRED } from './opcodes.js';
import { skipTerm } from './operands.js';

/** What recovery needs of the interpreter: its frames, its namespace, dropping a frame. */
export interface RecoveryHost extends AmlContext {
  readonly frames: Frame[];
  readonly ns: Namespace;
  popFrame(f: Frame): void;
}

/**
 * Unwind after an error: drop method frames down to the table frame that called them and skip the
 * failed statement there, as ACPICA's table load goes on after a failing module-level term.
 * Returns true when a table frame recovered and execution goes on.
 */
export function unwindToTable(it: RecoveryHost, e: AmlError, base: number): boolean {
  let inMethod = false;
  while (it.frames.length > base) {
    const f = it.frames[it.frames.length - 1]!;
    if (f.isTable) {
      const pred = f.ops[0]?.spec === WHILE_PRED;
      if (inMethod || !e.unresolvedName) salvageRegion(it, f);
      f.ops.length = 0;
      if (e.code === 'AML_LOOP_TIMEOUT' || pred) {
        while (f.blocks.length > 1 && f.blocks[f.blocks.length - 1]!.kind !== BlockKind.While) f.popBlock();
        const b = f.blocks[f.blocks.length - 1]!;
        if (b.kind === BlockKind.While) {
          f.popBlock();
          f.pc = b.end;
          return true;
        }
      }
      try {
        f.pc = skipTerm(it, f.code, f.stmt, f.scope, true, f.limit);
      } catch (skipError) {
        if (!(skipError instanceof AmlError || skipError instanceof AmlDecodeError)) throw skipError;
        f.pc = f.blocks[f.blocks.length - 1]!.end;
      }
      return true;
    }
    it.popFrame(f);
    inMethod = true;
  }
  return false;
}

/**
 * ACPICA evaluates region address/length lazily, so a region whose operands fail to evaluate
 * still exists, not evaluated (accesses fail), and its fields load too. A region whose operand
 * names do not resolve fails while ACPICA parses it: no node (unwind decides).
 */
function salvageRegion(it: RecoveryHost, f: Frame): void {
  const c = f.ops[0];
  if (!c || c.spec.name !== 'OperationRegion' || c.i < 2) return;
  try {
    const node = it.ns.create(f.scope, c.args[0] as NamePath, f.tableId);
    const r = new AmlRegion(c.args[1] as number, 0n, 0n, node);
    r.invalid = true;
    r.evaluated = false;
    node.object = r;
  } catch (e) {
    // already exists (or its scope does not): nothing to keep
    if (!(e instanceof AmlError)) throw e;
  }
}
