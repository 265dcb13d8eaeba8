import { FACS_SIZE, FADT, FADT_FLAG, GAS_SPACE, IAPC_BOOT_ARCH_8042, MADT_PCAT_COMPAT, MADT_TYPE } from '../../spec/acpi.js';
import { ACPI_BUILD_TABLE_FILE } from '../../spec/linker-loader.js';
import type { ByteSink } from './aml/sink.js';
import type { TableWriter } from './table-writer.js';
import { HPET_BASE, IOAPIC_BASE, LAPIC_BASE, PORT_RESET_CONTROL } from '../boards/layout.js';

/** FACS (§5.2.10): 64 bytes, "FACS", length, then zeros; no checksum, not in the RSDT. */
export function writeFacs(w: TableWriter): number {
  const start = w.blob.length;
  w.blob.ascii('FACS').uint(FACS_SIZE, 4).zeros(FACS_SIZE - 8);
  return start;
}

function gas(s: ByteSink, space: number, bitWidth: number, bitOffset: number, accessSize: number, address: number | bigint): void {
  s.byte(space).byte(bitWidth).byte(bitOffset).byte(accessSize).uint(address, 8);
}

export interface FadtInput {
  readonly board: 'pc' | 'q35';
  readonly pmBase: number;
  readonly gpe0Base: number;
  readonly gpe0Length: number;
  readonly smiCmd: number;
  readonly acpiEnable: number;
  readonly acpiDisable: number;
  readonly cpus: number;
  readonly facsOffset: number;
  readonly dsdtOffset: number;
}

/** FADT as QEMU 7.2 fills it: rev 1/116 bytes on pc, rev 3/244 bytes on q35 (qemu-host.md §4.4). */
export function writeFadt(w: TableWriter, f: FadtInput): void {
  const rev3 = f.board === 'q35';
  const start = w.begin('FACP', rev3 ? 3 : 1);
  const s = w.blob;
  s.uint(0, 4).uint(0, 4); // FIRMWARE_CTRL, DSDT: patched below
  s.byte(1).byte(0).uint(9, 2); // INT_MODEL, Preferred_PM_Profile, SCI_INT
  s.uint(f.smiCmd, 4).byte(f.acpiEnable).byte(f.acpiDisable).byte(0).byte(0);
  s.uint(f.pmBase, 4).uint(0, 4).uint(f.pmBase + 4, 4).uint(0, 4).uint(0, 4).uint(f.pmBase + 8, 4);
  s.uint(f.gpe0Base, 4).uint(0, 4);
  s.byte(4).byte(2).byte(0).byte(4).byte(f.gpe0Length).byte(0).byte(0).byte(0);
  s.uint(0x0fff, 2).uint(0x0fff, 2).uint(0, 2).uint(0, 2);
  s.byte(0).byte(0).byte(0).byte(0).byte(0x32); // DUTY_OFFSET/WIDTH, DAY/MON_ALRM, CENTURY
  s.uint(rev3 ? IAPC_BOOT_ARCH_8042 : 0, 2).byte(0);
  let flags = FADT_FLAG.WBINVD | FADT_FLAG.PROC_C1 | FADT_FLAG.SLP_BUTTON | FADT_FLAG.RTC_S4 | FADT_FLAG.USE_PLATFORM_CLOCK;
  if (rev3) flags |= FADT_FLAG.RESET_REG_SUP;
  if (f.cpus > 8) flags |= FADT_FLAG.FORCE_APIC_CLUSTER_MODEL;
  s.uint(flags, 4);
  if (rev3) {
    gas(s, GAS_SPACE.SystemIO, 8, 0, 0, PORT_RESET_CONTROL);
    s.byte(0x0f).uint(0, 2).byte(0); // RESET_VALUE, ARM_BOOT_ARCH, minor version
    s.uint(0, 8).uint(0, 8); // X_FIRMWARE_CTRL (never patched), X_DSDT (patched)
    gas(s, GAS_SPACE.SystemIO, 32, 0, 0, f.pmBase);
    s.zeros(12);
    gas(s, GAS_SPACE.SystemIO, 16, 0, 0, f.pmBase + 4);
    s.zeros(12).zeros(12);
    gas(s, GAS_SPACE.SystemIO, 32, 0, 0, f.pmBase + 8);
    gas(s, GAS_SPACE.SystemIO, f.gpe0Length * 8, 0, 0, f.gpe0Base);
    s.zeros(12);
  }
  w.linker.addPointer(ACPI_BUILD_TABLE_FILE, start + FADT.FIRMWARE_CTRL, 4, ACPI_BUILD_TABLE_FILE, f.facsOffset);
  w.linker.addPointer(ACPI_BUILD_TABLE_FILE, start + FADT.DSDT, 4, ACPI_BUILD_TABLE_FILE, f.dsdtOffset);
  if (rev3) w.linker.addPointer(ACPI_BUILD_TABLE_FILE, start + FADT.X_DSDT, 8, ACPI_BUILD_TABLE_FILE, f.dsdtOffset);
  w.end(start);
}

/** IRQs QEMU overrides to level/active-high in the MADT (ACPI_BUILD_PCI_IRQS). */
const PCI_IRQS = [5, 9, 10, 11];

/**
 * MADT (§5.2.12) as acpi_build_madt writes it: one processor entry per possible CPU (UID = index,
 * enabled when present; x2APIC form for IDs ≥ 255), the x2APIC NMI form once an ID passes 254.
 */
export function writeMadt(w: TableWriter, cpus: ReadonlyArray<{ readonly apicId: number; readonly enabled: boolean }>): void {
  const start = w.begin('APIC', 1);
  const s = w.blob;
  s.uint(LAPIC_BASE, 4).uint(MADT_PCAT_COMPAT, 4);
  cpus.forEach(({ apicId: id, enabled }, i) => {
    const flags = enabled ? 1 : 0;
    if (id < 255) s.byte(MADT_TYPE.LOCAL_APIC).byte(8).byte(i).byte(id).uint(flags, 4);
    else s.byte(MADT_TYPE.LOCAL_X2APIC).byte(16).uint(0, 2).uint(id, 4).uint(flags, 4).uint(i, 4);
  });
  const apicIdLimit = cpus.reduce((m, c) => Math.max(m, c.apicId + 1), 0);
  const x2apic = apicIdLimit > 255;
  s.byte(MADT_TYPE.IO_APIC).byte(12).byte(0).byte(0).uint(IOAPIC_BASE, 4).uint(0, 4);
  s.byte(MADT_TYPE.INTERRUPT_OVERRIDE).byte(10).byte(0).byte(0).uint(2, 4).uint(0, 2);
  for (const irq of PCI_IRQS) s.byte(MADT_TYPE.INTERRUPT_OVERRIDE).byte(10).byte(0).byte(irq).uint(irq, 4).uint(0x000d, 2);
  if (x2apic) s.byte(MADT_TYPE.LOCAL_X2APIC_NMI).byte(12).uint(0, 2).uint(0xffffffff, 4).byte(1).zeros(3);
  else s.byte(MADT_TYPE.LOCAL_APIC_NMI).byte(6).byte(0xff).uint(0, 2).byte(1);
  w.end(start);
}

/** HPET description table: one timer block at 0xFED00000, id 0x8086A201. */
export function writeHpet(w: TableWriter): void {
  const start = w.begin('HPET', 1);
  w.blob.uint(0x8086a201, 4);
  gas(w.blob, GAS_SPACE.SystemMemory, 0, 0, 0, HPET_BASE);
  w.blob.byte(0).uint(0, 2).byte(0);
  w.end(start);
}

/** MCFG with one allocation for segment 0. */
export function writeMcfg(w: TableWriter, base: number | bigint, size: number): void {
  const start = w.begin('MCFG', 1);
  w.blob.zeros(8).uint(base, 8).uint(0, 2).byte(0).byte(((size - 1) >>> 20) & 0xff).zeros(4);
  w.end(start);
}

/** WAET: "ACPI PM timer good". */
export function writeWaet(w: TableWriter): void {
  const start = w.begin('WAET', 1);
  w.blob.uint(0x2, 4);
  w.end(start);
}

/** RSDT: one 4-byte pointer per table, pre-filled with its blob offset. */
export function writeRsdt(w: TableWriter, entries: readonly number[]): number {
  const start = w.begin('RSDT', 1);
  for (const off of entries) {
    const field = w.blob.length;
    w.blob.uint(0, 4);
    w.pointerToTable(field, 4, off);
  }
  w.end(start);
  return start;
}
