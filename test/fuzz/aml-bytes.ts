/** Tiny hand-assembled definition blocks for the fuzz regressions (the minimised findings, as AML). */

const ascii = (s: string): number[] => [...s].map((ch) => ch.charCodeAt(0));

/** A DSDT (revision 2) around `body`, length and checksum filled in. */
export function definitionBlock(body: readonly number[], signature = 'DSDT'): Uint8Array {
  const t = new Uint8Array(36 + body.length);
  t.set(ascii(signature), 0);
  new DataView(t.buffer).setUint32(4, t.length, true);
  t[8] = 2;
  t.set(ascii('FWLAB FUZZ    '), 10);
  t.set(body, 36);
  let sum = 0;
  for (const b of t) sum = (sum + b) & 0xff;
  t[9] = (0x100 - sum) & 0xff;
  return t;
}

/** Method (NAME, flags) { body } with a one-byte PkgLength (body < 58 bytes). */
export function method(name: string, body: readonly number[], flags = 0): number[] {
  const len = 1 + 4 + 1 + body.length;
  if (len > 63) throw new Error('method body too long for a one-byte PkgLength');
  return [0x14, len, ...ascii(name), flags, ...body];
}

export const seg = ascii;
