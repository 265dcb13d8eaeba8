// `fwlab why ADDR`: the provenance of guest bytes after booting QEMU 7.2's q35-vmgenid command line,
// checked against the capture: the loader script QEMU served (which command patches what), the
// fw_cfg bytes QEMU served, the BARs SeaBIOS placed (query-pci.json) and iasl -d of QEMU's SSDT.
import test from 'ava';
import { readFileSync } from 'node:fs';
import { fixturePath } from '../helpers/paths.js';
import { main } from '../../src/cli.js';
import { boot } from '../../src/index.js';
import type { FullBootResult } from '../../src/index.js';
import { readFwCfgDir } from '../../src/tools/fw-cfg-dir/fw-cfg-dir.js';
import { parseLoaderScript } from '../../src/tools/loader/loader-script.js';
import type { Command } from '../../src/tools/loader/loader-script.js';
import { guestTables, whyAddress } from '../../src/tools/why/why-address.js';
import { whyAml } from '../../src/tools/why/why-aml.js';
import { scanRsdp } from '../../src/tools/acpi/table-set.js';
import { MonitorSession } from '../../src/tools/monitor/monitor-session.js';
import { romPath } from '../../src/inspect.js';
import { tableSpans } from '../../src/tools/acpi/acpi-layout.js';

const CONFIG = 'q35-vmgenid';
const args = readFileSync(fixturePath('qemu-7.2', CONFIG, 'seabios', 'cmdline.txt'), 'utf8').trim().split(/\s+/).slice(1).map((w) => w.replace(/\$T/g, '/tmp'))
  // The capture's boot disk ($T/bootdisk.img) is not kept; q35 would attach it to AHCI port 0.
  .filter((w, i, all) => w !== '-drive' && all[i - 1] !== '-drive');
const files = readFwCfgDir(fixturePath('qemu-7.2', CONFIG, 'seabios', 'fwcfg-post'));
const script = parseLoaderScript(files.get('etc/table-loader')!.data).commands;
const hexBytes = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');

let booted: Promise<FullBootResult> | undefined;
const machine = () => (booted ??= boot(args));
async function blobAddress(file: string): Promise<number> {
  const { report } = await machine();
  return Number(report.chain.blobs.find((b) => b.file === file)!.address);
}
function one<K extends Command['kind']>(kind: K, pred: (c: Extract<Command, { kind: K }>) => boolean): Extract<Command, { kind: K }> {
  const found = script.filter((c): c is Extract<Command, { kind: K }> => c.kind === kind && pred(c as Extract<Command, { kind: K }>));
  if (found.length !== 1) throw new Error(`${found.length} ${kind} commands match`);
  return found[0]!;
}

test('why: a byte inside the VMGENID SSDT\'s VGIA field names the ADD_POINTER of QEMU\'s script and QEMU\'s pre-patch bytes', async (t) => {
  t.regex(readFileSync(fixturePath('qemu-7.2', CONFIG, 'seabios', 'acpica', 'ssdt.dsl'), 'utf8'), /Name \(VGIA, 0x[0-9A-F]+\)/);
  const patch = one('ADD_POINTER', (c) => c.destFile === 'etc/acpi/tables' && c.srcFile === 'etc/vmgenid_guid');
  const { machine: m, report } = await machine();
  const addr = (await blobAddress('etc/acpi/tables')) + patch.offset + 1;
  const a = whyAddress(m, report.chain, addr);
  t.is(a.table?.signature, 'SSDT[VMGENID]');
  t.regex(a.table?.field ?? '', /VGIA/);
  t.is(a.blob?.file, 'etc/acpi/tables');
  t.is(a.blob?.offset, patch.offset + 1);
  t.is(a.loader?.lastWriter?.index, patch.index);
  t.is(a.loader?.lastWriter?.kind, 'ADD_POINTER');
  t.true(a.loader!.chain.some((c) => c.kind === 'ALLOCATE' && /etc\/vmgenid_guid/.test(c.role)), 'the allocation of the pointee is in the chain');
  const from = patch.offset + 1 - ((patch.offset + 1) % 4);
  t.is(a.loader?.original, `etc/acpi/tables+0x${from.toString(16)}: ${hexBytes(files.get('etc/acpi/tables')!.data.subarray(from, from + 8))}`);
  t.is(a.source?.fwCfgFile, 'etc/acpi/tables');
  t.regex(a.source?.builder ?? '', /vmgenid-ssdt\.ts/);
  const lines: string[] = [];
  t.is(await main(['why', `0x${addr.toString(16)}`, ...args], { out: (s) => lines.push(s) }), 0);
  t.regex(lines.join('\n'), new RegExp(`last written by #${patch.index} ADD_POINTER`));
});

test('why: a byte of the GUID page is the vmgenid blob at the offset QEMU\'s WRITE_POINTER sends back', async (t) => {
  const wp = one('WRITE_POINTER', (c) => c.srcFile === 'etc/vmgenid_guid');
  t.is(wp.destFile, 'etc/vmgenid_addr');
  const { machine: m, report } = await machine();
  const addr = (await blobAddress('etc/vmgenid_guid')) + wp.srcOffset + 3;
  const a = whyAddress(m, report.chain, addr);
  t.is(a.region.kind, 'ram');
  t.is(a.e820.firmware, 'reserved');
  t.deepEqual(a.blob && [a.blob.file, a.blob.offset], ['etc/vmgenid_guid', wp.srcOffset + 3]);
  t.is(a.table, null);
  t.is(a.loader?.lastWriter, null, 'the loader never patches the GUID');
  t.deepEqual(a.pointedToBy.map((c) => [c.index, c.kind, c.target]), [[wp.index, 'WRITE_POINTER', wp.srcOffset]]);
  t.regex(a.device ?? '', /VM generation ID \(byte 3 of 16\)/);
  t.regex(a.source?.builder ?? '', /vmgenid/);
});

test('why: an address inside a BAR names the function and BAR SeaBIOS gave it in QEMU', async (t) => {
  type Region = { bar: number; address: number; size: number; type: string };
  const qemu = JSON.parse(readFileSync(fixturePath('qemu-7.2', CONFIG, 'seabios', 'query-pci.json'), 'utf8')) as Array<{ devices: Array<{ slot: number; function: number; regions: Region[] }> }>;
  const sata = qemu[0]!.devices.find((d) => d.slot === 0x1f && d.function === 2)!;
  const bar = sata.regions.find((r) => r.type === 'memory')!;
  const { machine: m, report } = await machine();
  const a = whyAddress(m, report.chain, bar.address + 0x10);
  t.is(a.region.kind, 'bar');
  t.deepEqual(a.bar && [a.bar.bdf, a.bar.bar, a.bar.size], ['00:1f.2', bar.bar, `0x${bar.size.toString(16)}`]);
  t.is(a.e820.qemu, null, 'no e820 entry covers a BAR');
});

test('why: the RSDT address inside the RSDP is QEMU\'s ADD_POINTER into etc/acpi/rsdp', async (t) => {
  const patch = one('ADD_POINTER', (c) => c.destFile === 'etc/acpi/rsdp');
  t.is(patch.offset, 16, 'RsdtAddress (ACPI 6.5 §5.2.5.3)');
  const { machine: m, report } = await machine();
  const rsdp = scanRsdp((x, n) => m.memory.readBytes(x, n))!;
  const a = whyAddress(m, report.chain, rsdp + 17);
  t.is(a.table?.signature, 'RSDP');
  t.regex(a.table?.field ?? '', /^RSDT Address /);
  t.is(a.blob?.file, 'etc/acpi/rsdp');
  t.is(a.loader?.lastWriter?.index, patch.index);
  t.is(a.loader?.original, `etc/acpi/rsdp+0x10: ${hexBytes(files.get('etc/acpi/rsdp')!.data.subarray(16, 24))}`);
  t.regex(a.source?.builder ?? '', /rsdp\.ts/);
  // The monitor's `why` gives the same answer.
  const session = new MonitorSession(m, {});
  await session.handle({ execute: 'qmp_capabilities' });
  t.deepEqual(await session.handle({ execute: 'why', arguments: { address: rsdp + 17 } }), { return: a });
});

test('why \\VGIA: the table and offset of its Name term, and its guest address', async (t) => {
  const { machine: m } = await machine();
  const a = whyAml(m, '\\VGIA');
  t.is(a.table, 'SSDT[VMGENID]');
  const at = Number(a.address);
  // NameOp (0x08) and the NameSeg at that guest address.
  t.deepEqual(Array.from(m.memory.readBytes(at, 5)), [0x08, ...[...'VGIA'].map((c) => c.charCodeAt(0))]);
});

test('why after the OVMF profile: a byte of the FADT OVMF\'s installer copied is traced to its blob offset and QEMU\'s ADD_POINTER', async (t) => {
  const { machine: m, report } = await boot(args, { bios: romPath('fwlab-ovmf.mjs') });
  const facp = guestTables(m).find((x) => x.signature === 'FACP')!;
  t.truthy(facp, 'OVMF publishes the tables through the hand-over record');
  const span = tableSpans(files.get('etc/acpi/tables')!.data).find((s) => s.signature === 'FACP')!;
  const patch = one('ADD_POINTER', (c) => c.destFile === 'etc/acpi/tables' && c.offset === span.offset + 40);
  const a = whyAddress(m, report.chain, facp.address + 41);
  t.is(a.blob, null, 'not inside a loader blob: a copy');
  t.deepEqual(a.copiedFrom, { file: 'etc/acpi/tables', offset: span.offset + 41 });
  t.regex(a.table?.field ?? '', /^DSDT Address /);
  t.is(a.loader?.lastWriter?.index, patch.index);
});
