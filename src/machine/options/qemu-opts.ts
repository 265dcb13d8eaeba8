import { UsageError } from '../../lib/errors.js';

/** One QEMU option value split into properties: "e1000,bus=br1,addr=3" (",," is a literal comma). */
export interface QemuOpts {
  /** The implied first value ("e1000" in -device e1000,..., "q35" in -machine q35). */
  readonly implied: string | undefined;
  readonly props: ReadonlyMap<string, string>;
}

export function parseQemuOpts(option: string, text: string, impliedKey?: string): QemuOpts {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === ',' && text[i + 1] === ',') {
      cur += ',';
      i++;
    } else if (c === ',') {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  parts.push(cur);
  let implied: string | undefined;
  const props = new Map<string, string>();
  parts.forEach((part, i) => {
    const eq = part.indexOf('=');
    if (eq < 0) {
      if (i === 0 && part !== '') implied = part;
      else if (part !== '') props.set(part, 'on');
      return;
    }
    const key = part.slice(0, eq);
    if (key === '') throw new UsageError(`${option} ${text}: empty property name`);
    if (props.has(key)) throw new UsageError(`${option} ${text}: property '${key}' given twice`);
    props.set(key, part.slice(eq + 1));
  });
  if (impliedKey && props.has(impliedKey)) {
    if (implied !== undefined) throw new UsageError(`${option} ${text}: '${impliedKey}' given twice`);
    implied = props.get(impliedKey);
    props.delete(impliedKey);
  }
  return { implied, props };
}

export function parseBool(option: string, key: string, value: string): boolean {
  if (['on', 'yes', 'true'].includes(value)) return true;
  if (['off', 'no', 'false'].includes(value)) return false;
  throw new UsageError(`${option}: property '${key}' expects on/off, got '${value}'`);
}

export function parseUint(option: string, key: string, value: string): number {
  const n = /^0x[0-9a-f]+$/i.test(value) ? parseInt(value, 16) : /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n)) throw new UsageError(`${option}: property '${key}' expects a number, got '${value}'`);
  return n;
}
