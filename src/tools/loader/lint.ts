/** `fwlab loader lint`: the firmwares' checks (via the firmware's own executor) plus static rules. */
import { executeLoader } from '../../../firmware/loader/index.js';
import { RULE_TITLES } from '../../../firmware/loader/index.js';
import type { LoaderFinding } from '../../../firmware/loader/index.js';
import type { FwCfgFiles } from '../fw-cfg-dir/fw-cfg-dir.js';
import { captureFindings } from '../fw-cfg-dir/fw-cfg-dir.js';
import { ScriptContext } from './explain.js';
import { loaderFileOf } from './loader-files.js';
import {
  checksumBeforePointer, finalChecksums, multiplePointers, ovmfProbe, paddingBudget, pointerPastEnd, writePointerIntoAllocated,
} from './lint-rules.js';
import type { LintFinding, Severity } from './lint-rules.js';
import { scratchHost } from './scratch-host.js';
import { traceLoader } from './trace.js';

export type { LintFinding, Severity };

export interface LintReport {
  readonly findings: readonly LintFinding[];
  readonly counts: Readonly<Record<Severity, number>>;
  /** Whether each firmware would run the script without skipping or aborting anything. */
  readonly seabiosAccepts: boolean;
  readonly ovmfAccepts: boolean;
}

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

function fromFirmware(f: LoaderFinding): LintFinding {
  const rejects = f.seabios === 'skip' || f.seabios === 'reject' || f.ovmf === 'abort';
  const ignored = f.seabios === 'ignore';
  return {
    rule: `checklist-${f.rule}`,
    severity: rejects ? 'error' : ignored ? 'warning' : 'warning',
    index: f.index,
    message: `${RULE_TITLES[f.rule] ?? `rule ${f.rule}`}: ${f.detail}; SeaBIOS would ${f.seabios}, OVMF would ${f.ovmf}`,
    seabios: f.seabios,
    ovmf: f.ovmf,
  };
}

export function lintScript(files: FwCfgFiles, where: string): LintReport {
  const script = loaderFileOf(files, where);
  const findings: LintFinding[] = [];
  const emit = (f: LintFinding) => findings.push(f);
  // The capture itself disagrees with its index.json: whatever the script does, the input is suspect.
  for (const message of captureFindings(files)) emit({ rule: 'capture-index', severity: 'error', index: -1, message });
  const fw = executeLoader(scratchHost(files), script.data, 'seabios');
  // Checklist 13 is reported with more context by pointer-past-end.
  for (const f of fw.findings) if (f.rule !== 13) emit(fromFirmware(f));
  const ctx = new ScriptContext(files);
  const trace = traceLoader(files);
  multiplePointers(ctx, trace, emit);
  checksumBeforePointer(trace, emit);
  pointerPastEnd(ctx, trace, emit);
  ovmfProbe(trace, emit);
  writePointerIntoAllocated(trace, emit);
  paddingBudget(ctx, emit);
  finalChecksums(ctx, trace, emit);
  findings.sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || a.index - b.index);
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return {
    findings, counts,
    seabiosAccepts: !fw.findings.some((f) => f.seabios === 'skip' || f.seabios === 'reject' || f.seabios === 'ignore'),
    ovmfAccepts: !fw.findings.some((f) => f.ovmf === 'abort'),
  };
}
