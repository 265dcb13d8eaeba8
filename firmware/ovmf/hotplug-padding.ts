/**
 * OvmfPkg PciHotPlugInitDxe (edk2-stable202211) GetResourcePadding: the padding PciBusDxe
 * gives a hot-plug bridge, from QEMU's Red Hat resource-reservation capability when the
 * bridge has one (`bus-reserve`, `io-reserve`, `mem-reserve`, `pref32-reserve`,
 * `pref64-reserve`) and OVMF's built-in defaults otherwise.
 */
import type { PciConfig } from '../pci/config.js';
import * as R from '../pci/regs.js';
import type { ResType } from './resource-tree.js';

const U32_MAX = 0xffffffff;
const GiB = 2 ** 30;

/** The capability's fields; 64-bit ones as bigint so all-ones stays exact. */
export interface ReservationHint {
  readonly bus: number;
  readonly io: bigint;
  readonly mem: number;
  readonly pref32: number;
  readonly pref64: bigint;
}

export interface Padding {
  readonly type: ResType;
  readonly length: number;
}

/**
 * QueryReservationHint: the vendor ID must be Red Hat's; the first vendor capability (normal
 * list) whose length byte is the structure's 32 and whose type byte is 1 is taken.
 */
export function readReservationHint(cfg: PciConfig, bdf: number): ReservationHint | undefined {
  if (cfg.read16(bdf, R.PCI_VENDOR_ID) !== R.PCI_VENDOR_ID_REDHAT) return undefined;
  for (let cap = cfg.findCap(bdf, R.PCI_CAP_ID_VNDR); cap; cap = cfg.findCap(bdf, R.PCI_CAP_ID_VNDR, cap)) {
    if (cfg.read8(bdf, cap + 2) !== R.RES_RESERVE_CAP_SIZE) continue;
    if (cfg.read8(bdf, cap + 3) !== R.REDHAT_CAP_RESOURCE_RESERVE) continue;
    const u64 = (o: number): bigint => (BigInt(cfg.read32(bdf, cap + o + 4)) << 32n) | BigInt(cfg.read32(bdf, cap + o));
    return {
      bus: cfg.read32(bdf, cap + R.RES_RESERVE_BUS_RES),
      io: u64(R.RES_RESERVE_IO),
      mem: cfg.read32(bdf, cap + R.RES_RESERVE_MEM),
      pref32: cfg.read32(bdf, cap + R.RES_RESERVE_PREF_MEM_32),
      pref64: u64(R.RES_RESERVE_PREF_MEM_64),
    };
  }
  return undefined;
}

/** The next power of two at or above `v` (> 0), or undefined when it does not fit in `bits`. */
function roundUpPow2(v: bigint, bits: number): number | undefined {
  let p = 1n;
  while (p < v) p <<= 1n;
  return p < (1n << BigInt(bits)) ? Number(p) : undefined;
}

const U64_MAX = (1n << 64n) - 1n;

/**
 * The padding requests of one hot-plug bridge. `pci64Size`: the 64-bit aperture's size
 * (PcdPciMmio64Size). Each is inserted with alignment length - 1 (a power of two).
 */
export function hotplugPadding(hint: ReservationHint | undefined, pci64Size: number): Padding[] {
  const out: Padding[] = [];
  let defIo = true;
  let defMem = true;
  let defPref = true;
  if (hint) {
    // 0: no reservation (the default is dropped too); all ones: the firmware default.
    if (hint.io === 0n) defIo = false;
    else if (hint.io !== U64_MAX) {
      const len = roundUpPow2(hint.io, 64);
      if (len !== undefined) { out.push({ type: 'io', length: len }); defIo = false; }
    }
    if (hint.mem === 0) defMem = false;
    else if (hint.mem !== U32_MAX) {
      const len = roundUpPow2(BigInt(hint.mem), 32);
      if (len !== undefined) { out.push({ type: 'mem32', length: len }); defMem = false; }
    }
    // Prefetchable: the 32-bit field wins when set; 0 and all ones both mean none here.
    if (hint.pref32 > 0 && hint.pref32 < U32_MAX) {
      const len = roundUpPow2(BigInt(hint.pref32), 32);
      if (len !== undefined) { out.push({ type: 'pmem32', length: len }); defPref = false; }
    } else if (hint.pref64 > 0n && hint.pref64 < U64_MAX) {
      const len = roundUpPow2(hint.pref64, 64);
      if (len !== undefined) { out.push({ type: 'pmem64', length: len }); defPref = false; }
    }
  }
  if (defIo) out.push({ type: 'io', length: 512 });
  if (defMem) out.push({ type: 'mem32', length: 2 * 2 ** 20 });
  if (defPref && pci64Size > 32 * GiB) {
    const len = roundUpPow2(BigInt(pci64Size / 256), 64);
    if (len !== undefined) out.push({ type: 'pmem64', length: len });
  }
  return out;
}
