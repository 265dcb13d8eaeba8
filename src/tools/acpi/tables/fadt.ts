/**
 * FADT (signature "FACP"), ACPI 6.5 §5.2.9: the revision-1 part (116 bytes), then the later
 * revisions' fields as far as the table's length goes (ACPI 2.0 244 bytes, 5.0 268, 6.0 276).
 */
import type { Field, FlagBits } from './field-layout.js';
import type { TableDecoder } from './field-layout.js';
import type { DataTableLayout } from './layout-types.js';

const PM_PROFILES: Readonly<Record<number, string>> = {
  0: 'Unspecified', 1: 'Desktop', 2: 'Mobile', 3: 'Workstation', 4: 'Enterprise Server', 5: 'SOHO Server',
  6: 'Appliance PC', 7: 'Performance Server', 8: 'Tablet',
};

/** IA-PC boot architecture flags (§5.2.9.3). */
const BOOT_FLAGS: readonly FlagBits[] = [
  ['Legacy Devices Supported (V2)', 0], ['8042 Present on ports 60/64 (V2)', 1], ['VGA Not Present (V4)', 2],
  ['MSI Not Supported (V4)', 3], ['PCIe ASPM Not Supported (V4)', 4], ['CMOS RTC Not Present (V5)', 5],
];

/** Fixed feature flags (§5.2.9, table 5.10). */
const FEATURE_FLAGS: readonly FlagBits[] = [
  ['WBINVD instruction is operational (V1)', 0], ['WBINVD flushes all caches (V1)', 1], ['All CPUs support C1 (V1)', 2],
  ['C2 works on MP system (V1)', 3], ['Control Method Power Button (V1)', 4], ['Control Method Sleep Button (V1)', 5],
  ['RTC wake not in fixed reg space (V1)', 6], ['RTC can wake system from S4 (V1)', 7], ['32-bit PM Timer (V1)', 8],
  ['Docking Supported (V1)', 9], ['Reset Register Supported (V2)', 10], ['Sealed Case (V3)', 11], ['Headless - No Video (V3)', 12],
  ['Use native instr after SLP_TYPx (V3)', 13], ['PCIEXP_WAK Bits Supported (V4)', 14], ['Use Platform Timer (V4)', 15],
  ['RTC_STS valid on S4 wake (V4)', 16], ['Remote Power-on capable (V4)', 17], ['Use APIC Cluster Model (V4)', 18],
  ['Use APIC Physical Destination Mode (V4)', 19], ['Hardware Reduced (V5)', 20], ['Low Power S0 Idle (V5)', 21],
];

/** ARM boot architecture flags (§5.2.9.4). */
const ARM_FLAGS: readonly FlagBits[] = [['PSCI Compliant', 0], ['Must use HVC for PSCI', 1]];

const REV1: readonly Field[] = [
  { name: 'FACS Address', size: 4 }, { name: 'DSDT Address', size: 4 }, { name: 'Model', size: 1 },
  { name: 'PM Profile', size: 1, as: 'enum', values: PM_PROFILES, unknown: 'Unknown Profile Type' },
  { name: 'SCI Interrupt', size: 2 }, { name: 'SMI Command Port', size: 4 }, { name: 'ACPI Enable Value', size: 1 },
  { name: 'ACPI Disable Value', size: 1 }, { name: 'S4BIOS Command', size: 1 }, { name: 'P-State Control', size: 1 },
  { name: 'PM1A Event Block Address', size: 4 }, { name: 'PM1B Event Block Address', size: 4 },
  { name: 'PM1A Control Block Address', size: 4 }, { name: 'PM1B Control Block Address', size: 4 },
  { name: 'PM2 Control Block Address', size: 4 }, { name: 'PM Timer Block Address', size: 4 },
  { name: 'GPE0 Block Address', size: 4 }, { name: 'GPE1 Block Address', size: 4 },
  { name: 'PM1 Event Block Length', size: 1 }, { name: 'PM1 Control Block Length', size: 1 },
  { name: 'PM2 Control Block Length', size: 1 }, { name: 'PM Timer Block Length', size: 1 },
  { name: 'GPE0 Block Length', size: 1 }, { name: 'GPE1 Block Length', size: 1 }, { name: 'GPE1 Base Offset', size: 1 },
  { name: '_CST Support', size: 1 }, { name: 'C2 Latency', size: 2 }, { name: 'C3 Latency', size: 2 },
  { name: 'CPU Cache Size', size: 2 }, { name: 'Cache Flush Stride', size: 2 }, { name: 'Duty Cycle Offset', size: 1 },
  { name: 'Duty Cycle Width', size: 1 }, { name: 'RTC Day Alarm Index', size: 1 }, { name: 'RTC Month Alarm Index', size: 1 },
  { name: 'RTC Century Index', size: 1 },
  { name: 'Boot Flags (decoded below)', size: 2, as: 'flags', bits: BOOT_FLAGS },
  { name: 'Reserved', size: 1 },
  { name: 'Flags (decoded below)', size: 4, as: 'flags', bits: FEATURE_FLAGS },
];

const REV2: readonly Field[] = [
  { name: 'Reset Register', size: 12, as: 'gas' }, { name: 'Value to cause reset', size: 1 },
  { name: 'ARM Flags (decoded below)', size: 2, as: 'flags', bits: ARM_FLAGS },
  { name: 'FADT Minor Revision', size: 1 }, { name: 'FACS Address', size: 8 }, { name: 'DSDT Address', size: 8 },
  { name: 'PM1A Event Block', size: 12, as: 'gas' }, { name: 'PM1B Event Block', size: 12, as: 'gas' },
  { name: 'PM1A Control Block', size: 12, as: 'gas' }, { name: 'PM1B Control Block', size: 12, as: 'gas' },
  { name: 'PM2 Control Block', size: 12, as: 'gas' }, { name: 'PM Timer Block', size: 12, as: 'gas' },
  { name: 'GPE0 Block', size: 12, as: 'gas' }, { name: 'GPE1 Block', size: 12, as: 'gas' },
];

const REV5: readonly Field[] = [
  { name: 'Sleep Control Register', size: 12, as: 'gas' }, { name: 'Sleep Status Register', size: 12, as: 'gas' },
];

const REV6: readonly Field[] = [{ name: 'Hypervisor ID', size: 8 }];

export const FADT: DataTableLayout = {
  signature: 'FACP',
  description: 'Fixed ACPI Description Table (FADT)',
  decode(t: TableDecoder, off: number): void {
    off = t.fields(off, REV1);
    t.blank();
    for (const part of [REV2, REV5, REV6]) {
      if (off >= t.end) return;
      off = t.fields(off, part);
      t.blank();
    }
  },
};
