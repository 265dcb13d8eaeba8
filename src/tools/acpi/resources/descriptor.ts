/**
 * A decoded resource descriptor (ACPI 6.5 §6.4): the ASL macro it is written as, the arguments
 * on its first line, its numeric values with iasl's comments, the arguments after them, and an
 * optional list ({IRQs} / {interrupts}). The same record feeds the disassembly and `acpi diff`.
 */
export interface ResourceDescriptor {
  readonly macro: string;
  /** Arguments written on the macro's first line (keywords). */
  readonly head: readonly string[];
  /** [value, label] pairs written one per line with `// label`. */
  readonly values: readonly (readonly [string, string])[];
  /** Arguments after the values (optional ones left empty as iasl does). */
  readonly tail: string;
  /** A small list `{1,3,4}` (IRQ, DMA), one value per line with commas (Interrupt), or a GPIO pin list. */
  readonly list?: { readonly items: readonly string[]; readonly perLine: boolean; readonly pins?: boolean };
  /** Descriptors nested inside a StartDependentFn. */
  readonly children?: ResourceDescriptor[];
}

export const hx = (v: number | bigint, digits: number) => `0x${v.toString(16).toUpperCase().padStart(digits, '0')}`;

export function le(d: Uint8Array, off: number, size: number): bigint {
  let v = 0n;
  for (let i = size - 1; i >= 0; i--) v = (v << 8n) | BigInt(d[off + i] ?? 0);
  return v;
}

/** Set bits of a mask as iasl lists them: "3,4,5". */
export function bitList(mask: number, bits: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < bits; i++) if (mask & (1 << i)) out.push(String(i));
  return out;
}

/** A NUL-terminated name as an ASL string literal (backslashes doubled). */
export function aslString(d: Uint8Array, off: number, end: number): string {
  let s = '';
  for (let i = off; i < end && d[i] !== 0; i++) s += String.fromCharCode(d[i]!);
  return `"${s.replace(/\\/g, '\\\\')}"`;
}

/** Optional ResourceSource (index byte + NUL-terminated string) after the fixed part of a large descriptor; an empty name is left out, as iasl does. */
export function resourceSource(d: Uint8Array, off: number, end: number): string {
  if (off >= end) return ',, ';
  const name = aslString(d, off + 1, end);
  return `${hx(d[off]!, 2)}, ${name === '""' ? '' : name}, `;
}
