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

/** Something a migration cannot save right now (a transfer in flight, a host file): QMP migrate fails with this line. */
export class SnapshotRefused extends Error {
  override readonly name = 'SnapshotRefused';
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

/**
 * A device's own registers, named one by one (decision 0048): numbers, booleans, strings, bigints
 * (as decimal strings), number arrays and typed arrays. Nothing is found by walking the object.
 */
export function saveFields(part: object, keys: readonly string[]): Record<string, JsonValue> {
  const o = part as Record<string, unknown>;
  const out: Record<string, JsonValue> = {};
  for (const k of keys) {
    const v = o[k];
    if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') out[k] = v;
    else if (typeof v === 'bigint') out[k] = v.toString();
    else if (Array.isArray(v) || ArrayBuffer.isView(v)) out[k] = Array.from(v as ArrayLike<number>);
    else throw new Error(`saveFields: ${k} is ${typeof v}`);
  }
  return out;
}

/** Put back what saveFields saved, each field checked against the type it has here. */
export function loadFields(part: object, o: Record<string, JsonValue>, keys: readonly string[]): void {
  const p = part as Record<string, unknown>;
  for (const k of keys) {
    const here = p[k];
    const v = o[k];
    if (typeof here === 'bigint') {
      if (typeof v !== 'string' || !/^-?\d+$/.test(v)) throw new SnapshotMismatch(`state field ${k}: not an integer`);
      p[k] = BigInt(v);
    } else if (Array.isArray(here) || ArrayBuffer.isView(here)) {
      if (!Array.isArray(v) || v.some((x) => typeof x !== 'number')) throw new SnapshotMismatch(`state field ${k}: not numbers`);
      if (Array.isArray(here)) here.splice(0, here.length, ...(v as number[]));
      else {
        const a = here as unknown as { length: number; set(x: number[]): void };
        if (a.length !== v.length) throw new SnapshotMismatch(`state field ${k}: ${v.length} numbers, expected ${a.length}`);
        a.set(v as number[]);
      }
    } else {
      if (typeof v !== typeof here) throw new SnapshotMismatch(`state field ${k}: not a ${typeof here}`);
      p[k] = v;
    }
  }
}

/** A pending timer's deadline and queue place (null: none armed). */
export function timerOf(t: { readonly at: number; readonly seq: number } | undefined): JsonValue {
  return t ? { at: t.at, seq: t.seq } : null;
}

export function savedTimerOf(o: Record<string, JsonValue>, key: string): { at: number; seq: number } | undefined {
  const v = o[key];
  if (v === null || v === undefined) return undefined;
  if (typeof v !== 'object' || Array.isArray(v) || typeof v.at !== 'number' || typeof v.seq !== 'number') throw new SnapshotMismatch(`state field ${key}: not a timer`);
  return { at: v.at, seq: v.seq };
}
