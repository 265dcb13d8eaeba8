import {
  and, arg, createDWordField, device, dwordMemory, eisaId, elseDo, ifThen, io, lequal, lnotEqual, local, method, name,
  memory32Fixed, or, qwordMemory, resourceTemplate, ret, scope, store, str, toUuid, wordBusNumber, wordIo,
} from './aml/index.js';
import type { Aml, Descriptor } from './aml/index.js';
import type { DsdtInput } from './dsdt-input.js';
import { PORT_COUNT } from '../bus/port-bus.js';
import { gpe0ResourcesAml } from '../devices/acpi-pm-acpi.js';
import { pciHotplugResourcesAml } from '../pci/hotplug-acpi.js';
import { TPM_TIS_ADDR_BASE, TPM_TIS_ADDR_SIZE } from '../../spec/tpm.js';
import { PCI_IO_WINDOW_START, PORT_PCI_CONFIG_ADDRESS, PORT_PCI_CONFIG_DATA, VGA_WINDOW_BASE, VGA_WINDOW_SIZE } from '../boards/layout.js';

const PCI_HOST_BRIDGE_OSC_UUID = '33db4d5b-1ff7-401c-9657-7441c03dd766';

/** \_SB.PCI0 itself: PNP0A03 on pc; PNP0A08 + _CID PNP0A03 + _OSC on q35, plus DRAC for MMCONFIG. */
export function pci0Device(input: DsdtInput): Aml {
  if (input.board === 'pc') {
    return scope('_SB', device('PCI0', name('_HID', eisaId('PNP0A03')), name('_ADR', 0), name('_UID', 0)));
  }
  const osc = method('_OSC', 4, {},
    createDWordField(arg(3), 0, 'CDW1'),
    ifThen(lequal(arg(0), toUuid(PCI_HOST_BRIDGE_OSC_UUID)),
      createDWordField(arg(3), 4, 'CDW2'),
      createDWordField(arg(3), 8, 'CDW3'),
      store('CDW3', local(0)),
      and(local(0), 0x1e, local(0)),
      ifThen(lnotEqual(arg(1), 1), or('CDW1', 0x08, 'CDW1')),
      ifThen(lnotEqual('CDW3', local(0)), or('CDW1', 0x10, 'CDW1')),
      store(local(0), 'CDW3')),
    elseDo(or('CDW1', 0x04, 'CDW1')),
    ret(arg(3)));
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

/** \_SB.PCI0._CRS from live state, then the GPE0 and PCI hot-plug resource holders. */
export function pci0Resources(input: DsdtInput): Aml {
  const fixed = { minFixed: true, maxFixed: true } as const;
  const d: Descriptor[] = [
    wordBusNumber(fixed, { min: 0, max: 0xff, length: 0x100 }),
    io(PORT_PCI_CONFIG_ADDRESS, PORT_PCI_CONFIG_ADDRESS, 1, PORT_PCI_CONFIG_DATA + 4 - PORT_PCI_CONFIG_ADDRESS),
    wordIo({ ...fixed, isaRanges: 'EntireRange' }, { min: 0, max: PORT_PCI_CONFIG_ADDRESS - 1, length: PORT_PCI_CONFIG_ADDRESS }),
    wordIo({ ...fixed, isaRanges: 'EntireRange' }, { min: PCI_IO_WINDOW_START, max: PORT_COUNT - 1, length: PORT_COUNT - PCI_IO_WINDOW_START }),
    dwordMemory({ ...fixed, cache: 'Cacheable', readWrite: true },
      { min: VGA_WINDOW_BASE, max: VGA_WINDOW_BASE + VGA_WINDOW_SIZE - 1, length: VGA_WINDOW_SIZE }),
  ];
  const mem32 = (start: bigint, end: bigint) =>
    d.push(dwordMemory({ ...fixed, cache: 'NonCacheable', readWrite: true }, { min: start, max: end, length: end - start + 1n }));
  const h32s = big(input.pciHole32.start);
  const h32e = big(input.pciHole32.end);
  const mm = input.mmcfg;
  if (mm && big(mm.base) >= h32s && big(mm.base) <= h32e) {
    const mmEnd = big(mm.base) + big(mm.size) - 1n;
    if (big(mm.base) > h32s) mem32(h32s, big(mm.base) - 1n);
    if (mmEnd < h32e) mem32(mmEnd + 1n, h32e);
  } else {
    mem32(h32s, h32e);
  }
  const h64 = input.pciHole64;
  if (h64 && big(h64.end) > big(h64.start)) {
    const s = big(h64.start);
    const e = big(h64.end);
    d.push(qwordMemory({ ...fixed, cache: 'Cacheable', readWrite: true }, { min: s, max: e, length: e - s + 1n }));
  }
  // The TPM's registers sit above the 32-bit PCI hole; QEMU claims them for PCI0 too.
  if (input.tpmTis) d.push(memory32Fixed(TPM_TIS_ADDR_BASE, TPM_TIS_ADDR_SIZE, true));
  return scope('\\_SB.PCI0',
    name('_CRS', resourceTemplate(...d)),
    gpe0ResourcesAml(input.gpe0Base, input.gpe0Length),
    pciHotplugResourcesAml(input.pciHotplugBase, input.pciHotplugLength));
}
