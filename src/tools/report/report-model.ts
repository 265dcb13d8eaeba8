/** What the HTML report draws, gathered from a booted machine and its boot report. */
import type { Machine } from '../../inspect.js';
import type { BootReport } from '../../inspect.js';
import type { FwCfgFile } from '../fw-cfg-dir/fw-cfg-dir.js';
import { scanRsdp, tableName, tablesFromMemory } from '../acpi/table-set.js';
import type { AcpiTable } from '../acpi/table-set.js';
import { methodsOf, disassembleTable } from '../acpi/disasm-table.js';
import { explainScript, ScriptContext } from '../loader/explain.js';
import { traceLoader } from '../loader/trace.js';
import { LOADER_FILE } from '../loader/loader-files.js';
import { placementOf } from './chain.js';
import { formatWhyAddress, whyAddress } from '../why/why-address.js';

export interface Region {
  readonly start: number;
  readonly end: number;
  readonly kind: string;
  readonly name: string;
}

export interface LoaderEdge {
  readonly index: number;
  readonly from: string;
  readonly field: string;
  readonly to: string;
}

/** One PCI function as the PCI tree shows it (the machine's PCI summary). */
export interface PciFunctionView {
  readonly bdf: string;
  readonly bus: number;
  readonly name: string;
  readonly id: string | undefined;
  readonly vendor: number;
  readonly device: number;
  readonly classCode: number;
  readonly bars: ReadonlyArray<{ bar: number; type: string; address: number; size: number; prefetch: boolean; is64: boolean }>;
  readonly bridge: {
    readonly secondary: number;
    readonly subordinate: number;
    readonly io: { base: number; limit: number };
    readonly memory: { base: number; limit: number };
    readonly prefetchable: { base: number; limit: number };
  } | undefined;
}

export interface ReportModel {
  readonly title: string;
  readonly regions: readonly Region[];
  readonly tables: readonly { name: string; address: number; length: number; checksumOk: boolean }[];
  readonly loader: {
    readonly commands: ReadonlyArray<{ index: number; text: string }>;
    readonly blobs: readonly string[];
    readonly edges: readonly LoaderEdge[];
    /** Per command index: `fwlab why` of the first byte the command wrote (or of the address it sent). */
    readonly provenance: Readonly<Record<number, readonly string[]>>;
  };
  readonly pciFunctions: readonly PciFunctionView[];
  readonly namespace: readonly { path: string; kind: string }[];
  readonly pci: unknown;
  readonly report: BootReport;
}

function machineFiles(m: Machine): Map<string, FwCfgFile> {
  try {
    const fw = m.fwCfg;
    return new Map(fw.files().map((f) => [f.name, { name: f.name, select: f.select, data: fw.peekItem(f.select) }]));
  } catch {
    return new Map();
  }
}

export function buildReportModel(report: BootReport, m: Machine): ReportModel {
  const regions: Region[] = report.memory.map.map((r) => ({ start: Number(r.start), end: Number(r.end) + 1, kind: r.kind, name: r.name }));
  const below4g = Number(report.memory.below4g);
  // The 32-bit PCI hole (qemu-host.md §5.2): from the end of low RAM to the I/O APIC.
  if (below4g < 0xfec00000) regions.push({ start: below4g, end: 0xfec00000, kind: 'hole', name: 'pci-hole' });
  try {
    for (const d of m.pci.devices()) {
      for (const b of d.bars) {
        if (b.type === 'memory' && b.address > 0 && b.address < 2 ** 32) regions.push({ start: b.address, end: b.address + b.size, kind: 'bar', name: `${d.bdf} ${d.name} BAR${b.bar}` });
      }
    }
  } catch {
    // no PCI subsystem on this machine
  }
  const read = (a: number, n: number) => m.memory.readBytes(a, n);
  const rsdp = scanRsdp(read);
  const tables: AcpiTable[] = rsdp === undefined ? [] : tablesFromMemory(read, rsdp);
  for (const t of tables) regions.push({ start: t.address, end: t.address + t.data.length, kind: 'acpi', name: tableName(t) });
  const files = machineFiles(m);
  const loader = { commands: [] as Array<{ index: number; text: string }>, blobs: [] as string[], edges: [] as LoaderEdge[], provenance: {} as Record<number, string[]> };
  if (files.has(LOADER_FILE)) {
    loader.commands.push(...explainScript(files, 'machine').map((e) => ({ index: e.index, text: `#${e.index} ${e.kind} ${e.text}` })));
    const placement = placementOf(m);
    const blobAt = new Map(placement.blobs.map((b) => [b.file, Number(b.address)]));
    for (const { command: c } of explainScript(files, 'machine')) {
      const at = c.kind === 'ADD_POINTER' ? [c.destFile, c.offset] as const : c.kind === 'ADD_CHECKSUM' ? [c.file, c.resultOffset] as const
        : c.kind === 'WRITE_POINTER' ? [c.srcFile, c.srcOffset] as const : c.kind === 'ALLOCATE' ? [c.file, 0] as const : undefined;
      const base = at && blobAt.get(at[0]);
      if (at && base !== undefined) loader.provenance[c.index] = formatWhyAddress(whyAddress(m, placement, base + at[1]));
    }
    const ctx = new ScriptContext(files);
    for (const c of traceLoader(files).script.commands) {
      if (c.kind === 'ALLOCATE') loader.blobs.push(c.file);
      if (c.kind === 'ADD_POINTER') {
        const at = ctx.at(c.destFile, c.offset);
        loader.edges.push({ index: c.index, from: at.split('+')[0]!, field: at, to: ctx.target(c.srcFile, ctx.prefill(c.destFile, c.offset, c.size)) });
      }
      if (c.kind === 'WRITE_POINTER') loader.edges.push({ index: c.index, from: `fw_cfg ${c.destFile}`, field: `${c.destFile}+${c.dstOffset}`, to: ctx.target(c.srcFile, BigInt(c.srcOffset)) });
    }
  }
  let pciFunctions: PciFunctionView[] = [];
  try {
    pciFunctions = m.pci.devices().map((d) => ({
      bdf: d.bdf, bus: d.bus, name: d.name, id: d.id, vendor: d.vendor, device: d.device, classCode: d.classCode, bars: d.bars,
      bridge: d.bridge ? { secondary: d.bridge.secondary, subordinate: d.bridge.subordinate, io: d.bridge.io, memory: d.bridge.memory, prefetchable: d.bridge.prefetchable } : undefined,
    }));
  } catch {
    // no PCI subsystem on this machine
  }
  const methods = methodsOf(tables);
  const namespace = tables.flatMap((t) => disassembleTable(t, methods)?.namespace ?? []).map((e) => ({ path: e.path, kind: e.kind }));
  const sum = (t: AcpiTable) => {
    let s = 0;
    const n = t.signature === 'RSDP' ? 20 : t.signature === 'FACS' ? 0 : t.data.length;
    for (let i = 0; i < n; i++) s = (s + t.data[i]!) & 0xff;
    return s === 0;
  };
  return {
    title: `fwlab ${report.machine.board} (${report.machine.qemuMachine})`,
    regions,
    tables: tables.map((t) => ({ name: tableName(t), address: t.address, length: t.data.length, checksumOk: sum(t) })),
    loader,
    pciFunctions,
    namespace,
    pci: report.sections.pci ?? null,
    report,
  };
}
