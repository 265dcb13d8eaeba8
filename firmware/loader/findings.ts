/**
 * What the loader executor reports: one finding per broken rule of the merged checklist
 * (seabios-ovmf.md "(a) Validation checklist"), with what each real firmware would do.
 */
export type LoaderPolicy = 'seabios' | 'ovmf' | 'strict';
export const LOADER_POLICIES: readonly LoaderPolicy[] = ['seabios', 'ovmf', 'strict'];

/** SeaBIOS: 'accept', 'skip' (warn and skip the command), 'ignore' (skip silently) or 'reject' (the whole script). */
export type SeabiosVerdict = 'accept' | 'skip' | 'ignore' | 'reject';
/** OVMF: 'accept' or 'abort' (uninstall everything, zero WRITE_POINTERs, free blobs). */
export type OvmfVerdict = 'accept' | 'abort';

export interface LoaderFinding {
  /** Command index in the script (-1 for the script as a whole). */
  readonly index: number;
  readonly kind: string;
  readonly files: readonly string[];
  readonly offsets: Readonly<Record<string, number>>;
  /** Item number of the merged checklist. */
  readonly rule: number;
  readonly detail: string;
  readonly seabios: SeabiosVerdict;
  readonly ovmf: OvmfVerdict;
  /** What this run did about it under the active policy. */
  readonly action: 'continued' | 'skipped' | 'aborted';
}

export const RULE_TITLES: Readonly<Record<number, string>> = {
  1: 'script size is a multiple of 128',
  3: 'file names NUL-terminated at byte 55',
  4: 'alignment is a power of two and at most 4096',
  5: 'zone is HIGH (1) or FSEG (2)',
  6: 'the fw_cfg file exists and is not empty',
  7: 'no duplicate ALLOCATE',
  8: 'allocation succeeds and the whole blob is read',
  9: '32-bit pointees are allocated below 4 GiB',
  10: 'both files are allocated',
  11: 'pointer size is 1, 2, 4 or 8',
  12: 'offset + size within the destination blob',
  13: 'initial relative value inside the pointee',
  14: 'patched pointer fits in its size',
  15: 'checksummed file is allocated',
  16: 'result offset inside the file',
  17: 'checksum range inside the file',
  18: 'result byte zero or outside the range (OVMF assigns instead of subtracting)',
  19: 'destination is a fw_cfg file and the source is allocated',
  20: 'pointer size valid and dst_offset + size within the fw_cfg file',
  21: 'src_offset inside the source blob',
  22: 'pointer value fits in its size',
  23: 'write-back needs fw_cfg DMA WRITE',
  29: 'table count at most 128',
};

export function formatFinding(f: LoaderFinding): string {
  const offs = Object.entries(f.offsets).map(([k, v]) => `${k}=0x${v.toString(16)}`).join(' ');
  const where = f.index < 0 ? 'script' : `#${f.index} ${f.kind}`;
  const files = f.files.length > 0 ? ` [${f.files.join(' -> ')}]` : '';
  return `${where}${files}${offs ? ' ' + offs : ''}: rule ${f.rule} (${RULE_TITLES[f.rule] ?? ''}) broken: ${f.detail}; `
    + `SeaBIOS would ${f.seabios}, OVMF would ${f.ovmf}; ${f.action}`;
}
