/** `fwlab loader diff A B --run`: two executions compared (placement, pointers sent, findings, result). */
import type { LoaderPolicy } from '../../../firmware/loader/index.js';
import { formatFinding } from '../../../firmware/loader/index.js';
import type { FwCfgFiles } from '../fw-cfg-dir/fw-cfg-dir.js';
import { runScript } from './run.js';
import type { LoaderRun } from './run.js';

export interface RunDifference {
  readonly what: string;
  readonly a: string;
  readonly b: string;
}

function facts(r: LoaderRun): Map<string, string> {
  const m = new Map<string, string>();
  m.set('result', r.result.ok ? 'ran' : 'rejected');
  for (const b of r.result.blobs) m.set(`blob ${b.name}`, `0x${b.addr.toString(16)} ${b.size} bytes ${b.zone}`);
  for (const w of r.result.writePointers) m.set(`WRITE_POINTER ${w.file}+${w.offset}`, `0x${w.value.toString(16)}`);
  m.set('RSDP', r.rsdp === undefined ? 'none' : `0x${r.rsdp.toString(16)}`);
  m.set('OVMF tables', r.result.tables.map((t) => t.signature).join(' ') || 'none');
  r.result.findings.forEach((f, i) => m.set(`finding ${i + 1}`, formatFinding(f)));
  return m;
}

export function diffRuns(a: FwCfgFiles, b: FwCfgFiles, policy: LoaderPolicy): RunDifference[] {
  const fa = facts(runScript(a, 'A', policy));
  const fb = facts(runScript(b, 'B', policy));
  const out: RunDifference[] = [];
  for (const key of new Set([...fa.keys(), ...fb.keys()])) {
    const x = fa.get(key) ?? '(none)';
    const y = fb.get(key) ?? '(none)';
    if (x !== y) out.push({ what: key, a: x, b: y });
  }
  return out;
}
