import test from 'ava';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { boot } from '../../src/machine/create-machine.js';
import type { Machine } from '../../src/machine/machine.js';
import { scanRsdp, tablesFromMemory } from '../../src/tools/acpi/table-set.js';

const GUID = '11111111-2222-4333-8444-555555555555';
const iaslProbe = spawnSync('iasl', ['-v'], { encoding: 'utf8' });
const hasIasl = iaslProbe.status === 0 || /ACPI/.test(iaslProbe.stdout ?? '');
const withIasl = hasIasl ? test : test.skip;

/** The installed SSDT VMGENV19 as iasl -d (acpica-tools) disassembles it. */
function disassembleV19(m: Machine, guestConsole: readonly string[]): string {
  const read = (a: number, n: number) => m.memory.readBytes(a, n);
  // Where the guest found the RSDP (OVMF's is not in the BIOS area).
  const rsdp = /^ospm: rsdp (0x[0-9a-f]+)/.exec(guestConsole.find((l) => l.startsWith('ospm: rsdp ')) ?? '')?.[1];
  const ssdt = tablesFromMemory(read, rsdp === undefined ? scanRsdp(read)! : Number(rsdp)).find((t) => t.signature === 'SSDT' && t.oemTableId.trim() === 'VMGENV19');
  if (!ssdt) throw new Error('no SSDT VMGENV19 installed');
  const dir = mkdtempSync(join(tmpdir(), 'fwlab-v19-'));
  try {
    writeFileSync(join(dir, 'ssdt.dat'), ssdt.data);
    const run = spawnSync('iasl', ['-d', 'ssdt.dat'], { cwd: dir, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(run.stderr || run.stdout);
    return readFileSync(join(dir, 'ssdt.dsl'), 'utf8').replace(/\/\/.*$/gm, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** BAR0 of the vmgenid-pci function as QMP query-pci reports it. */
function barFromQueryPci(m: Machine): number {
  const all = m.pci.queryPci().flatMap((b) => [...b.devices, ...b.devices.flatMap((d) => d.pci_bridge?.devices ?? [])]);
  const d = all.find((x) => x.id.vendor === 0x1b36 && x.id.device === 0x0009)!;
  return d.regions.find((r) => r.bar === 0)!.address;
}

const hex8 = (n: number) => '0x' + n.toString(16).toUpperCase().padStart(8, '0');
const guestLine = (lines: readonly string[], prefix: string) => lines.find((l) => l.startsWith(prefix));

for (const crs of [false, true]) {
  withIasl(`v19 SSDT, crs=${crs ? 'on' : 'off'}: iasl -d shows \\_SB.PCI0.VGEN QEMU0003 with ADDR = the BAR query-pci reports${crs ? ' and a Memory32Fixed over exactly the BAR' : ', no _CRS'}; the guest reads the GUID there [needs iasl]`, async (t) => {
    const { machine: m, report } = await boot(['-machine', 'pc', '-device', 'pci-bridge,chassis_nr=1,id=br1',
      '-device', `vmgenid-pci,bus=br1,addr=1,guid=${GUID},crs=${crs ? 'on' : 'off'}`]);
    const bar = barFromQueryPci(m);
    const asl = disassembleV19(m, report.guest!.console);
    t.regex(asl, /Scope \(\\_SB\.PCI0\)\s*\{\s*Device \(VGEN\)/);
    t.regex(asl, /Name \(_HID, "QEMU0003"\)/);
    t.regex(asl, /Name \(_CID, "VM_Gen_Counter"\)/);
    t.regex(asl, /Name \(_DDN, "VM_Gen_Counter"\)/);
    t.regex(asl, new RegExp(`Name \\(ADDR, Package \\(0x02\\)\\s*\\{\\s*${hex8(bar)},\\s*0x00000000\\s*\\}`));
    if (crs) t.regex(asl, new RegExp(`Memory32Fixed \\(ReadOnly,\\s*${hex8(bar)},\\s*0x00001000,`));
    else t.notRegex(asl, /_CRS/);
    const lines = report.guest!.console;
    t.is(guestLine(lines, 'ospm: vmgenid '), `ospm: vmgenid ${GUID} addr=0x${bar.toString(16)} \\_SB_.PCI0.VGEN`);
  });
}

withIasl('v19 SSDT above 4 GiB (OVMF profile on q35 puts the 64-bit BAR high): ADDR high dword set, _CRS is a QWordMemory; the guest reads the GUID [needs iasl]', async (t) => {
  const { machine: m, report } = await boot(['-machine', 'q35', '-device', `vmgenid-pci,guid=${GUID},crs=on`], { bios: 'roms/fwlab-ovmf.mjs' });
  const bar = barFromQueryPci(m);
  t.true(bar >= 2 ** 32, `BAR at 0x${bar.toString(16)}`);
  const asl = disassembleV19(m, report.guest!.console);
  t.regex(asl, new RegExp(`Name \\(ADDR, Package \\(0x02\\)\\s*\\{\\s*${hex8(bar % 2 ** 32)},\\s*${hex8(Math.floor(bar / 2 ** 32))}\\s*\\}`));
  const q = /QWordMemory \(([^)]*)\)/s.exec(asl);
  t.truthy(q);
  const nums = [...q![1]!.matchAll(/0x([0-9A-Fa-f]+)/g)].map((x) => BigInt('0x' + x[1]));
  // Granularity, min, max, translation, length (iasl's order).
  t.deepEqual(nums.slice(0, 5), [0n, BigInt(bar), BigInt(bar + 0xfff), 0n, 0x1000n]);
  t.is(guestLine(report.guest!.console, 'ospm: vmgenid '), `ospm: vmgenid ${GUID} addr=0x${bar.toString(16)} \\_SB_.PCI0.VGEN`);
});

test('vmgenid-pci and vmgenid are exclusive; vmgenid-pci replaces the default vmgenid', async (t) => {
  const { createMachine } = await import('../../src/machine/create-machine.js');
  t.throws(() => createMachine(['-device', 'vmgenid', '-device', 'vmgenid-pci']), { message: /one VM Generation ID device/ });
  const m = createMachine(['-device', 'vmgenid-pci']);
  t.is(m.vmgenid, undefined);
  t.truthy(m.vmgenidPci);
});
