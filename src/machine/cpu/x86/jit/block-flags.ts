import { FLAGS_MARK } from './operands.js';

/** What the flag pass needs to know of a line that holds one instruction. */
export interface InsnLine {
  /** Touches memory (may fault; a bus access may end the slice). */
  readonly memory: boolean;
  /** Its memory accesses are all inline: only their slow paths (marked DEFERRED_FLAGS) fault or leave. */
  readonly inline: boolean;
  /** Falls through to the next instruction. */
  readonly next: boolean;
}

/**
 * Placeholder in the slow path of an inline memory access (the block puts it after the fault point's
 * EIP and count): where the flags of an instruction whose EFLAGS statement was deferred are computed.
 */
export const DEFERRED_FLAGS = 'DEFERRED_FLAGS;';

const ALL_FLAGS = 0x8d5;
/** The instruction-local values an EFLAGS statement reads, and the block locals that keep them for a slow path. */
const KEPT: Readonly<Record<string, string>> = { a: 'FA', b: 'FB', w: 'FW', r: 'FR', cf: 'FC', s: 'FS', lo: 'FL', x: 'FX' };
const VALUE = /\b(a|b|w|r|cf|s|lo|x)\b/g;
const READS = /c\.flags|h\./;

/** The EFLAGS statements marked in one line. */
function marksOf(text: string): RegExpMatchArray[] {
  return [...text.matchAll(FLAGS_MARK)];
}

/**
 * Where each EFLAGS statement of the block goes (the statements are marked FLAGS_MARK):
 * - *dropped* when every flag it writes is written again by a later instruction before anything
 *   could see it. Seen means read (a condition, ADC, a helper), or a point where the block may leave
 *   (a branch, a check after a bus access) or fault (any memory access: the fault handler sees EFLAGS);
 * - *deferred* when the flags it writes are all written again by the next instruction that touches
 *   flags, a register-only one, and the instructions between them only move data with inline memory
 *   accesses: it keeps its operands in block locals (FA, FB, ...) and the slow paths of those
 *   accesses — the only places between the two where the flags could be seen — compute EFLAGS from
 *   them, as the statement would have;
 * - else *kept*.
 * Returns whether a statement was deferred (the block then declares the locals).
 */
export function placeFlags(lines: string[], insns: ReadonlyMap<number, InsnLine>): boolean {
  const original = lines.slice();
  const drop = new Set<number>();
  /** Register-only instructions whose one statement stays by liveness alone (deferral candidates). */
  const kept: number[] = [];
  let live = ALL_FLAGS;
  for (let i = original.length - 1; i >= 0; i--) {
    const text = original[i]!;
    const w = insns.get(i);
    const marks = marksOf(text);
    const rest = text.replace(FLAGS_MARK, '');
    const reads = w === undefined ? /return|continue/.test(text) : w.memory || !w.next || READS.test(rest);
    if (w !== undefined && !reads && marks.length === 1) {
      const kill = parseInt(marks[0]![1]!, 16);
      if ((kill & live) === 0) { drop.add(i); continue; }
      live &= ~kill;
      kept.push(i);
    } else if (reads) live = ALL_FLAGS;
  }
  const deferred = new Map<number, string>();
  const materialize = new Map<number, string>();
  for (const i of kept) {
    const mask = parseInt(marksOf(original[i]!)[0]![1]!, 16);
    const slow: number[] = [];
    let found = false;
    for (let j = i + 1; j < original.length; j++) {
      const t = original[j]!;
      const w = insns.get(j);
      if (w === undefined) {
        if (t.startsWith('if (S !== 0) {') || t === 'c.startEsp = c.r32[4];') continue;
        break;
      }
      const marks = marksOf(t);
      const rest = t.replace(FLAGS_MARK, '');
      if (!w.next || READS.test(rest)) break;
      if (marks.length === 0) {
        if (w.memory && !w.inline) break;
        if (w.memory) slow.push(j);
        continue;
      }
      found = marks.length === 1 && !w.memory && (parseInt(marks[0]![1]!, 16) & mask) === mask;
      break;
    }
    if (!found) continue;
    const statement = marksOf(original[i]!)[0]![2]!;
    const used = new Set([...statement.matchAll(VALUE)].map((m) => m[1]!));
    deferred.set(i, [...used].map((v) => `${KEPT[v]} = ${v};`).join(' '));
    const late = statement.replace(VALUE, (v) => KEPT[v]!);
    for (const j of slow) materialize.set(j, late);
  }
  for (let i = 0; i < lines.length; i++) {
    let text = original[i]!;
    if (drop.has(i)) text = text.replace(FLAGS_MARK, '');
    else if (deferred.has(i)) text = text.replace(FLAGS_MARK, deferred.get(i)!);
    else text = text.replace(FLAGS_MARK, '$2');
    lines[i] = text.replaceAll(DEFERRED_FLAGS, materialize.get(i) ?? '');
  }
  return deferred.size > 0;
}
