/** MADT (signature "APIC"), ACPI 6.5 §5.2.12, with every interrupt controller structure type 0–0xF. */
import type { Field, FlagBits } from './field-layout.js';
import type { TableDecoder } from './field-layout.js';
import type { DataTableLayout } from './layout-types.js';
import { decodeSubtables } from './subtables.js';
import type { SubtableKind } from './subtables.js';

const LAPIC_FLAGS: readonly FlagBits[] = [['Processor Enabled', 0], ['Runtime Online Capable', 1]];
const ENABLED: readonly FlagBits[] = [['Processor Enabled', 0]];
/** MPS INTI flags (§5.2.12.5): polarity bits 0–1, trigger mode bits 2–3. */
const INTI: Field = { name: 'Flags (decoded below)', size: 2, as: 'flags', bits: [['Polarity', 0, 2], ['Trigger Mode', 2, 2]] };
const GICC_FLAGS: readonly FlagBits[] = [['Processor Enabled', 0], ['Performance Interrupt Trigger Mode', 1], ['Virtual GIC Interrupt Trigger Mode', 2]];

const KINDS: Readonly<Record<number, SubtableKind>> = {
  0: { name: 'Processor Local APIC', fields: [
    { name: 'Processor ID', size: 1 }, { name: 'Local Apic ID', size: 1 }, { name: 'Flags (decoded below)', size: 4, as: 'flags', bits: LAPIC_FLAGS }] },
  1: { name: 'I/O APIC', fields: [
    { name: 'I/O Apic ID', size: 1 }, { name: 'Reserved', size: 1 }, { name: 'Address', size: 4 }, { name: 'Interrupt', size: 4 }] },
  2: { name: 'Interrupt Source Override', fields: [
    { name: 'Bus', size: 1 }, { name: 'Source', size: 1 }, { name: 'Interrupt', size: 4 }, INTI] },
  3: { name: 'NMI Source', fields: [INTI, { name: 'Interrupt', size: 4 }] },
  4: { name: 'Local APIC NMI', fields: [{ name: 'Processor ID', size: 1 }, INTI, { name: 'Interrupt Input LINT', size: 1 }] },
  5: { name: 'Local APIC Address Override', fields: [{ name: 'Reserved', size: 2 }, { name: 'APIC Address', size: 8 }] },
  6: { name: 'I/O SAPIC', fields: [
    { name: 'I/O Sapic ID', size: 1 }, { name: 'Reserved', size: 1 }, { name: 'Interrupt Base', size: 4 }, { name: 'Address', size: 8 }] },
  7: { name: 'Local SAPIC', fields: [
    { name: 'Processor ID', size: 1 }, { name: 'Local Sapic ID', size: 1 }, { name: 'Local Sapic EID', size: 1 }, { name: 'Reserved', size: 3 },
    { name: 'Flags (decoded below)', size: 4, as: 'flags', bits: ENABLED }, { name: 'Processor UID', size: 4 }],
  rest: (t, off, end) => { if (end > off) t.field(off, { name: 'Processor UID String', size: end - off, as: 'ascii' }); } },
  8: { name: 'Platform Interrupt Sources', fields: [
    INTI, { name: 'InterruptType', size: 1 }, { name: 'Processor ID', size: 1 }, { name: 'Processor EID', size: 1 },
    { name: 'I/O Sapic Vector', size: 1 }, { name: 'Interrupt', size: 4 },
    { name: 'Flags (decoded below)', size: 4, as: 'flags', bits: [['CPEI Override', 0]] }] },
  9: { name: 'Processor Local x2APIC', fields: [
    { name: 'Reserved', size: 2 }, { name: 'Processor x2Apic ID', size: 4 }, { name: 'Flags (decoded below)', size: 4, as: 'flags', bits: ENABLED },
    { name: 'Processor UID', size: 4 }] },
  10: { name: 'Local x2APIC NMI', fields: [
    INTI, { name: 'Processor UID', size: 4 }, { name: 'Interrupt Input LINT', size: 1 }, { name: 'Reserved', size: 3 }] },
  11: { name: 'Generic Interrupt Controller', fields: [
    { name: 'Reserved', size: 2 }, { name: 'CPU Interface Number', size: 4 }, { name: 'Processor UID', size: 4 },
    { name: 'Flags (decoded below)', size: 4, as: 'flags', bits: GICC_FLAGS }, { name: 'Parking Protocol Version', size: 4 },
    { name: 'Performance Interrupt', size: 4 }, { name: 'Parked Address', size: 8 }, { name: 'Base Address', size: 8 },
    { name: 'Virtual GIC Base Address', size: 8 }, { name: 'Hypervisor GIC Base Address', size: 8 }, { name: 'Virtual GIC Interrupt', size: 4 },
    { name: 'Redistributor Base Address', size: 8 }, { name: 'ARM MPIDR', size: 8 }, { name: 'Efficiency Class', size: 1 },
    { name: 'Reserved', size: 1 }, { name: 'SPE Overflow Interrupt', size: 2 }] },
  12: { name: 'Generic Interrupt Distributor', fields: [
    { name: 'Reserved', size: 2 }, { name: 'Local GIC Hardware ID', size: 4 }, { name: 'Base Address', size: 8 },
    { name: 'Interrupt Base', size: 4 }, { name: 'Version', size: 1 }, { name: 'Reserved', size: 3 }] },
  13: { name: 'Generic MSI Frame', fields: [
    { name: 'Reserved', size: 2 }, { name: 'MSI Frame ID', size: 4 }, { name: 'Base Address', size: 8 },
    { name: 'Flags (decoded below)', size: 4, as: 'flags', bits: [['Select SPI', 0]] }, { name: 'SPI Count', size: 2 }, { name: 'SPI Base', size: 2 }] },
  14: { name: 'Generic Interrupt Redistributor', fields: [
    { name: 'Reserved', size: 2 }, { name: 'Base Address', size: 8 }, { name: 'Length', size: 4 }] },
  15: { name: 'Generic Interrupt Translator', fields: [
    { name: 'Reserved', size: 2 }, { name: 'Translation ID', size: 4 }, { name: 'Base Address', size: 8 }, { name: 'Reserved', size: 4 }] },
};

export const MADT: DataTableLayout = {
  signature: 'APIC',
  description: 'Multiple APIC Description Table (MADT)',
  decode(t: TableDecoder, off: number): void {
    off = t.fields(off, [{ name: 'Local Apic Address', size: 4 }, { name: 'Flags (decoded below)', size: 4, as: 'flags', bits: [['PC-AT Compatibility', 0]] }]);
    t.blank();
    decodeSubtables(t, off, { typeSize: 1, lengthSize: 1, kinds: KINDS });
  },
};
