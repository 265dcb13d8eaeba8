/**
 * What Linux says it saw of the machine, read from its serial console log (printk lines with or
 * without the "[    0.000000] " time stamp), and the comparison of two such views (issue 18 item 4):
 * the ACPI table lines, the BIOS-e820 map, the PCI enumeration (device and BAR/ROM lines), the ACPI
 * interrupt routing lines, the ACPI errors and warnings, the console Linux chose (a VGA text console
 * needs the legacy VGA memory), the CPUs it found and brought up, and how the boot ended.
 */

export type ViewPart = 'acpiTables' | 'e820' | 'pci' | 'irqRouting' | 'acpiErrors' | 'console' | 'smp';

export interface LinuxView {
  readonly acpiTables: readonly string[];
  readonly e820: readonly string[];
  readonly pci: readonly string[];
  readonly irqRouting: readonly string[];
  readonly acpiErrors: readonly string[];
  /** `Console: colour VGA+ 80x25` (or `colour dummy device` without VGA memory). */
  readonly console: readonly string[];
  /** `smpboot: Allowing 2 CPUs, 0 hotplug CPUs`, the APs booted, `smp: Brought up 1 node, 2 CPUs`. */
  readonly smp: readonly string[];
  /** Oops, BUG, other panics: every such line before the root-mount panic. */
  readonly faults: readonly string[];
  /** The root-mount panic line, if the boot got there. */
  readonly rootPanic: string | undefined;
  /** The last line printed. */
  readonly lastLine: string | undefined;
}

/** `ACPI: FACP 0x000000001FFE198C 000074 (v01 BOCHS  BXPC ...)` and the RSDP/FACS forms. */
const ACPI_TABLE = /^ACPI: [A-Z0-9!_]{4} 0x[0-9A-F]{8,16} [0-9A-F]{6}/;
const E820 = /^BIOS-e820: /;
/** `pci 0000:00:01.1: [8086:7010] type 00 class 0x010180`, `... BAR 4 [io  0xc040-0xc04f]`, `... ROM [mem ...]`. */
const PCI = /^pci [0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]: (\[[0-9a-f]{4}:[0-9a-f]{4}\] type|BAR \d|ROM \[)/;
const IRQ_ROUTING = /^(ACPI: INT_SRC_OVR|ACPI: LAPIC_NMI|IOAPIC\[\d+\]:|ACPI: Using (IOAPIC|PIC) for interrupt routing|ACPI: PCI: Interrupt link|PCI: Using ACPI for IRQ routing|\.\.TIMER: |hpet0: at MMIO)/;
const ACPI_ERROR = /ACPI (BIOS )?(Error|Warning)/;
const CONSOLE = /^Console: /;
const SMP = /^(smpboot: Allowing \d+ CPUs|\.\.\.\. node +#\d+, CPUs:|smp: Brought up )/;
const ROOT_PANIC = /Kernel panic - not syncing: VFS: Unable to mount root fs/;
const FAULT = /(Kernel panic|Oops|BUG: |general protection fault|invalid opcode|WARNING: CPU: |Call Trace:)/;

/** The printk text of each line: time stamp, CR and trailing blanks removed. */
export function printkLines(log: string): string[] {
  return log.split('\n').map((l) => l.replace(/\r/g, '').replace(/^\[\s*\d+\.\d+\] /, '').trimEnd()).filter((l) => l.length > 0);
}

export function linuxView(log: string): LinuxView {
  const lines = printkLines(log);
  const panicAt = lines.findIndex((l) => ROOT_PANIC.test(l));
  const before = panicAt < 0 ? lines : lines.slice(0, panicAt);
  return {
    acpiTables: lines.filter((l) => ACPI_TABLE.test(l)),
    e820: lines.filter((l) => E820.test(l)),
    pci: lines.filter((l) => PCI.test(l)),
    irqRouting: lines.filter((l) => IRQ_ROUTING.test(l)),
    acpiErrors: lines.filter((l) => ACPI_ERROR.test(l)),
    console: lines.filter((l) => CONSOLE.test(l)),
    smp: lines.filter((l) => SMP.test(l)),
    faults: before.filter((l) => FAULT.test(l)),
    rootPanic: panicAt < 0 ? undefined : lines[panicAt],
    lastLine: lines[lines.length - 1],
  };
}

export interface PartComparison {
  readonly part: ViewPart;
  readonly equal: boolean;
  /** Lines the reference has and the other lacks (or has elsewhere in the order). */
  readonly missing: readonly string[];
  /** Lines only the other has. */
  readonly extra: readonly string[];
  readonly count: number;
}

const PARTS: readonly ViewPart[] = ['acpiTables', 'e820', 'pci', 'irqRouting', 'acpiErrors', 'console', 'smp'];

/**
 * Each part of `other` against `reference` (QEMU + SeaBIOS): equal sequences, else the lines each
 * side lacks. ACPI errors count as different only when `other` has lines the reference lacks.
 */
export function compareViews(reference: LinuxView, other: LinuxView): PartComparison[] {
  return PARTS.map((part) => {
    const a = reference[part];
    const b = other[part];
    const missing = a.filter((l) => !b.includes(l));
    const extra = b.filter((l) => !a.includes(l));
    const sameOrder = a.length === b.length && a.every((l, i) => l === b[i]);
    const equal = part === 'acpiErrors' ? extra.length === 0 : sameOrder;
    if (!equal && missing.length === 0 && extra.length === 0) missing.push('(same lines in another order)');
    return { part, equal, missing, extra, count: a.length };
  });
}

/** A short report: one line per part, the differing lines indented, then the boot's end. */
export function formatComparison(title: string, cmp: readonly PartComparison[], other: LinuxView): string[] {
  const out = [`${title}:`];
  for (const c of cmp) {
    out.push(`  ${c.equal ? 'equal' : 'DIFFERENT'.padEnd(5)} ${c.part} (${c.count} line${c.count === 1 ? '' : 's'} in the reference)`);
    for (const l of c.missing) out.push(`      - ${l}`);
    for (const l of c.extra) out.push(`      + ${l}`);
  }
  out.push(`  root-mount panic: ${other.rootPanic ? 'reached' : `not reached (last line: ${other.lastLine ?? 'none'})`}`);
  out.push(`  oops/panic/BUG lines before it: ${other.faults.length}${other.faults.length ? ` (first: ${other.faults[0]})` : ''}`);
  return out;
}
