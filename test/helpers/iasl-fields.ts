/**
 * Reads the field lines of an `iasl -d` data-table disassembly (or fwlab's output in the same
 * layout): `[OFFh DEC LEN] Name : Value` and the decoded-flag lines below them, continuation
 * lines joined, whitespace normalised. The banner, blank lines and "Raw Table Data" are skipped.
 */
export interface IaslField {
  readonly offset?: number;
  readonly length?: number;
  readonly name: string;
  readonly value: string;
}

export function parseIaslFields(text: string): IaslField[] {
  const out: IaslField[] = [];
  let continued = false;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (/^Raw Table Data/.test(line)) break;
    if (continued) {
      const last = out.pop()!;
      out.push({ ...last, value: `${last.value} ${line.trim()}` });
      continued = line.trimEnd().endsWith('\\');
      continue;
    }
    const f = /^\[([0-9A-F]+)h (\d+)\s+(\d+)\]\s*(.*?) : ?(.*)$/.exec(line);
    const g = f ? undefined : /^\s+(\S.*?) : (.*)$/.exec(line);
    if (f) out.push({ offset: parseInt(f[1]!, 16), length: Number(f[3]), name: f[4]!.trim(), value: f[5]!.trim() });
    else if (g && !line.trimStart().startsWith('*')) out.push({ name: g[1]!.trim(), value: g[2]!.trim() });
    else continue;
    continued = line.trimEnd().endsWith('\\');
  }
  return out.map((f) => ({ ...f, value: f.value.replace(/\\/g, ' ').replace(/\s+/g, ' ').trim() }));
}
