import { encode, scope } from './aml/index.js';
import type { AmlArg } from './aml/index.js';
import { cpuHotplug, dbgScope, fwcfgScope, gpe01, gpeScope, hpetScope, pciHotplugScope, sleepStates } from './dsdt-common.js';
import type { DsdtInput } from './dsdt-input.js';
import { memoryHotplug } from './dsdt-memory-hotplug.js';
import { pcIrqRouting, q35IrqRouting } from './dsdt-irq.js';
import { pci0Device, pci0Resources } from './dsdt-pci-host.js';
import { busDevices } from './dsdt-pci-slots.js';
import type { TableWriter } from './table-writer.js';

/** The DSDT body (AML after the header) in QEMU 7.2's order for pc and q35 (qemu-host.md §4.6). */
export function dsdtBody(input: DsdtInput): Uint8Array {
  const ctx = { board: input.board, floppy: input.floppy, com1: input.com1 };
  const parts: AmlArg[] = [
    dbgScope(),
    pci0Device(input),
    pciHotplugScope(input.pciHotplugBase),
    ...(input.board === 'pc' ? [pcIrqRouting()] : q35IrqRouting()),
  ];
  if (input.hpet) parts.push(hpetScope());
  parts.push(
    gpeScope(input.nvdimm),
    ...cpuHotplug(input),
    ...(input.memorySlots ? memoryHotplug(input.memorySlots) : []),
    pci0Resources(input),
    sleepStates(),
    fwcfgScope(),
    scope('\\_SB', scope('PCI0', ...busDevices(ctx, input.rootBus, 'PCI0', true))),
    gpe01(),
  );
  return encode(...parts);
}

export function writeDsdt(w: TableWriter, input: DsdtInput): number {
  const start = w.begin('DSDT', 1);
  w.blob.bytes(dsdtBody(input));
  w.end(start);
  return start;
}
