/**
 * acpidump's text format (ACPICA): per table a line "SIG @ 0x<16 hex digits>", then rows
 * "    OFFS: XX XX ... (16 bytes)  ascii", then an empty line. `acpixtract -a` reads it back.
 */
import { UsageError } from '../../lib/errors.js';
import { makeTable } from './table-set.js';
import type { AcpiTable } from './table-set.js';

export function formatAcpidump(tables: readonly AcpiTable[]): string {
  const out: string[] = [];
  for (const t of tables) {
    const sig = t.signature === 'RSDP' ? 'RSD PTR' : t.signature;
    out.push(`${sig} @ 0x${t.address.toString(16).toUpperCase().padStart(16, '0')}`);
    for (let o = 0; o < t.data.length; o += 16) {
      const row = t.data.subarray(o, o + 16);
      const hexes = Array.from(row, (b) => b.toString(16).toUpperCase().padStart(2, '0') + ' ').join('').padEnd(48, ' ');
      const ascii = Array.from(row, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
      out.push(`    ${o.toString(16).toUpperCase().padStart(4, '0')}: ${hexes} ${ascii}`);
    }
    out.push('');
  }
  return out.join('\n') + '\n';
}

/** The tables of an acpidump text file. */
export function parseAcpidump(text: string, where: string): AcpiTable[] {
  const out: AcpiTable[] = [];
  let bytes: number[] | undefined;
  let address = 0;
  const flush = () => {
    if (bytes) out.push(makeTable(Uint8Array.from(bytes), address));
    bytes = undefined;
  };
  for (const line of text.split(/\r?\n/)) {
    const head = /^(\S.{0,7}?) @ 0x([0-9a-fA-F]+)\s*$/.exec(line);
    if (head) {
      flush();
      bytes = [];
      address = Number.parseInt(head[2]!, 16);
      continue;
    }
    const row = /^\s+([0-9a-fA-F]+): ((?:[0-9a-fA-F]{2} ){1,16})/.exec(line);
    if (row && bytes) {
      for (const h of row[2]!.trim().split(' ')) bytes.push(Number.parseInt(h, 16));
    } else if (line.trim() === '') flush();
  }
  flush();
  if (out.length === 0) throw new UsageError(`${where}: no tables in acpidump format`);
  return out;
}
