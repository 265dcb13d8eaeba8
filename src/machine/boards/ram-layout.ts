import { GiB } from '../../lib/size.js';
import { hex } from '../../lib/hex.js';
import { UsageError } from '../../lib/errors.js';
import {
  ABOVE_4G_MEM_START, AMD_HT_START, ONE_TIB, PC_LOWMEM_CAP, PC_MAX_RAM_BELOW_4G, PC_PCI_HOLE64_SIZE,
  Q35_LOWMEM_CAP, Q35_LOWMEM_THRESHOLD, Q35_PCI_HOLE64_SIZE,
} from './layout.js';

export type BoardName = 'pc' | 'q35';

export interface RamLayoutInput {
  readonly board: BoardName;
  readonly ramSize: number;
  readonly maxmem: number;
  readonly slots: number;
  /** `-machine ...,max-ram-below-4g=` (0: the board's default). */
  readonly maxRamBelow4g: number;
  readonly amdCpu: boolean;
  readonly physBits: number;
}

export interface RamLayout {
  readonly below4g: number;
  readonly above4g: number;
  /** Where high RAM starts: 4 GiB, or 1 TiB when it would reach the AMD HyperTransport hole. */
  readonly above4gStart: number;
  /** Hot-pluggable memory region (`-m ...,slots=,maxmem=`), if maxmem > RAM. */
  readonly deviceMemory: { readonly base: number; readonly size: number } | undefined;
  /** `etc/reserved-memory-end`, when there is device memory. */
  readonly reservedMemoryEnd: number | undefined;
  readonly pciHole64Size: number;
  /** The AMD HT range is reported in etc/e820 (AMD CPU with ≥ 40 physical address bits). */
  readonly reportAmdHtHole: boolean;
}

const roundUp = (v: number, a: number): number => Math.ceil(v / a) * a;

/** QEMU 7.2's RAM split (pc_init1 / pc_q35_init) and pc_memory_init's high-RAM placement. */
export function computeRamLayout(input: RamLayoutInput): RamLayout {
  const { board, ramSize } = input;
  let lowmem: number;
  if (board === 'pc') {
    lowmem = input.maxRamBelow4g || PC_MAX_RAM_BELOW_4G;
    // gigabyte_align: with the default max-ram-below-4g, cap low RAM at 3 GiB.
    if (ramSize >= lowmem && !input.maxRamBelow4g) lowmem = PC_LOWMEM_CAP;
  } else {
    lowmem = ramSize >= Q35_LOWMEM_THRESHOLD ? Q35_LOWMEM_CAP : Q35_LOWMEM_THRESHOLD;
    if (input.maxRamBelow4g && lowmem > input.maxRamBelow4g) lowmem = input.maxRamBelow4g;
  }
  const below4g = ramSize >= lowmem ? lowmem : ramSize;
  const above4g = ramSize - below4g;
  const pciHole64Size = board === 'pc' ? PC_PCI_HOLE64_SIZE : Q35_PCI_HOLE64_SIZE;

  const place = (start: number) => {
    const above4gEnd = start + above4g;
    let deviceMemory: RamLayout['deviceMemory'];
    if (input.maxmem > ramSize) {
      const base = roundUp(above4gEnd, GiB);
      deviceMemory = { base, size: input.maxmem - ramSize + GiB * input.slots };
    }
    const hole64Start = roundUp(deviceMemory ? deviceMemory.base + deviceMemory.size : above4gEnd, GiB);
    return { deviceMemory, maxUsed: hole64Start + pciHole64Size - 1 };
  };

  let above4gStart = ABOVE_4G_MEM_START;
  let placed = place(above4gStart);
  if (input.amdCpu && placed.maxUsed >= AMD_HT_START) {
    above4gStart = ONE_TIB;
    placed = place(above4gStart);
  }
  const maxPhys = 2 ** input.physBits - 1;
  if (placed.maxUsed > maxPhys) {
    throw new UsageError(`-m: address space limit ${hex(maxPhys)} < ${hex(placed.maxUsed)}: phys-bits too low (${input.physBits})`);
  }
  const dm = placed.deviceMemory;
  return {
    below4g, above4g, above4gStart, deviceMemory: dm, pciHole64Size,
    reservedMemoryEnd: dm ? roundUp(dm.base + dm.size, GiB) : undefined,
    reportAmdHtHole: input.amdCpu && input.physBits >= 40,
  };
}
