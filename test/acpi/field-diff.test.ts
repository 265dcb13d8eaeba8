/** `acpi diff` reports data-table fields and resource descriptors, not bytes (QEMU 7.2 pc vs q35 tables). */
import test from 'ava';
import { diffTableSets } from '../../src/tools/acpi/acpi-diff.js';
import { tablesFromBinaryDir } from '../../src/tools/acpi/table-source.js';
import { fixturePath } from '../helpers/paths.js';

const installed = (config: string, fw = 'seabios') => tablesFromBinaryDir(fixturePath('qemu-7.2', config, fw, 'acpi-installed'));

test('pc → q35: FADT fields, GAS sub-fields and flag bits by name; resource descriptors by macro and value', (t) => {
  const d = diffTableSets(installed('pc-default'), installed('q35-default')).map((x) => `${x.table}: ${x.what}`);
  // PIIX4 GPE0 at 0xAFE0 (4 bytes) vs ICH9 GPE0 at PMBASE 0x600 + 0x20 (16 bytes); FADT revision 1 vs 3.
  for (const line of [
    'FACP: GPE0 Block Address 0000AFE0 -> 00000620',
    'FACP: GPE0 Block Length 04 -> 10',
    'FACP: Revision 01 -> 03',
    'FACP: Flags: Reset Register Supported (V2) 0 -> 1',
    'FACP: + Reset Register.Address 0000000000000CF9',
    // The CPU hot-plug block: 0xAF00 on pc, 0x0CD8 on q35.
    'DSDT: ~ Name \\_SB.PCI0.PRES._CRS: IO Range Minimum 0xAF00 -> 0x0CD8',
    'MCFG: only in B (60 bytes)',
  ]) t.true(d.includes(line), `${line}\n${d.filter((x) => !x.startsWith('DSDT')).slice(0, 20).join('\n')}`);
  t.false(d.some((x) => /bytes differ/.test(x)), 'no byte counts for decoded tables');
  t.false(d.some((x) => /DSDT Address|FACS Address|Checksum/.test(x)), 'firmware-chosen pointers and checksums are not differences');
});

test('SeaBIOS → OVMF placement: only what OVMF changes (RSDP revision 2 + XSDT), no address noise', (t) => {
  const d = diffTableSets(installed('q35-default'), installed('q35-default', 'ovmf')).map((x) => `${x.table}: ${x.what}`);
  t.true(d.includes('RSDP: Revision 00 -> 02'), d.join('\n'));
  t.true(d.includes('XSDT: only in B (84 bytes)') || d.some((x) => x.startsWith('XSDT: only in B')), d.join('\n'));
  t.false(d.some((x) => x.startsWith('FACP') || x.startsWith('APIC') || x.startsWith('HPET')), d.join('\n'));
});
