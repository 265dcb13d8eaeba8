/**
 * Field-level comparison of two data tables through their decoders: each field keyed by its
 * place (subtable kind and ordinal, GAS parent, flag under its field), e.g.
 * `PM1A Event Block Address 00000600 -> 00000608`, `PM1A Event Block.Address …` (the GAS),
 * `I/O APIC#0 Address FEC00000 -> FEC10000`, `Flags: Reset Register Supported (V2) 0 -> 1`.
 */
import { decodeDataTable } from './tables/index.js';

/** Fields that hold addresses the firmware chose or checksums: never reported. */
const IGNORED: Readonly<Record<string, readonly RegExp[]>> = {
  '*': [/^Checksum$/],
  RSDP: [/^RSDT Address$/, /^XSDT Address$/, /^Extended Checksum$/],
  FACP: [/^FACS Address$/, /^DSDT Address$/],
  // Compared as the list of tables they name.
  RSDT: [/^ACPI Table Address/],
  XSDT: [/^ACPI Table Address/],
};

/** The table's fields as key → value, in table order. */
export function keyedFields(signature: string, data: Uint8Array): Map<string, string> {
  const out = new Map<string, string>();
  const seen = new Map<string, number>();
  let section = '';
  let gas = '';
  let gasLeft = 0;
  let lastKey = '';
  const ignored = [...IGNORED['*']!, ...(IGNORED[signature] ?? [])];
  for (const l of decodeDataTable(signature, data)) {
    if (l.kind === 'flag') {
      if (lastKey) out.set(`${lastKey}: ${l.name}`, l.value);
      continue;
    }
    if (l.kind !== 'field') continue;
    if (l.name === 'Subtable Type' || l.name === 'Device Scope Type') {
      const kind = /\[(.*)\]/.exec(l.value)?.[1] ?? l.value;
      const n = seen.get(kind) ?? 0;
      seen.set(kind, n + 1);
      section = `${kind}#${n}`;
      lastKey = '';
      continue;
    }
    if (l.value === '[Generic Address Structure]') {
      gas = l.name;
      gasLeft = 5;
      continue;
    }
    let name = l.name.replace(' (decoded below)', '');
    if (gasLeft > 0) {
      name = `${gas}.${l.name}`;
      gasLeft--;
    }
    if (ignored.some((r) => r.test(l.name))) {
      lastKey = '';
      continue;
    }
    let key = section ? `${section} ${name}` : name;
    for (let i = 2; out.has(key); i++) key = `${section ? `${section} ` : ''}${name}#${i}`;
    out.set(key, l.value);
    lastKey = key;
  }
  return out;
}

/** "Name A -> B" for each field whose value differs; "+"/"-" for fields only one table has. */
export function diffFields(signature: string, a: Uint8Array, b: Uint8Array): string[] {
  const x = keyedFields(signature, a);
  const y = keyedFields(signature, b);
  const out: string[] = [];
  for (const [k, v] of x) {
    if (!y.has(k)) out.push(`- ${k} ${v}`);
    else if (y.get(k) !== v) out.push(`${k} ${v} -> ${y.get(k)}`);
  }
  for (const [k, v] of y) if (!x.has(k)) out.push(`+ ${k} ${v}`);
  return out;
}
