/**
 * What one part of the machine saves in a snapshot: plain JSON, raw bytes, or both (decision
 * 0022). Each part implements `saveState()/loadState()` itself; the owner that wires the part
 * registers it once (`Platform.addState`), so the registration order is the creation order and
 * no code walks arbitrary objects.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface PartState {
  readonly json?: JsonValue;
  readonly bytes?: Uint8Array;
}

export interface Snapshottable {
  saveState(): PartState;
  /** Restore what saveState returned on a machine built from the same options. */
  loadState(state: PartState): void;
}

/** A snapshot section that does not fit this machine: another wiring, a corrupt file. */
export class SnapshotMismatch extends Error {
  override readonly name = 'SnapshotMismatch';
}

/** The JSON of a section as an object (throws SnapshotMismatch otherwise). */
export function jsonObject(state: PartState, section: string): Record<string, JsonValue> {
  const j = state.json;
  if (j === null || j === undefined || typeof j !== 'object' || Array.isArray(j)) throw new SnapshotMismatch(`section ${section}: no state object`);
  return j;
}

export function num(o: Record<string, JsonValue>, key: string): number {
  const v = o[key];
  if (typeof v !== 'number') throw new SnapshotMismatch(`state field ${key}: not a number`);
  return v;
}

export function str(o: Record<string, JsonValue>, key: string): string {
  const v = o[key];
  if (typeof v !== 'string') throw new SnapshotMismatch(`state field ${key}: not a string`);
  return v;
}

export function bool(o: Record<string, JsonValue>, key: string): boolean {
  const v = o[key];
  if (typeof v !== 'boolean') throw new SnapshotMismatch(`state field ${key}: not a boolean`);
  return v;
}

export function arr(o: Record<string, JsonValue>, key: string): JsonValue[] {
  const v = o[key];
  if (!Array.isArray(v)) throw new SnapshotMismatch(`state field ${key}: not an array`);
  return v;
}

/** Bytes of a section; `length` checks the size when given. */
export function bytesOf(state: PartState, section: string, length?: number): Uint8Array {
  const b = state.bytes;
  if (!b || (length !== undefined && b.length !== length)) throw new SnapshotMismatch(`section ${section}: expected ${length ?? 'some'} bytes, got ${b?.length ?? 0}`);
  return b;
}

/** The machine's sections in registration order (= creation order). */
export class StateRegistry {
  readonly #parts: Array<{ name: string; part: Snapshottable }> = [];

  add(name: string, part: Snapshottable): void {
    if (this.#parts.some((p) => p.name === name)) throw new Error(`snapshot section '${name}' registered twice`);
    this.#parts.push({ name, part });
  }

  names(): string[] {
    return this.#parts.map((p) => p.name);
  }

  saveAll(): Array<{ name: string; state: PartState }> {
    return this.#parts.map(({ name, part }) => ({ name, state: part.saveState() }));
  }

  /**
   * Load every section in registration order; the file must have exactly these sections. A part
   * re-created while loading (a device_add replayed by the PCI section) registers its section
   * then, and is loaded in its turn.
   */
  loadAll(sections: ReadonlyMap<string, PartState>): void {
    for (let i = 0; i < this.#parts.length; i++) {
      const { name, part } = this.#parts[i]!;
      const s = sections.get(name);
      if (!s) throw new SnapshotMismatch(`section ${name} is not in the snapshot`);
      part.loadState(s);
    }
    const extra = [...sections.keys()].filter((n) => !this.#parts.some((p) => p.name === n));
    if (extra.length) throw new SnapshotMismatch(`sections this machine does not have: ${extra.join(', ')}`);
  }
}
