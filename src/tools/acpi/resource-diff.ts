/**
 * Resource-level comparison of two AML values that are resource templates:
 * `Memory32Fixed Address Base 0xFE800000 -> 0xFE820000`, `+ IO Range Minimum 0x0CF8`.
 */
import { resourceFields, resourceTemplatesInText } from './resources/resource-template.js';

/** Differences when both texts hold the same number of resource templates (else undefined). */
export function diffResources(a: string, b: string): string[] | undefined {
  const ta = resourceTemplatesInText(a);
  const tb = resourceTemplatesInText(b);
  if (ta.length === 0 || ta.length !== tb.length) return undefined;
  const out: string[] = [];
  ta.forEach((da, i) => {
    const x = resourceFields(da);
    const y = resourceFields(tb[i]!);
    const at = ta.length > 1 ? `template ${i}: ` : '';
    for (const [k, v] of x) {
      if (!y.has(k)) out.push(`${at}- ${k} ${v}`);
      else if (y.get(k) !== v) out.push(`${at}${k} ${v} -> ${y.get(k)}`);
    }
    for (const [k, v] of y) if (!x.has(k)) out.push(`${at}+ ${k} ${v}`);
  });
  return out;
}
