import type { AcpiBuildInput } from '../../src/machine/acpi/build-tables.js';
import { fixtureInput } from './fixture-configs.js';

/**
 * Memory hot-plug and NVDIMM machines, captured from QEMU 7.2.22 through qtest with the
 * chipset programmed as SeaBIOS does (see test/fixtures/qemu-7.2/qtest-captures/README.md):
 *   pc-nvdimm   -machine pc,nvdimm=on -nodefaults -m 512M,slots=2,maxmem=2G
 *               -object memory-backend-ram,id=nv0,size=128M -device nvdimm,id=nvdimm0,memdev=nv0
 *   q35-nvdimm  the same on q35
 *   pc-nvdimm2  pc, slots=3, maxmem=2G, two NVDIMMs of 128M and 256M
 *   pc-memhp    -machine pc -nodefaults -m 512M,slots=4,maxmem=4G
 * No -serial: there is no COM1.
 */
export const MEMORY_CONFIGS = ['pc-nvdimm', 'q35-nvdimm', 'pc-nvdimm2', 'pc-memhp'] as const;
export type MemoryConfig = (typeof MEMORY_CONFIGS)[number];

const GiB = 2 ** 30;
const MiB = 2 ** 20;

export function memoryConfigInput(config: MemoryConfig): AcpiBuildInput {
  const q35 = config.startsWith('q35');
  const base = fixtureInput(q35 ? 'q35-default' : 'pc-default');
  const slots = config === 'pc-memhp' ? 4 : config === 'pc-nvdimm2' ? 3 : 2;
  const maxmem = config === 'pc-memhp' ? 4 * GiB : 2 * GiB;
  const deviceMemory = { base: 4 * GiB, size: maxmem - 512 * MiB + slots * GiB };
  const hole64Start = BigInt(Math.ceil((deviceMemory.base + deviceMemory.size) / GiB) * GiB);
  const hole64Size = q35 ? 32n * BigInt(GiB) : 2n * BigInt(GiB);
  const dimms = config === 'pc-memhp' ? [] : config === 'pc-nvdimm2'
    ? [{ slot: 0, base: 4 * GiB, size: 128 * MiB, node: 0 }, { slot: 1, base: 4 * GiB + 128 * MiB, size: 256 * MiB, node: 0 }]
    : [{ slot: 0, base: 4 * GiB, size: 128 * MiB, node: 0 }];
  const nvdimm = config !== 'pc-memhp';
  return {
    ...base,
    dsdt: {
      ...base.dsdt, com1: false, memorySlots: slots, numa: true, nvdimm,
      pciHole64: { start: hole64Start, end: hole64Start + hole64Size - 1n },
    },
    srat: {
      cpus: [{ apicId: 0, node: 0 }], nodeMemory: [512 * MiB], below4g: 512 * MiB, above4gStart: 4 * GiB,
      nvdimms: dimms.map((d) => ({ base: d.base, size: d.size, node: d.node })), deviceMemory,
    },
    nvdimm: nvdimm ? { ramSlots: slots, dimms } : undefined,
  };
}
