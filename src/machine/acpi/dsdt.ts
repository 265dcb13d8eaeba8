import { encode, scope } from './aml/index.js';
import type { AmlArg } from './aml/index.js';
import type { DsdtInput } from './dsdt-input.js';
import { pcIrqRouting, q35IrqRouting } from './dsdt-irq.js';
import { pci0Device, pci0Resources } from './dsdt-pci-host.js';
import { busDevices } from './dsdt-pci-slots.js';
import { expanderDevices } from './dsdt-expanders.js';
import type { TableWriter } from './table-writer.js';
import { debugConsoleAml } from '../devices/debug-console-acpi.js';
import { hpetAml } from '../devices/hpet-acpi.js';
import { gpeScopeAml, sleepStatesAml } from '../devices/acpi-pm-acpi.js';
import { cpuHotplugAml } from '../devices/cpu-hotplug-acpi.js';
import { memoryHotplugAml } from '../devices/memory-hotplug-acpi.js';
import { pciHotplugAml, pciHotplugGpeAml } from '../pci/hotplug-acpi.js';
import { fwCfgAml } from '../fw-cfg/fw-cfg-acpi.js';
import { nvdimmGpeAml } from '../nvdimm/nvdimm-acpi.js';

/**
 * The DSDT body (AML after the header) in QEMU 7.2's order for pc and q35 (qemu-host.md §4.6).
 * Each device's AML comes from the module beside its I/O handler; this only composes.
 */
export function dsdtBody(input: DsdtInput): Uint8Array {
  const ctx = { board: input.board, floppy: input.floppy, floppyDrives: input.floppyDrives ?? (input.floppyDrive === true ? ['288', 'none'] as const : []), lpt1: input.lpt1 === true, com1: input.com1, serialPorts: input.serialPorts, isaUserDevices: input.isaUserDevices ?? [] };
  const parts: AmlArg[] = [
    debugConsoleAml(),
    pci0Device(input),
    pciHotplugAml(input.pciHotplugBase),
    ...(input.board === 'pc' ? [pcIrqRouting()] : q35IrqRouting()),
  ];
  if (input.hpet) parts.push(hpetAml());
  parts.push(
    gpeScopeAml(input.nvdimm ? [nvdimmGpeAml()] : []),
    ...cpuHotplugAml(input.cpuHotplugBase, Array.from({ length: input.cpus }, (_, i) => ({ apicId: input.cpuApicIds?.[i] ?? i, node: input.cpuNodes?.[i] ?? 0 })), input.numa === true),
    ...(input.memorySlots ? memoryHotplugAml(input.memorySlots) : []),
    ...expanderDevices(input.expanders ?? []),
    pci0Resources(input),
    sleepStatesAml(input.s3 !== false, input.s4 !== false),
    fwCfgAml(input.fwCfgDma !== false),
    scope('\\_SB', scope('PCI0', ...busDevices(ctx, input.rootBus, 'PCI0', true))),
    pciHotplugGpeAml(),
  );
  return encode(...parts);
}

export function writeDsdt(w: TableWriter, input: DsdtInput): number {
  const start = w.begin('DSDT', 1);
  w.blob.bytes(dsdtBody(input));
  w.end(start);
  return start;
}
