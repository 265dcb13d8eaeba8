/**
 * `fwlab why ADDR`: the provenance of one guest physical byte after a boot. Host-side: it reads the
 * booted machine (memory map, PCI BARs, fw_cfg files, installed tables) and the boot report's chain
 * (where the firmware put each blob), and replays the loader script symbolically to name the command
 * that last wrote the byte (src/tools/loader/why.ts).
 */
import type { Machine } from '../../inspect.js';
import type { BootChain } from '../report/chain.js';
import { handoverRsdp } from '../report/chain.js';
import { hex, hexBytes } from '../../lib/hex.js';
import { scanRsdp, tableName, tablesFromMemory } from '../acpi/table-set.js';
import type { AcpiTable } from '../acpi/table-set.js';
import { decodeDataTable } from '../acpi/tables/index.js';
import { tableSpans } from '../acpi/acpi-layout.js';
import { whyByte } from '../loader/why.js';
import type { ChainLink } from '../loader/why.js';
import type { FwCfgFile } from '../fw-cfg-dir/fw-cfg-dir.js';
import { installedAml } from '../monitor/monitor-aml.js';
import { tableBuilder, fwCfgProducer } from './builders.js';
import { explainScript } from '../loader/explain.js';
import { LOADER_FILE } from '../loader/loader-files.js';
import { biosTableAt } from './bios-tables.js';
import type { BiosTableAnswer } from './bios-tables.js';

function le(b: Uint8Array, off: number, size: number): bigint {
  let v = 0n;
  for (let i = size - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[off + i] ?? 0);
  return v;
}

export interface RegionAnswer {
  /** 'ram' | 'rom' | 'mmio' | 'bar' | 'hole' */
  readonly kind: string;
  readonly name: string;
  readonly start: string;
  readonly end: string;
}

export interface WhyAddressAnswer {
  readonly address: string;
  readonly region: RegionAnswer;
  /** QEMU's e820 entry type and the firmware's (after POST), when an entry holds the address. */
  readonly e820: { readonly qemu: string | null; readonly firmware: string | null };
  /** The firmware allocation (a fw_cfg blob placed by the loader's ALLOCATE). */
  readonly blob: { readonly file: string; readonly address: string; readonly offset: number; readonly zone: string } | null;
  /**
   * A table the firmware copied out of its blob (OVMF's installer): the fw_cfg file and offset the
   * byte was copied from. The loader answer below is about that original byte; pointers and
   * checksums the installer rewrote differ in memory.
   */
  readonly copiedFrom: { readonly file: string; readonly offset: number } | null;
  /** A legacy BIOS table an OS finds in the F-segment ($PIR, MP table, SMBIOS): the part and its origin. */
  readonly biosTable: BiosTableAnswer | null;
  /** The ACPI table holding the byte, the field (iasl's name) or AML object there. */
  readonly table: { readonly signature: string; readonly address: string; readonly offset: number; readonly field: string | null } | null;
  /** Which loader command last wrote the byte, from which fw_cfg bytes; the chain behind it. */
  readonly loader: {
    readonly lastWriter: ChainLink | null;
    readonly chain: readonly ChainLink[];
    readonly coveredBy: readonly ChainLink[];
    /** The bytes QEMU served in the fw_cfg file (around the byte), and what memory holds now. */
    readonly original: string;
    readonly now: string;
  } | null;
  /**
   * Loader commands whose pointer leads to this byte: of the ADD_POINTERs and WRITE_POINTERs into the
   * blob, those whose target (blob offset) is the closest at or below the byte.
   */
  readonly pointedToBy: ReadonlyArray<{ readonly index: number; readonly kind: string; readonly target: number; readonly text: string }>;
  /** What a device keeps at this address (the vmgenid GUID the device writes where etc/vmgenid_addr says). */
  readonly device: string | null;
  /** The fw_cfg file the original bytes came from, and the fwlab code that produced them. */
  readonly source: { readonly fwCfgFile: string; readonly builder: string } | null;
  /** A BAR: the function and its BAR as QMP query-pci has it. */
  readonly bar: { readonly bdf: string; readonly device: string; readonly id: string | null; readonly bar: number; readonly type: string; readonly size: string } | null;
}

function fwCfgFiles(m: Machine): Map<string, FwCfgFile> {
  const fw = m.fwCfg;
  return new Map(fw.files().map((f) => [f.name, { name: f.name, select: f.select, data: fw.peekItem(f.select) }]));
}

function e820Type(rows: ReadonlyArray<{ start: string; end: string; type: string }> | null, addr: number): string | null {
  const r = rows?.find((e) => addr >= Number(e.start) && addr <= Number(e.end));
  return r ? r.type : null;
}

function regionOf(m: Machine, addr: number): { region: RegionAnswer; bar: WhyAddressAnswer['bar'] } {
  for (const d of m.pci.devices()) {
    for (const b of d.bars) {
      if (b.type !== 'memory' || addr < b.address || addr >= b.address + b.size) continue;
      return {
        region: { kind: 'bar', name: `BAR${b.bar} of ${d.name}${d.id ? ` (${d.id})` : ''} ${d.bdf}`, start: hex(b.address), end: hex(b.address + b.size - 1) },
        bar: { bdf: d.bdf, device: d.name, id: d.id ?? null, bar: b.bar, type: b.prefetch ? 'memory, prefetchable' : 'memory', size: hex(b.size) },
      };
    }
  }
  const r = m.memory.flatView().find((x) => addr >= x.start && addr < x.end);
  if (!r) return { region: { kind: 'hole', name: 'nothing decodes it (reads return all-ones)', start: hex(addr), end: hex(addr) }, bar: null };
  return { region: { kind: r.mapping.target.kind, name: r.mapping.name, start: hex(r.start), end: hex(r.end - 1) }, bar: null };
}

/** iasl's field name at `rel` of a data table; for AML, the innermost named object defined before it. */
function fieldAt(m: Machine, tables: readonly AcpiTable[], t: AcpiTable, rel: number): string | null {
  const sig = t.signature === 'RSDP' ? 'RSDP' : t.signature;
  if (sig !== 'DSDT' && sig !== 'SSDT') {
    const f = decodeDataTable(sig, t.data).find((l) => l.kind === 'field' && rel >= l.offset && rel < l.offset + Math.max(1, l.length));
    return f && f.kind === 'field' ? `${f.name} (+${f.offset}, ${f.length} bytes)` : null;
  }
  if (rel < 36) return decodeDataTable('SSDT', t.data.subarray(0, 36)).flatMap((l) => (l.kind === 'field' && rel >= l.offset && rel < l.offset + l.length ? [l.name] : []))[0] ?? null;
  const aml = installedAml(m, tables);
  const loaded = aml.tables.find((x) => x.bytes.length === t.data.length && x.bytes.every((b, i) => b === t.data[i]));
  if (!loaded) return null;
  let best: { path: string; offset: number } | undefined;
  aml.ns.walk((n) => {
    const at = aml.definedAt(n);
    if (at && at.table === loaded && at.offset <= rel && (!best || at.offset >= best.offset)) best = { path: n.path(), offset: at.offset };
    return true;
  });
  return best ? `in ${best.path} (defined at ${t.signature}+0x${best.offset.toString(16)})` : null;
}

/** The installed tables: from the RSDP the E/F-segment scan finds, else the hand-over record's (OVMF profile). */
export function guestTables(m: Machine): AcpiTable[] {
  const read = (a: number, n: number) => m.memory.readBytes(a, n);
  const rsdp = scanRsdp(read) ?? handoverRsdp(m);
  return rsdp === undefined ? [] : tablesFromMemory(read, rsdp);
}

/** `chain`: where the firmware placed the blobs and the e820 maps (placementOf(m), or a boot report's chain). */
export function whyAddress(m: Machine, chain: Pick<BootChain, 'blobs' | 'e820'>, addr: number): WhyAddressAnswer {
  const { region, bar } = regionOf(m, addr);
  const e820 = { qemu: e820Type(chain.e820.qemu, addr), firmware: e820Type(chain.e820.firmware, addr) };
  const b = chain.blobs.find((x) => addr >= Number(x.address) && addr < Number(x.address) + x.size);
  const blob = b ? { file: b.file, address: b.address, offset: addr - Number(b.address), zone: b.zone } : null;

  const tables = guestTables(m);
  const t = tables.find((x) => addr >= x.address && addr < x.address + x.data.length);
  const table = t ? { signature: tableName(t), address: hex(t.address), offset: addr - t.address, field: fieldAt(m, tables, t, addr - t.address) } : null;

  let loader: WhyAddressAnswer['loader'] = null;
  let source: WhyAddressAnswer['source'] = null;
  let pointedToBy: WhyAddressAnswer['pointedToBy'] = [];
  const files = fwCfgFiles(m);
  let copiedFrom: WhyAddressAnswer['copiedFrom'] = null;
  if (!blob && t) {
    for (const bl of chain.blobs) {
      const data = files.get(bl.file)?.data;
      const span = data && tableSpans(data).find((x) => x.signature === t.signature && x.length === t.data.length && (t.signature !== 'SSDT' || x.oemTableId === t.oemTableId));
      if (span) {
        copiedFrom = { file: bl.file, offset: span.offset + (addr - t.address) };
        break;
      }
    }
  }
  const origin = blob ? { file: blob.file, offset: blob.offset, at: Number(blob.address) } : copiedFrom ? { ...copiedFrom, at: addr - copiedFrom.offset } : null;
  if (origin) {
    const blob = origin;
    if (files.has(LOADER_FILE)) {
      // Pointers into this blob: the ones whose target is the closest at or below the byte reach it.
      const into = explainScript(files, 'machine').flatMap((e) => {
        const c = e.command;
        if (c.kind === 'WRITE_POINTER' && c.srcFile === blob.file) return [{ e, target: c.srcOffset }];
        const d = c.kind === 'ADD_POINTER' && c.srcFile === blob.file ? files.get(c.destFile)?.data : undefined;
        return c.kind === 'ADD_POINTER' && d ? [{ e, target: Number(le(d, c.offset, c.size)) }] : [];
      }).filter((x) => x.target <= blob.offset);
      const nearest = Math.max(-1, ...into.map((x) => x.target));
      pointedToBy = into.filter((x) => x.target === nearest).map(({ e, target }) => ({ index: e.index, kind: e.kind, target, text: e.text }));
    }
    const file = files.get(blob.file);
    if (file) {
      const w = whyByte(files, blob.file, blob.offset);
      const from = Math.max(0, blob.offset - (blob.offset % 4));
      const n = Math.min(8, file.data.length - from);
      const memAt = copiedFrom ? addr - (blob.offset - from) : blob.at + from;
      loader = {
        lastWriter: w.lastWriter ?? null, chain: w.chain, coveredBy: w.coveredBy,
        original: `${blob.file}+0x${from.toString(16)}: ${hexBytes(file.data.subarray(from, from + n))}`,
        now: `${hex(memAt)}: ${hexBytes(m.memory.readBytes(memAt, n))}`,
      };
      source = { fwCfgFile: blob.file, builder: t ? tableBuilder(t.signature, t.oemTableId) : fwCfgProducer(blob.file) };
    }
  }
  const vg = m.vmgenid?.guestAddress;
  const device = vg !== undefined && addr >= vg && addr < vg + 16
    ? `the VM generation ID (byte ${addr - vg} of 16), written by the vmgenid device at the address the firmware sent in etc/vmgenid_addr` : null;
  const biosTable = !blob && !t && addr < 0x100000000 ? biosTableAt((a, n) => m.memory.readBytes(a, n), addr, files) : null;
  return { address: hex(addr), region, e820, blob, copiedFrom, biosTable, table, loader, pointedToBy, device, source, bar };
}

/** The answer as lines for a terminal. */
export function formatWhyAddress(a: WhyAddressAnswer): string[] {
  const out = [`${a.address}: ${a.region.kind} ${a.region.name} [${a.region.start}-${a.region.end}]`];
  if (a.bar) out.push(`  BAR${a.bar.bar} of ${a.bar.device}${a.bar.id ? ` (${a.bar.id})` : ''} at ${a.bar.bdf}: ${a.bar.type}, ${a.bar.size} bytes`);
  out.push(`  e820: QEMU ${a.e820.qemu ?? 'no entry'}, after POST ${a.e820.firmware ?? 'no entry'}`);
  if (a.blob) out.push(`  firmware allocation: ${a.blob.file} at ${a.blob.address} (${a.blob.zone}), offset 0x${a.blob.offset.toString(16)}`);
  if (a.copiedFrom) out.push(`  copied by the firmware's table installer from ${a.copiedFrom.file}+0x${a.copiedFrom.offset.toString(16)} (the loader's view below is of that byte)`);
  if (a.biosTable) out.push(`  ${a.biosTable.table} at ${a.biosTable.address}, offset ${a.biosTable.offset}: ${a.biosTable.part}; from ${a.biosTable.origin}`);
  if (a.table) out.push(`  ACPI table ${a.table.signature} at ${a.table.address}, offset ${a.table.offset}${a.table.field ? `: ${a.table.field}` : ''}`);
  if (a.loader) {
    out.push(a.loader.lastWriter ? `  last written by #${a.loader.lastWriter.index} ${a.loader.lastWriter.kind}: ${a.loader.lastWriter.text}` : '  not written by the loader: as the fw_cfg file had it');
    for (const c of a.loader.chain) out.push(`    #${c.index} ${c.kind} ${c.role}`);
    for (const c of a.loader.coveredBy) out.push(`    then #${c.index} ${c.kind} ${c.role}`);
    out.push(`  fw_cfg bytes ${a.loader.original}`, `  memory now   ${a.loader.now}`);
  }
  for (const c of a.pointedToBy) out.push(`  reached through #${c.index} ${c.kind} (to +0x${c.target.toString(16)}): ${c.text}`);
  if (a.device) out.push(`  holds ${a.device}`);
  if (a.source) out.push(`  original bytes: fw_cfg file ${a.source.fwCfgFile}, built by ${a.source.builder}`);
  return out;
}
