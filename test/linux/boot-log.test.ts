/**
 * The Linux-view comparison (src/tools/linux/boot-log.ts) on real serial logs of Debian's 6.1 686
 * kernel under QEMU 7.2 + SeaBIOS (test/fixtures/linux/qemu-{pc,q35}/, scripts/capture-linux-qemu.sh):
 * what it extracts is what those logs say, and it tells two different machines apart.
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { compareViews, linuxView, printkLines } from '../../src/tools/linux/boot-log.js';

const pcLog = readFileSync('test/fixtures/linux/qemu-pc/serial.log', 'latin1');
const q35Log = readFileSync('test/fixtures/linux/qemu-q35/serial.log', 'latin1');

test('QEMU pc: 8 ACPI table lines (RSDP..WAET), 7 e820 entries, six PCI functions, root-mount panic, no oops', (t) => {
  const v = linuxView(pcLog);
  t.deepEqual(v.acpiTables.map((l) => l.slice(6, 10)), ['RSDP', 'RSDT', 'FACP', 'DSDT', 'FACS', 'APIC', 'HPET', 'WAET']);
  t.is(v.acpiTables[3], 'ACPI: DSDT 0x000000001FFE0040 00194C (v01 BOCHS  BXPC     00000001 BXPC 00000001)');
  t.is(v.e820.length, 7);
  t.is(v.e820[3], 'BIOS-e820: [mem 0x0000000000100000-0x000000001ffdffff] usable');
  t.deepEqual(v.pci.filter((l) => / type /.test(l)).map((l) => l.slice(4, 16)), ['0000:00:00.0', '0000:00:01.0', '0000:00:01.1', '0000:00:01.3', '0000:00:02.0', '0000:00:03.0']);
  t.true(v.irqRouting.includes('ACPI: PCI: Interrupt link LNKS configured for IRQ 9'));
  t.deepEqual(v.acpiErrors, []);
  t.deepEqual(v.console, ['Console: colour VGA+ 80x25']);
  t.deepEqual(v.faults, []);
  t.is(v.rootPanic, 'Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)');
});

test('a log equals itself; pc against q35 differs in the ACPI tables, e820, PCI and routing but not in ACPI errors', (t) => {
  t.true(compareViews(linuxView(pcLog), linuxView(pcLog)).every((c) => c.equal));
  const cmp = Object.fromEntries(compareViews(linuxView(pcLog), linuxView(q35Log)).map((c) => [c.part, c.equal]));
  t.deepEqual(cmp, { acpiTables: false, e820: false, pci: false, irqRouting: false, acpiErrors: true, console: true, smp: true });
});

test('an ACPI Error line the reference lacks, a table of another length or an oops before the panic are caught', (t) => {
  const ref = linuxView(pcLog);
  const withError = pcLog.replace('ACPI: Interpreter enabled', 'ACPI Error: AE_NOT_FOUND, While evaluating Sleep State [\\_S1_]\nACPI: Interpreter enabled');
  t.deepEqual(compareViews(ref, linuxView(withError)).find((c) => c.part === 'acpiErrors')?.extra, ['ACPI Error: AE_NOT_FOUND, While evaluating Sleep State [\\_S1_]']);
  const longer = pcLog.replace('ACPI: HPET 0x000000001FFE1A78 000038', 'ACPI: HPET 0x000000001FFE1A78 00003C');
  t.false(compareViews(ref, linuxView(longer)).find((c) => c.part === 'acpiTables')!.equal);
  const dummy = pcLog.replace('Console: colour VGA+ 80x25', 'Console: colour dummy device 80x25');
  t.false(compareViews(ref, linuxView(dummy)).find((c) => c.part === 'console')!.equal);
  const oops = pcLog.replace('pnp: PnP ACPI init', 'BUG: kernel NULL pointer dereference, address: 00000000\npnp: PnP ACPI init');
  t.deepEqual(linuxView(oops).faults, ['BUG: kernel NULL pointer dereference, address: 00000000']);
});

test('QEMU pc with -device vmgenid: one more ACPI table line (the VMGENID SSDT) and SeaBIOS gives back one page less of RAM', (t) => {
  const v = linuxView(readFileSync('test/fixtures/linux/qemu-pc-vmgenid/serial.log', 'latin1'));
  t.true(v.acpiTables.some((l) => /^ACPI: SSDT 0x[0-9A-F]+ 0000CA \(v01 BOCHS  VMGENID/.test(l)));
  t.is(v.acpiTables.length, 9);
  t.is(v.e820[3], 'BIOS-e820: [mem 0x0000000000100000-0x000000001ffddfff] usable');
  t.deepEqual(v.acpiErrors, []);
  t.truthy(v.rootPanic);
});

test('printk lines lose the time stamp and CR', (t) => {
  t.deepEqual(printkLines('[    0.000000] BIOS-provided physical RAM map:\r\n[   12.345678] x\n'), ['BIOS-provided physical RAM map:', 'x']);
});
