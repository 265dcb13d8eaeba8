/** Byte-level mutations of a seed, as fast-check values (so a finding shrinks to fewer, smaller edits). */
import fc from 'fast-check';

export type Mutation =
  | { readonly k: 'set'; readonly at: number; readonly v: number }
  | { readonly k: 'insert'; readonly at: number; readonly bytes: readonly number[] }
  | { readonly k: 'delete'; readonly at: number; readonly len: number }
  | { readonly k: 'splice'; readonly at: number; readonly from: number; readonly fromAt: number; readonly len: number }
  | { readonly k: 'truncate'; readonly at: number };

/** A mutation whose bytes come from `interesting` half of the time (opcodes, lengths, limits). */
export function mutationArb(interesting: readonly number[], maxInsert = 8): fc.Arbitrary<Mutation> {
  const byte = fc.oneof(fc.constantFrom(...interesting), fc.integer({ min: 0, max: 255 }));
  return fc.oneof(
    { weight: 5, arbitrary: fc.record({ k: fc.constant('set' as const), at: fc.nat(), v: byte }) },
    { weight: 2, arbitrary: fc.record({ k: fc.constant('insert' as const), at: fc.nat(), bytes: fc.array(byte, { minLength: 1, maxLength: maxInsert }) }) },
    { weight: 2, arbitrary: fc.record({ k: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 64 }) }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant('splice' as const), at: fc.nat(), from: fc.nat(), fromAt: fc.nat(), len: fc.integer({ min: 1, max: 256 }) }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant('truncate' as const), at: fc.nat() }) },
  );
}

/** Applies the mutations to `body`; `donors` feed splices (another real input's bytes). */
export function applyMutations(body: Uint8Array, muts: readonly Mutation[], donors: readonly Uint8Array[]): Uint8Array {
  let b = body;
  for (const m of muts) {
    const at = b.length === 0 ? 0 : m.at % (b.length + (m.k === 'insert' ? 1 : 0));
    switch (m.k) {
      case 'set':
        if (b.length > 0) { b = b.slice(); b[at] = m.v; }
        break;
      case 'insert':
        b = concat(b.subarray(0, at), Uint8Array.from(m.bytes), b.subarray(at));
        break;
      case 'delete':
        b = concat(b.subarray(0, at), b.subarray(at + m.len));
        break;
      case 'splice': {
        const d = donors.length ? donors[m.from % donors.length]! : b;
        const s = d.length ? m.fromAt % d.length : 0;
        b = concat(b.subarray(0, at), d.subarray(s, s + m.len), b.subarray(at));
        break;
      }
      case 'truncate':
        b = b.subarray(0, at);
        break;
    }
  }
  return b;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

export function describeMutations(muts: readonly Mutation[]): string {
  return muts.map((m) => {
    switch (m.k) {
      case 'set': return `set@${m.at}=0x${m.v.toString(16)}`;
      case 'insert': return `insert@${m.at}[${m.bytes.map((x) => x.toString(16)).join(' ')}]`;
      case 'delete': return `delete@${m.at}+${m.len}`;
      case 'splice': return `splice@${m.at}<-${m.from}:${m.fromAt}+${m.len}`;
      case 'truncate': return `truncate@${m.at}`;
    }
  }).join(' ') || '(none)';
}
