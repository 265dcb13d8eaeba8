/**
 * `iasl -d`-style decoding of ACPI data tables: one layout per signature (one file each), the
 * common header, then the body. Unknown signatures get the header only.
 */
import { TableDecoder, formatLines } from './field-layout.js';
import type { DecodedLine } from './field-layout.js';
import { HEADER_SIZE, decodeHeader } from './header.js';
import type { DataTableLayout } from './layout-types.js';
import { BERT } from './bert.js';
import { BGRT } from './bgrt.js';
import { DMAR } from './dmar.js';
import { ECDT } from './ecdt.js';
import { ERST } from './erst.js';
import { FACS } from './facs.js';
import { FADT } from './fadt.js';
import { FPDT } from './fpdt.js';
import { HPET } from './hpet.js';
import { MADT } from './madt.js';
import { MCFG } from './mcfg.js';
import { NFIT } from './nfit.js';
import { RSDP } from './rsdp.js';
import { RSDT, XSDT } from './root-tables.js';
import { SLIT } from './slit.js';
import { SRAT } from './srat.js';
import { TPM2 } from './tpm2.js';
import { WAET } from './waet.js';
import { WSMT } from './wsmt.js';

export type { DecodedLine } from './field-layout.js';

const LAYOUTS: ReadonlyMap<string, DataTableLayout> = new Map(
  [BERT, BGRT, DMAR, ECDT, ERST, FACS, FADT, FPDT, HPET, MADT, MCFG, NFIT, RSDP, RSDT, XSDT, SLIT, SRAT, TPM2, WAET, WSMT].map((l) => [l.signature, l]),
);

export function hasDataLayout(signature: string): boolean {
  return LAYOUTS.has(signature);
}

/** The decoded fields of a data table (`signature` "RSDP" for the root pointer). */
export function decodeDataTable(signature: string, data: Uint8Array): DecodedLine[] {
  const layout = LAYOUTS.get(signature);
  const length = signature === 'RSDP' ? data.length : Math.min(data.length, data.length >= 8 ? new DataView(data.buffer, data.byteOffset).getUint32(4, true) : 0);
  const t = new TableDecoder(data, Math.max(length, Math.min(data.length, 8)));
  if (layout?.headerless) {
    layout.decode(t, 0);
    return t.lines;
  }
  if (data.length < HEADER_SIZE) {
    t.text(`/* ${signature}: ${data.length} bytes, shorter than a table header */`);
    return t.lines;
  }
  const off = decodeHeader(t, layout?.description ?? '');
  if (layout) layout.decode(t, off);
  else t.text(`/* ${signature}: no layout for this table; ${t.end - off} bytes of body not decoded */`);
  return t.lines;
}

export function formatDataTable(signature: string, data: Uint8Array): string {
  return formatLines(decodeDataTable(signature, data)).join('\n').replace(/\n+$/, '') + '\n';
}
