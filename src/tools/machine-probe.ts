/**
 * Probing a booted machine from the host, as a debugger would: the ACPI tables the firmware
 * installed, AML evaluated over them against the machine's memory and ports, and the vmgenid
 * device's host-side controls (QMP set-vm-generation-id).
 */
import type { AmlValue, Machine } from '../inspect.js';
import { UsageError } from '../lib/errors.js';
import { guidFromMicrosoftBytes, isGuid } from '../lib/guid.js';
import { scanRsdp, tablesFromMemory } from './acpi/table-set.js';
import type { AcpiTable } from './acpi/table-set.js';
import { installedAml } from './monitor/monitor-aml.js';

/** The tables reachable from the RSDP in 0xE0000..0xFFFFF; empty when the firmware installed none. */
export function installedTables(machine: Machine): AcpiTable[] {
  const read = (a: number, n: number) => machine.memory.readBytes(a, n);
  const rsdp = scanRsdp(read);
  return rsdp === undefined ? [] : tablesFromMemory(read, rsdp);
}

/** Evaluate an AML path (e.g. `\_SB.VGEN.ADDR`) over the installed DSDT and SSDTs. Throws AmlError. */
export function evaluateAml(machine: Machine, path: string, args: readonly AmlValue[] = []): AmlValue | undefined {
  const tables = installedTables(machine);
  if (tables.length === 0) throw new UsageError('no RSDP in 0xE0000..0xFFFFF: the firmware installed no ACPI tables');
  return installedAml(machine, tables).evaluate(path, [...args]);
}

/**
 * Change the VM generation ID (QMP set-vm-generation-id): the device writes the GUID where the
 * firmware reported it and raises the ACPI GPE, as QEMU does.
 */
export function setVmGenerationId(machine: Machine, guid: string): void {
  const device = machine.vmgenid;
  if (!device) throw new UsageError('this machine has no vmgenid device (-device vmgenid)');
  if (!isGuid(guid)) throw new UsageError(`not a GUID: '${guid}'`);
  device.setGuid(guid);
}

/** The 16 bytes at `address` read as a GUID in Microsoft byte order (how vmgenid stores it). */
export function readGuid(machine: Machine, address: number): string {
  return guidFromMicrosoftBytes(machine.memory.readBytes(address, 16));
}
