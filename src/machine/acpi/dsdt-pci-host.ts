import {
  and, arg, createDWordField, device, dwordMemory, eisaId, elseDo, ifThen, io, lequal, lnotEqual, local, method, name,
  memory32Fixed, or, qwordMemory, resourceTemplate, ret, scope, store, str, toUuid, wordBusNumber, wordIo,
} from './aml/index.js';
import type { Aml, Descriptor } from './aml/index.js';
import type { DsdtInput } from './dsdt-input.js';
import { emptyRangeSet, freeRanges } from './crs-ranges.js';
import { PORT_COUNT } from '../bus/port-bus.js';
import { gpe0ResourcesAml } from '../devices/acpi-pm-acpi.js';
import { pciHotplugResourcesAml } from '../pci/hotplug-acpi.js';
import { TPM_TIS_ADDR_BASE, TPM_TIS_ADDR_SIZE } from '../../spec/tpm.js';
import { PCI_IO_WINDOW_START, PORT_PCI_CONFIG_ADDRESS, PORT_PCI_CONFIG_DATA, VGA_WINDOW_BASE, VGA_WINDOW_SIZE } from '../boards/layout.js';

const PCI_HOST_BRIDGE_OSC_UUID = '33db4d5b-1ff7-401c-9657-7441c03dd766';

/**
 * A PCIe host bridge's _OSC: the OS may take the features in `mask` (QEMU's build_q35_osc_method:
 * 0x1e for PCI0 under ACPI hot-plug, 0x1f with native PCIe hot-plug for an expander).
 */
export function hostBridgeOsc(mask: number): Aml {
  return method('_OSC', 4, {},
    createDWordField(arg(3), 0, 'CDW1'),
    ifThen(lequal(arg(0), toUuid(PCI_HOST_BRIDGE_OSC_UUID)),
      createDWordField(arg(3), 4, 'CDW2'),
      createDWordField(arg(3), 8, 'CDW3'),
      store('CDW3', local(0)),
      and(local(0), mask, local(0)),
      ifThen(lnotEqual(arg(1), 1), or('CDW1', 0x08, 'CDW1')),
      ifThen(lnotEqual('CDW3', local(0)), or('CDW1', 0x10, 'CDW1')),
      store(local(0), 'CDW3')),
    elseDo(or('CDW1', 0x04, 'CDW1')),
    ret(arg(3)));
}

/** \_SB.PCI0 itself: PNP0A03 on pc; PNP0A08 + _CID PNP0A03 + _OSC on q35, plus DRAC for MMCONFIG. */
export function pci0Device(input: DsdtInput): Aml {
  if (input.board === 'pc') {
    return scope('_SB', device('PCI0', name('_HID', eisaId('PNP0A03')), name('_ADR', 0), name('_UID', 0)));
  }
  const osc = hostBridgeOsc(0x1e);
  const body: Aml[] = [device('PCI0',
    name('_HID', eisaId('PNP0A08')), name('_CID', eisaId('PNP0A03')), name('_ADR', 0), name('_UID', 0), osc)];
  if (input.mmcfg) {
    const { base, size } = input.mmcfg;
    body.push(device('DRAC', name('_HID', str('PNP0C01')),
      name('_CRS', resourceTemplate(dwordMemory({ minFixed: true, maxFixed: true, cache: 'NonCacheable', readWrite: true },
        { min: base, max: base + size - 1, length: size })))));
  }
  return scope('_SB', ...body);
}

const big = (v: number | bigint) => BigInt(v);

/**
 * \_SB.PCI0._CRS from live state, then the GPE0 and PCI hot-plug resource holders. What the
 * expander bridges describe (and MMCONFIG) is left out; the bus range ends below the lowest
 * expander's bus (QEMU 7.2 build_dsdt).
 */
export function pci0Resources(input: DsdtInput): Aml {
  const fixed = { minFixed: true, maxFixed: true } as const;
  const used = emptyRangeSet();
  let busLimit = 0xff;
  for (const e of input.expanders ?? []) {
    used.io.push(...e.resources.io);
    used.mem.push(...e.resources.mem);
    used.mem64.push(...e.resources.mem64);
    if (e.busNr < busLimit) busLimit = e.busNr - 1;
  }
  const d: Descriptor[] = [
    wordBusNumber(fixed, { min: 0, max: busLimit, length: busLimit + 1 }),
    io(PORT_PCI_CONFIG_ADDRESS, PORT_PCI_CONFIG_ADDRESS, 1, PORT_PCI_CONFIG_DATA + 4 - PORT_PCI_CONFIG_ADDRESS),
    wordIo({ ...fixed, isaRanges: 'EntireRange' }, { min: 0, max: PORT_PCI_CONFIG_ADDRESS - 1, length: PORT_PCI_CONFIG_ADDRESS }),
  ];
  for (const r of freeRanges(used.io, BigInt(PCI_IO_WINDOW_START), BigInt(PORT_COUNT - 1))) {
    d.push(wordIo({ ...fixed, isaRanges: 'EntireRange' }, { min: r.base, max: r.limit, length: r.limit - r.base + 1n }));
  }
  d.push(dwordMemory({ ...fixed, cache: 'Cacheable', readWrite: true },
    { min: VGA_WINDOW_BASE, max: VGA_WINDOW_BASE + VGA_WINDOW_SIZE - 1, length: VGA_WINDOW_SIZE }));
  const mm = input.mmcfg;
  if (mm) used.mem.push({ base: big(mm.base), limit: big(mm.base) + big(mm.size) - 1n });
  for (const r of freeRanges(used.mem, big(input.pciHole32.start), big(input.pciHole32.end))) {
    d.push(dwordMemory({ ...fixed, cache: 'NonCacheable', readWrite: true }, { min: r.base, max: r.limit, length: r.limit - r.base + 1n }));
  }
  const h64 = input.pciHole64;
  if (h64 && big(h64.end) > big(h64.start)) {
    for (const r of freeRanges(used.mem64, big(h64.start), big(h64.end))) {
      d.push(qwordMemory({ ...fixed, cache: 'Cacheable', readWrite: true }, { min: r.base, max: r.limit, length: r.limit - r.base + 1n }));
    }
  }
  // The TPM's registers sit above the 32-bit PCI hole; QEMU claims them for PCI0 too.
  if (input.tpmTis) d.push(memory32Fixed(TPM_TIS_ADDR_BASE, TPM_TIS_ADDR_SIZE, true));
  return scope('\\_SB.PCI0',
    name('_CRS', resourceTemplate(...d)),
    gpe0ResourcesAml(input.gpe0Base, input.gpe0Length),
    pciHotplugResourcesAml(input.pciHotplugBase, input.pciHotplugLength));
}
