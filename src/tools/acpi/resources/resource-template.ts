/**
 * Resource templates (ACPI 6.5 §6.4): a buffer that is a sequence of resource descriptors ending
 * in an End Tag decodes to `ResourceTemplate () { … }` with one ASL macro per descriptor, laid
 * out as `iasl -d` writes them. A buffer with any unknown or malformed descriptor stays a Buffer.
 */
import type { ResourceDescriptor } from './descriptor.js';
import { largeDescriptor } from './large-descriptors.js';
import { smallDescriptor } from './small-descriptors.js';

export type { ResourceDescriptor } from './descriptor.js';

/** The descriptors of a resource template, or undefined when `b` is not exactly one (iasl keeps an End Tag alone a Buffer). */
export function decodeResourceTemplate(b: Uint8Array): ResourceDescriptor[] | undefined {
  const top: ResourceDescriptor[] = [];
  let list = top;
  for (let off = 0; off < b.length;) {
    const tag = b[off]!;
    if (tag & 0x80) {
      if (off + 3 > b.length) return undefined;
      const len = b[off + 1]! | (b[off + 2]! << 8);
      if (off + 3 + len > b.length) return undefined;
      const d = largeDescriptor(tag & 0x7f, b.subarray(off + 3, off + 3 + len));
      if (!d) return undefined;
      list.push(d);
      off += 3 + len;
      continue;
    }
    const type = (tag >> 3) & 0x0f;
    const len = tag & 7;
    if (off + 1 + len > b.length) return undefined;
    // §6.4.2.9 End Tag: a checksum byte follows; it must be the buffer's last descriptor.
    if (type === 0x0f) return len === 1 && off + 2 === b.length && top.length ? top : undefined;
    const d = smallDescriptor(type, b.subarray(off + 1, off + 1 + len));
    if (!d) return undefined;
    if (d.macro.startsWith('StartDependentFn')) {
      top.push(d);
      list = d.children!;
    } else if (d.macro === 'EndDependentFn') {
      top.push(d);
      list = top;
    } else list.push(d);
    off += 1 + len;
  }
  return undefined;
}

const pad = (n: number) => '    '.repeat(n);

function formatDescriptor(d: ResourceDescriptor, depth: number, out: string[]): void {
  const at = pad(depth);
  const head = `${d.macro} (${d.head.join(', ')}`;
  if (d.values.length) {
    out.push(d.head.length ? `${at}${head},` : `${at}${head}`);
    for (const [v, label] of d.values) out.push(`${at}    ${`${v},`.padEnd(20)}// ${label}`);
    out.push(`${at}    ${d.tail})`);
  } else out.push(`${at}${head})`);
  if (d.list) {
    if (d.list.perLine) {
      out.push(d.list.pins ? `${at}{   // Pin list` : `${at}{`);
      // Interrupt lists end every entry with a comma; GPIO pin lists separate them.
      d.list.items.forEach((item, i) => out.push(`${at}    ${item}${d.list!.pins && i === d.list!.items.length - 1 ? '' : ','}`));
      out.push(`${at}}`);
    } else out.push(`${at}    {${d.list.items.join(',')}}`);
  }
  if (d.children) {
    out.push(`${at}{`);
    for (const c of d.children) formatDescriptor(c, depth + 1, out);
    out.push(`${at}}`);
  }
}

/** The template's body lines (between its braces) at `depth`. */
export function formatResourceTemplate(descriptors: readonly ResourceDescriptor[], depth: number): string[] {
  const out: string[] = [];
  for (const d of descriptors) formatDescriptor(d, depth, out);
  return out;
}

/** Each descriptor as "Macro[i]" with its named values, for field-level comparisons. */
export function resourceFields(descriptors: readonly ResourceDescriptor[]): Map<string, string> {
  const out = new Map<string, string>();
  const counts = new Map<string, number>();
  const walk = (ds: readonly ResourceDescriptor[], prefix: string) => {
    for (const d of ds) {
      const n = counts.get(d.macro) ?? 0;
      counts.set(d.macro, n + 1);
      const key = `${prefix}${d.macro}${n ? `[${n}]` : ''}`;
      out.set(`${key} flags`, [...d.head, d.tail].filter((x) => x.trim()).join(', '));
      for (const [v, label] of d.values) out.set(`${key} ${label}`, v);
      if (d.list) out.set(`${key} list`, d.list.items.join(','));
      if (d.children) walk(d.children, `${key}.`);
    }
  };
  walk(descriptors, '');
  return out;
}

const BUFFER = /Buffer \((0x[0-9A-F]+)\) \{ (0x[0-9A-F]{2}(?:, 0x[0-9A-F]{2})*) \}/g;

/** The bytes of a constant `Buffer (N) { … }` whose N equals their count. */
function constantBuffer(m: RegExpExecArray): Uint8Array | undefined {
  const bytes = Uint8Array.from(m[2]!.split(', '), (x) => parseInt(x, 16));
  return parseInt(m[1]!, 16) === bytes.length ? bytes : undefined;
}

/** Each constant Buffer in an ASL text that holds a resource template, with its descriptors. */
export function resourceTemplatesInText(text: string): ResourceDescriptor[][] {
  const out: ResourceDescriptor[][] = [];
  for (const m of text.matchAll(BUFFER)) {
    const bytes = constantBuffer(m);
    const ds = bytes && decodeResourceTemplate(bytes);
    if (ds) out.push(ds);
  }
  return out;
}

/**
 * Rewrites disassembly lines so that each Buffer holding a resource template reads as one:
 * the text before it, `ResourceTemplate ()`, the braced body, then the rest of the line
 * (which may hold further templates, as in a _CST package).
 */
export function withResourceTemplates(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const indent = /^ */.exec(line)![0];
    const depth = Math.floor(indent.length / 4);
    let rest = line;
    let from = 0;
    for (;;) {
      BUFFER.lastIndex = from;
      const m = BUFFER.exec(rest);
      if (!m) break;
      const bytes = constantBuffer(m);
      const ds = bytes && decodeResourceTemplate(bytes);
      if (!ds) {
        from = m.index + m[0].length;
        continue;
      }
      out.push(`${rest.slice(0, m.index)}ResourceTemplate ()`, `${indent}{`, ...formatResourceTemplate(ds, depth + 1));
      rest = `${indent}}${rest.slice(m.index + m[0].length)}`;
      from = indent.length + 1;
    }
    out.push(rest);
  }
  return out;
}
