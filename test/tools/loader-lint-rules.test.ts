import test from 'ava';
import type { ExecutionContext } from 'ava';
import { le32 } from '../../src/lib/bytes.js';
import { lintScript } from '../../src/tools/loader/lint.js';
import type { Severity } from '../../src/tools/loader/lint.js';
import { tableSpans } from '../../src/tools/acpi/acpi-layout.js';
import type { CommandInput } from '../../src/tools/loader/loader-script.js';
import type { FwCfgFile } from '../../src/tools/fw-cfg-dir/fw-cfg-dir.js';
import { cliOnFiles, commandsOf, fixtureFiles, withFile, withScript } from './loader-helpers.js';

const base = fixtureFiles('q35-vmgenid');
const cmds = commandsOf(base);
const tables = base.get('etc/acpi/tables')!.data;
const span = (sig: string) => tableSpans(tables).find((s) => s.signature === sig)!;
const T = 'etc/acpi/tables';
const G = 'etc/vmgenid_guid';
const indexOf = (pred: (c: CommandInput) => boolean) => cmds.findIndex(pred);
const replaced = (i: number, c: CommandInput) => cmds.map((x, j) => (j === i ? c : x));
const inserted = (i: number, c: CommandInput) => [...cmds.slice(0, i), c, ...cmds.slice(i)];
const patched = (data: Uint8Array, off: number, bytes: number[]) => {
  const d = data.slice();
  d.set(bytes, off);
  return d;
};
const rsdtEntry0 = indexOf((c) => c.kind === 'ADD_POINTER' && c.destFile === T && c.offset === span('RSDT').offset + 36);
const wp = indexOf((c) => c.kind === 'WRITE_POINTER');
const allocTables = indexOf((c) => c.kind === 'ALLOCATE' && c.file === T);

interface Case {
  readonly rule: string;
  readonly severity: Severity;
  readonly files: () => Map<string, FwCfgFile>;
}

const CASES: Record<string, Case> = {
  'script not a multiple of 128 bytes': {
    rule: 'checklist-1', severity: 'error',
    files: () => withFile(base, 'etc/table-loader', new Uint8Array([...base.get('etc/table-loader')!.data, 1, 2, 3])),
  },
  'file name not NUL-terminated at byte 55': {
    rule: 'checklist-3', severity: 'error',
    files: () => withScript(base, inserted(0, { kind: 'ALLOCATE', file: 'x'.repeat(56), align: 16, zone: 1 })),
  },
  'alignment not a power of two': {
    rule: 'checklist-4', severity: 'error',
    files: () => withScript(base, replaced(allocTables, { kind: 'ALLOCATE', file: T, align: 48, zone: 1 })),
  },
  'zone neither HIGH nor FSEG': {
    rule: 'checklist-5', severity: 'error',
    files: () => withScript(base, replaced(allocTables, { kind: 'ALLOCATE', file: T, align: 64, zone: 7 })),
  },
  'ALLOCATE of a missing fw_cfg file': {
    rule: 'checklist-6', severity: 'error',
    files: () => withScript(base, inserted(0, { kind: 'ALLOCATE', file: 'etc/no-such-file', align: 16, zone: 1 })),
  },
  'duplicate ALLOCATE': {
    rule: 'checklist-7', severity: 'error',
    files: () => withScript(base, inserted(allocTables + 1, { kind: 'ALLOCATE', file: T, align: 64, zone: 1 })),
  },
  'ADD_POINTER from an unallocated file': {
    rule: 'checklist-10', severity: 'error',
    files: () => withScript(base, replaced(rsdtEntry0, { kind: 'ADD_POINTER', destFile: T, srcFile: 'etc/e820', offset: span('RSDT').offset + 36, size: 4 })),
  },
  'pointer size 3': {
    rule: 'checklist-11', severity: 'error',
    files: () => withScript(base, replaced(rsdtEntry0, { kind: 'ADD_POINTER', destFile: T, srcFile: T, offset: span('RSDT').offset + 36, size: 3 })),
  },
  'pointer field past the destination': {
    rule: 'checklist-12', severity: 'error',
    files: () => withScript(base, replaced(rsdtEntry0, { kind: 'ADD_POINTER', destFile: T, srcFile: T, offset: tables.length - 2, size: 4 })),
  },
  'patched pointer does not fit its size': {
    rule: 'checklist-14', severity: 'error',
    files: () => withScript(base, replaced(rsdtEntry0, { kind: 'ADD_POINTER', destFile: T, srcFile: T, offset: span('RSDT').offset + 36, size: 2 })),
  },
  'checksum result offset outside the file': {
    rule: 'checklist-16', severity: 'error',
    files: () => withScript(base, [...cmds, { kind: 'ADD_CHECKSUM', file: 'etc/acpi/rsdp', resultOffset: 40, start: 0, length: 20 }]),
  },
  'checksum range outside the file': {
    rule: 'checklist-17', severity: 'error',
    files: () => withScript(base, [...cmds, { kind: 'ADD_CHECKSUM', file: 'etc/acpi/rsdp', resultOffset: 8, start: 0, length: 64 }]),
  },
  'checksum byte not zero before the sum': {
    rule: 'checklist-18', severity: 'warning',
    files: () => withFile(base, T, patched(tables, span('WAET').offset + 9, [0x5a])),
  },
  'WRITE_POINTER to a missing fw_cfg file': {
    rule: 'checklist-19', severity: 'error',
    files: () => withScript(base, replaced(wp, { kind: 'WRITE_POINTER', destFile: 'etc/nowhere', srcFile: G, dstOffset: 0, srcOffset: 40, size: 8 })),
  },
  'WRITE_POINTER past the end of its fw_cfg file': {
    rule: 'checklist-20', severity: 'error',
    files: () => withScript(base, replaced(wp, { kind: 'WRITE_POINTER', destFile: 'etc/vmgenid_addr', srcFile: G, dstOffset: 4, srcOffset: 40, size: 8 })),
  },
  'WRITE_POINTER src_offset outside the source': {
    rule: 'checklist-21', severity: 'error',
    files: () => withScript(base, replaced(wp, { kind: 'WRITE_POINTER', destFile: 'etc/vmgenid_addr', srcFile: G, dstOffset: 0, srcOffset: 5000, size: 8 })),
  },
  'WRITE_POINTER value does not fit': {
    rule: 'checklist-22', severity: 'error',
    files: () => withScript(base, replaced(wp, { kind: 'WRITE_POINTER', destFile: 'etc/vmgenid_addr', srcFile: G, dstOffset: 0, srcOffset: 40, size: 2 })),
  },
  'a table referenced from two tables': {
    rule: 'multiple-pointers', severity: 'warning',
    // WAET's flags field (offset 36) becomes a second pointer to the DSDT, before WAET's checksum.
    files: () => withScript(
      withFile(base, T, patched(tables, span('WAET').offset + 36, [0x40, 0, 0, 0])),
      inserted(indexOf((c) => c.kind === 'ADD_CHECKSUM' && c.start === span('WAET').offset), { kind: 'ADD_POINTER', destFile: T, srcFile: T, offset: span('WAET').offset + 36, size: 4 }),
    ),
  },
  'checksum before a later pointer patch in its range': {
    rule: 'checksum-before-pointer', severity: 'error',
    files: () => {
      const fadtSum = indexOf((c) => c.kind === 'ADD_CHECKSUM' && c.start === span('FACP').offset);
      const moved = cmds.filter((_c, i) => i !== fadtSum);
      const firstFadtPointer = moved.findIndex((c) => c.kind === 'ADD_POINTER' && c.offset === span('FACP').offset + 36);
      return withScript(base, [...moved.slice(0, firstFadtPointer), cmds[fadtSum]!, ...moved.slice(firstFadtPointer)]);
    },
  },
  'pointer value past the pointee end': {
    rule: 'pointer-past-end', severity: 'error',
    files: () => withFile(base, T, patched(tables, span('RSDT').offset + 36, [0x00, 0x00, 0x03, 0x00])),
  },
  'pointee looks like an ACPI header without being a table (OVMF probe)': {
    rule: 'ovmf-probe', severity: 'warning',
    files: () => withFile(base, G, patched(base.get(G)!.data, 0, [0x56, 0x47, 0x49, 0x44, 0x00, 0x01, 0, 0, 1])),
  },
  'pointee passes OVMF probe although no checksum marks a table': {
    rule: 'ovmf-probe', severity: 'error',
    // 'FAKE', length 36, one byte making the 36 bytes sum to zero.
    files: () => withFile(base, G, patched(base.get(G)!.data, 0, [0x46, 0x41, 0x4b, 0x45, 36, 0, 0, 0, 0, (0x100 - ((0x46 + 0x41 + 0x4b + 0x45 + 36) & 0xff)) & 0xff])),
  },
  'WRITE_POINTER into an allocated file': {
    rule: 'write-pointer-into-allocated', severity: 'error',
    files: () => withScript(base, replaced(wp, { kind: 'WRITE_POINTER', destFile: G, srcFile: G, dstOffset: 128, srcOffset: 40, size: 8 })),
  },
  'tables blob beyond its padding budget': {
    rule: 'padding-budget', severity: 'error',
    files: () => {
      const big = new Uint8Array(0x200000 + 0x20000);
      big.set(tables);
      return withFile(base, T, big);
    },
  },
  'a table whose checksum is never computed': {
    rule: 'table-checksum', severity: 'error',
    files: () => withScript(base, cmds.filter((c) => !(c.kind === 'ADD_CHECKSUM' && c.start === span('APIC').offset))),
  },
};

const FAIL_AT: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'info' };

async function check(t: ExecutionContext, c: Case): Promise<void> {
  const files = c.files();
  const report = lintScript(files, 'crafted');
  const hit = report.findings.find((f) => f.rule === c.rule && f.severity === c.severity);
  t.truthy(hit, `expected ${c.severity} ${c.rule}; got ${JSON.stringify(report.findings.map((f) => `${f.severity} ${f.rule}`))}`);
  const r = await cliOnFiles(files.values(), (dir) => ['loader', 'lint', dir, '--fail-on', FAIL_AT[c.severity]]);
  t.is(r.code, 1, r.out);
  t.regex(r.out, new RegExp(`${c.severity} +(#\\d+|script) ${c.rule}:`));
  if (c.severity === 'error') t.is((await cliOnFiles(files.values(), (dir) => ['loader', 'lint', dir])).code, 0, 'no --fail-on: exit 0');
}

for (const [name, c] of Object.entries(CASES)) test(`lint rule ${c.rule} (${c.severity}): ${name}`, (t) => check(t, c));

test('le32 sanity: the crafted pointer-past-end value is past the blob', (t) => {
  t.true(le32(Uint8Array.of(0, 0, 3, 0), 0) > tables.length);
});
