/** Parses acpiexec's `evaluate` result blocks into the CLI's JSON value shape. */
import type { JsonValue } from '../../src/guest/aml/format.js';

export interface AcpiexecResult {
  readonly path: string;
  readonly value: JsonValue | undefined;
}

export function parseAcpiexecEvaluations(text: string): AcpiexecResult[] {
  const lines = text.split('\n');
  const out: AcpiexecResult[] = [];
  let i = 0;
  const parseValue = (): JsonValue => {
    const line = lines[i++]!.trim();
    let m = /^\[Integer\] = ([0-9A-F]+)/.exec(line);
    if (m) return { type: 'Integer', value: '0x' + BigInt('0x' + m[1]).toString(16) };
    m = /^\[String\] Length [0-9A-F]+ = "(.*)"$/.exec(line);
    if (m) return { type: 'String', value: m[1]! };
    m = /^\[Buffer\] Length ([0-9A-F]+) =\s*(.*)$/.exec(line);
    if (m) {
      const len = parseInt(m[1]!, 16);
      const bytes: string[] = [];
      if (m[2]) bytes.push(...m[2].trim().split(/\s+/));
      while (bytes.length < len) {
        const row = /^\s*[0-9A-F]{4}: ((?:[0-9A-F]{2} )+)/.exec(lines[i++]!);
        if (!row) throw new Error(`bad buffer row: ${lines[i - 1]}`);
        bytes.push(...row[1]!.trim().split(/\s+/));
      }
      return { type: 'Buffer', value: bytes.join(' ') };
    }
    m = /^\[Package\] Contains (\d+) Elements:/.exec(line);
    if (m) {
      const n = Number(m[1]);
      const elems: JsonValue[] = [];
      for (let k = 0; k < n; k++) elems.push(parseValue());
      return { type: 'Package', value: elems };
    }
    throw new Error(`unknown acpiexec value line: ${line}`);
  };
  while (i < lines.length) {
    const m = /^Evaluating (\S+)$/.exec(lines[i]!);
    i++;
    if (!m) continue;
    const next = lines[i] ?? '';
    if (/returned object/.test(next)) {
      i++;
      out.push({ path: m[1]!, value: parseValue() });
    } else out.push({ path: m[1]!, value: undefined });
  }
  return out;
}
