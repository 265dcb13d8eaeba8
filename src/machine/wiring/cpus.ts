import { CpuHotplug, CPU_HOTPLUG_LEGACY_LEN } from '../devices/cpu-hotplug.js';
import { PC_CPU_HOTPLUG_BASE, Q35_CPU_HOTPLUG_BASE } from '../boards/layout.js';
import { ACPI_CPU_HOTPLUG_STATUS_BIT } from '../../spec/acpi-pm.js';
import { cpuSlots } from '../options/smp.js';
import { hex } from '../../lib/hex.js';
import type { Platform } from './platform.js';
import type { AcpiEventHooks } from './device-context.js';

/**
 * The possible CPUs of `-smp` and the PM device's CPU hot-plug block (PIIX4 PM at 0xAF00,
 * ICH9 LPC at 0x0CD8): a presence bit per slot that the MADT, the DSDT's _STA and
 * device_add/device_del share; each present CPU gets an x86 core (X86Cpus, decisions 0044, 0062).
 */
export function createCpus(p: Platform, acpi: AcpiEventHooks): CpuHotplug {
  const t = p.config.topology;
  const hp = new CpuHotplug(cpuSlots(t), t.cpus, () => acpi.raiseGpe(ACPI_CPU_HOTPLUG_STATUS_BIT));
  const base = p.board.name === 'q35' ? Q35_CPU_HOTPLUG_BASE : PC_CPU_HOTPLUG_BASE;
  p.ports.register('acpi-cpu-hotplug', base, CPU_HOTPLUG_LEGACY_LEN, hp.io);
  p.addDevice({ name: 'acpi-cpu-hotplug', bus: 'system', where: `ports ${hex(base, 4)}-${hex(base + CPU_HOTPLUG_LEGACY_LEN - 1, 4)}, ${t.cpus} of ${t.maxCpus} CPUs present` });
  return hp;
}
