/**
 * Reuse of ACPI builds whose input is equal to an earlier one (decision 0057). The build is a
 * function of its AcpiBuildInput alone, so equal inputs give equal bytes; inputs are compared
 * exactly, value by value, against a private copy taken when the result was stored.
 */

/** A value of plain data: primitives, and arrays and prototype-less or literal objects of them. */
type Plain = unknown;

const NOT_PLAIN = Symbol('not plain');

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** A deep copy of plain data, or NOT_PLAIN when anything in it is not (a Map, a class instance, a function, a symbol key). */
export function copyPlain(v: unknown): Plain | typeof NOT_PLAIN {
  if (typeof v !== 'object' || v === null) return typeof v === 'function' || typeof v === 'symbol' ? NOT_PLAIN : v;
  if (Array.isArray(v)) {
    if (Object.getPrototypeOf(v) !== Array.prototype) return NOT_PLAIN;
    const out: unknown[] = new Array(v.length);
    for (let i = 0; i < v.length; i++) {
      if (!(i in v)) return NOT_PLAIN;
      const c = copyPlain(v[i]);
      if (c === NOT_PLAIN) return NOT_PLAIN;
      out[i] = c;
    }
    return out;
  }
  if (!isPlainObject(v) || Object.getOwnPropertySymbols(v).length > 0) return NOT_PLAIN;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    const d = Object.getOwnPropertyDescriptor(v, k)!;
    if (!('value' in d)) return NOT_PLAIN;
    const c = copyPlain(d.value);
    if (c === NOT_PLAIN) return NOT_PLAIN;
    out[k] = c;
  }
  return out;
}

/**
 * Whether `v` equals `stored` (a copyPlain result): the same primitives (Object.is), the same
 * array lengths, the same object keys in the same order. Anything not plain data is unequal.
 */
export function equalsPlain(v: unknown, stored: Plain): boolean {
  if (typeof v !== 'object' || v === null) return Object.is(v, stored);
  if (typeof stored !== 'object' || stored === null) return false;
  if (Array.isArray(v)) {
    if (!Array.isArray(stored) || v.length !== stored.length || Object.getPrototypeOf(v) !== Array.prototype) return false;
    for (let i = 0; i < v.length; i++) {
      if (!(i in v) || !equalsPlain(v[i], stored[i])) return false;
    }
    return true;
  }
  if (Array.isArray(stored) || !isPlainObject(v)) return false;
  const keys = Object.keys(v);
  const storedKeys = Object.keys(stored);
  if (keys.length !== storedKeys.length) return false;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    if (k !== storedKeys[i]) return false;
    if (!equalsPlain((v as Record<string, unknown>)[k], (stored as Record<string, unknown>)[k])) return false;
  }
  return Object.getOwnPropertySymbols(v).length === 0;
}

/**
 * A function of plain-data input with its last `size` results kept: a call whose input equals a
 * kept one returns that result (the same object: callers must not change it); any input that is
 * not plain data is always built.
 */
export function reusingBuild<I, R>(build: (input: I) => R, size: number): (input: I) => R {
  const kept: { input: Plain; result: R }[] = [];
  return (input: I): R => {
    for (let i = 0; i < kept.length; i++) {
      const e = kept[i]!;
      if (equalsPlain(input, e.input)) {
        if (i > 0) {
          kept.splice(i, 1);
          kept.unshift(e);
        }
        return e.result;
      }
    }
    const copy = copyPlain(input);
    const result = build(input);
    if (copy !== NOT_PLAIN) {
      kept.unshift({ input: copy, result });
      if (kept.length > size) kept.pop();
    }
    return result;
  };
}
