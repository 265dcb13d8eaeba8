import { device, dwordIo, dwordMemory, eisaId, name, qwordMemory, resourceTemplate, scope, wordBusNumber } from './aml/index.js';
import type { Aml, Descriptor } from './aml/index.js';
import type { AcpiExpander } from './acpi-expanders.js';
import { prtLoop } from './dsdt-irq.js';
import { hostBridgeOsc } from './dsdt-pci-host.js';

const fixed = { minFixed: true, maxFixed: true } as const;
const len = (r: { base: bigint; limit: bigint }) => ({ min: r.base, max: r.limit, length: r.limit - r.base + 1n });

/** Its _CRS (QEMU's build_crs): I/O, then 32-bit and 64-bit memory as merged, then the bus range. */
function expanderCrs(e: AcpiExpander): Descriptor[] {
  const mem = { ...fixed, cache: 'NonCacheable', readWrite: true } as const;
  return [
    ...e.resources.io.map((r) => dwordIo({ ...fixed, isaRanges: 'EntireRange' }, len(r))),
    ...e.resources.mem.map((r) => dwordMemory(mem, len(r))),
    ...e.resources.mem64.map((r) => qwordMemory(mem, len(r))),
    wordBusNumber(fixed, { min: e.busNr, max: e.maxBus, length: e.maxBus - e.busNr + 1 }),
  ];
}

/**
 * \_SB.PCxx for each expander bridge (xx = its bus number in hex), each in its own \_SB scope,
 * newest first: _UID and _BBN = the bus, PNP0A03 (pxb) or PNP0A08 + _CID PNP0A03 + _OSC with
 * native hot-plug (pxb-pcie), _PXM with numa_node, the _PRT loop and the _CRS of what the
 * firmware programmed below it (QEMU 7.2 build_dsdt).
 */
export function expanderDevices(expanders: readonly AcpiExpander[]): Aml[] {
  return expanders.map((e) => scope('\\_SB', device(`PC${e.busNr.toString(16).toUpperCase().padStart(2, '0')}`,
    name('_UID', e.busNr),
    name('_BBN', e.busNr),
    ...(e.express ? [name('_HID', eisaId('PNP0A08')), name('_CID', eisaId('PNP0A03')), hostBridgeOsc(0x1f)] : [name('_HID', eisaId('PNP0A03'))]),
    ...(e.numaNode !== undefined ? [name('_PXM', e.numaNode)] : []),
    prtLoop(false),
    name('_CRS', resourceTemplate(...expanderCrs(e))))));
}
