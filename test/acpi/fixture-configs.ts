import type { AcpiBuildInput } from '../../src/machine/acpi/build-tables.js';
import type { AcpiPciBus, DsdtInput } from '../../src/machine/acpi/dsdt-input.js';

/**
 * The six fixture machines (../shared/fixtures/qemu-7.2/<config>/seabios/cmdline.txt and
 * query-pci.json) as the ACPI build sees them after SeaBIOS programmed the chipset:
 * PM base 0x600, PCIEXBAR 0xB0000000 on q35, 512 MiB of RAM, one CPU, COM1, isa-debugcon.
 */
export const CONFIGS = ['pc-default', 'pc-vmgenid', 'pc-bridge', 'q35-default', 'q35-vmgenid', 'q35-rootports'] as const;
export type FixtureConfig = (typeof CONFIGS)[number];

const PC_ROOT: AcpiPciBus = {
  bsel: 0,
  functions: [
    { slot: 0, fn: 0, classCode: 0x0600 }, { slot: 1, fn: 0, classCode: 0x0601 },
    { slot: 1, fn: 1, classCode: 0x0101 }, { slot: 1, fn: 3, classCode: 0x0680 },
  ],
};
const Q35_ROOT: AcpiPciBus = {
  functions: [
    { slot: 0, fn: 0, classCode: 0x0600 }, { slot: 31, fn: 0, classCode: 0x0601 },
    { slot: 31, fn: 2, classCode: 0x0106 }, { slot: 31, fn: 3, classCode: 0x0c05 },
  ],
};

function pcDsdt(rootBus: AcpiPciBus): DsdtInput {
  return {
    board: 'pc', cpus: 1, hpet: true, com1: true, floppy: true, rootBus,
    pciHole32: { start: 0x20000000, end: 0xfebfffff },
    pciHole64: { start: 0x100000000n, end: 0x17fffffffn },
    gpe0Base: 0xafe0, gpe0Length: 4, pciHotplugBase: 0xae00, pciHotplugLength: 0x18, cpuHotplugBase: 0xaf00,
  };
}

function q35Dsdt(rootBus: AcpiPciBus): DsdtInput {
  return {
    board: 'q35', cpus: 1, hpet: true, com1: true, floppy: false, rootBus,
    pciHole32: { start: 0x20000000, end: 0xfebfffff },
    pciHole64: { start: 0x100000000n, end: 0x8ffffffffn },
    mmcfg: { base: 0xb0000000, size: 0x10000000 },
    gpe0Base: 0x620, gpe0Length: 16, pciHotplugBase: 0xcc0, pciHotplugLength: 0x18, cpuHotplugBase: 0xcd8,
  };
}

export function fixtureInput(config: FixtureConfig): AcpiBuildInput {
  const pc = config.startsWith('pc');
  let root = pc ? PC_ROOT : Q35_ROOT;
  if (config === 'pc-bridge') {
    root = {
      ...PC_ROOT,
      functions: [...PC_ROOT.functions, {
        slot: 2, fn: 0, classCode: 0x0604,
        secondary: { bsel: 1, functions: [{ slot: 1, fn: 0, classCode: 0x0500 }, { slot: 3, fn: 0, classCode: 0x0200 }] },
      }],
    };
  }
  if (config === 'q35-rootports') {
    root = {
      ...Q35_ROOT,
      functions: [...Q35_ROOT.functions,
        { slot: 0x10, fn: 0, classCode: 0x0604, secondary: { bsel: 1, singleSlot: true, functions: [{ slot: 0, fn: 0, classCode: 0x0200 }] } },
        { slot: 0x11, fn: 0, classCode: 0x0604, secondary: { bsel: 0, singleSlot: true, functions: [{ slot: 0, fn: 0, classCode: 0x0108 }] } },
      ],
    };
  }
  return {
    dsdt: pc ? pcDsdt(root) : q35Dsdt(root),
    pmBase: 0x600,
    smm: true,
    acpiEnable: pc ? 0xf1 : 0x02,
    acpiDisable: pc ? 0xf0 : 0x03,
    vmgenid: config.endsWith('vmgenid'),
  };
}
