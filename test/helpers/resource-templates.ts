/**
 * The ResourceTemplate () blocks of an ASL text (iasl's or fwlab's), each normalised for
 * comparison: comments and white space dropped, iasl's invented descriptor names (_Y00…) dropped.
 */
export function resourceTemplatesIn(asl: string): string[] {
  const text = asl.split('\n').map((l) => l.replace(/\/\/.*$/, '').replace(/\/\*.*?\*\//g, '')).join('\n');
  const out: string[] = [];
  const marker = 'ResourceTemplate ()';
  for (let at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + 1)) {
    const open = text.indexOf('{', at);
    let depth = 0;
    let end = open;
    for (; end < text.length; end++) {
      if (text[end] === '{') depth++;
      else if (text[end] === '}' && --depth === 0) break;
    }
    out.push(text.slice(open + 1, end).replace(/\s+/g, '').replace(/_Y[0-9A-F]{2}/g, ''));
  }
  return out;
}
