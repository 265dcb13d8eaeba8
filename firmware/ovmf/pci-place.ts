/**
 * OVMF-style placement: the resource tree per root bridge, combined MEM/PMEM at the root,
 * then each root bridge's pools bottom-up in the apertures all root bridges share (seabios-ovmf.md §6).
 */
import type { PciInventory } from '../pci/inventory.js';
import { IO, PCI_ROM_SLOT, PREFMEM } from '../pci/inventory.js';
import type { PciDevice } from '../pci/probe.js';
import { busOf } from '../pci/config.js';
import { PCI_CLASS_BRIDGE_PCI } from '../pci/regs.js';
import type { RNode, ResType } from './resource-tree.js';
import { GcdSpace } from './gcd.js';
import { RES_TYPES, calculateAperture, insertNode, mergeTree, node, requestExisted } from './resource-tree.js';

const GiB = 2 ** 30;

export interface OvmfApertures {
  readonly io: { readonly base: number; readonly end: number };
  readonly mem32: { readonly base: number; readonly end: number };
  readonly mem64: { readonly base: number; readonly end: number } | undefined;
}

export interface OvmfAssignment {
  readonly dev: PciDevice;
  /** BAR index, or -1 for a bridge window of `type`. */
  readonly bar: number;
  readonly type: ResType;
  readonly addr: number;
  readonly length: number;
  readonly is64: boolean;
}

/** Where a root bridge's I/O, MMIO32 and MMIO64 requests went (0: none). */
export interface OvmfRootBases {
  readonly bus: number;
  readonly io: number;
  readonly mem32: number;
  readonly mem64: number;
}

export type OvmfPlacement =
  | { readonly ok: true; readonly assignments: readonly OvmfAssignment[]; readonly roots: readonly OvmfRootBases[] }
  | { readonly ok: false; readonly panic: string };

type Pools = Record<ResType, RNode>;

function pools(dev: PciDevice | undefined, ioAlign: number): Pools {
  return {
    io: node(dev, -1, 'io', 0, ioAlign),
    mem32: node(dev, -1, 'mem32', 0, 0xfffff),
    pmem32: node(dev, -1, 'pmem32', 0, 0xfffff),
    mem64: node(dev, -1, 'mem64', 0, 0xfffff),
    pmem64: node(dev, -1, 'pmem64', 0, 0xfffff),
  };
}

const OVMF_MEM_BAR_MIN_ALIGN = 0x1000;

export function placeOvmf(inv: PciInventory, ap: OvmfApertures, rootBuses: readonly number[] = [0]): OvmfPlacement {
  const pci64Size = ap.mem64 ? ap.mem64.end - ap.mem64.base : 0;
  const childrenOf = (bus: number): PciDevice[] => inv.devices.filter((d) => busOf(d.bdf) === bus);
  // PciParseBar: a memory BAR whose sizing read-back has a reserved type is PciBarTypeUnknown, never allocated.
  const barsOf = (d: PciDevice) => inv.bars.filter((b) => b.dev === d && b.bar !== PCI_ROM_SLOT && !b.reservedType);

  const createMap = (owner: PciDevice | undefined, devices: PciDevice[], p: Pools): void => {
    for (const d of devices) {
      for (const b of barsOf(d)) {
        const type: ResType = b.type === IO ? 'io'
          : b.is64 ? (b.type === PREFMEM ? 'pmem64' : 'mem64') : (b.type === PREFMEM ? 'pmem32' : 'mem32');
        // PciParseBar forces at least 4 KiB alignment on memory BARs ("for VT-d"); I/O keeps its size.
        const alignment = type === 'io' ? b.rawSize - 1 : Math.max(b.rawSize, OVMF_MEM_BAR_MIN_ALIGN) - 1;
        insertNode(p[type], node(d, b.bar, type, b.rawSize, alignment));
      }
      if (d.classWord === PCI_CLASS_BRIDGE_PCI) {
        const bp = pools(d, 0xfff);
        createMap(d, childrenOf(d.secondary), bp);
        for (const t of RES_TYPES) if (requestExisted(bp[t])) insertNode(p[t], bp[t]);
      }
    }
    const info = owner ? inv.bridges.get(owner.bdf) : undefined;
    if (owner && info?.hotplugCapable) {
      // OvmfPkg PciHotPlugInitDxe defaults: IO 512, MMIO32 2 MiB, PMEM64 Pci64Size/256 above 32 GiB.
      insertNode(p.io, node(owner, -2, 'io', 0x200, 0x1ff, 'padding'));
      insertNode(p.mem32, node(owner, -2, 'mem32', 0x200000, 0x1fffff, 'padding'));
      if (pci64Size > 32 * GiB) {
        const pad = pci64Size / 256;
        insertNode(p.pmem64, node(owner, -2, 'pmem64', pad, pad - 1, 'padding'));
      }
    }
    if (owner) {
      // A P2P bridge decodes no 64-bit non-prefetchable memory.
      mergeTree(p.mem32, p.mem64, true);
      if (!info?.pref64) mergeTree(p.pmem32, p.pmem64, true);
      if (p.pmem64.children.length > 0 && p.pmem32.children.length > 0) mergeTree(p.mem32, p.pmem32, true);
    } else {
      // The root bridge: COMBINE_MEM_PMEM, MEM64 decode.
      mergeTree(p.mem32, p.pmem32, false);
      mergeTree(p.mem64, p.pmem64, false);
    }
    for (const t of ['mem32', 'pmem32', 'mem64', 'pmem64', 'io'] as const) calculateAperture(p[t]);
  };

  const assignments: OvmfAssignment[] = [];
  const program = (pool: RNode, base: number): void => {
    for (const c of pool.children) {
      const addr = base + c.offset;
      if (c.usage === 'padding' || c.bar === -3 || !c.dev) continue;
      if (c.bar === -1) {
        assignments.push({ dev: c.dev, bar: -1, type: c.type, addr, length: c.length, is64: false });
        program(c, addr);
      } else {
        const b = inv.bars.find((x) => x.dev === c.dev && x.bar === c.bar)!;
        assignments.push({ dev: c.dev, bar: c.bar, type: c.type, addr, length: c.length, is64: b.is64 });
      }
    }
  };
  const subtree = (bus: number): PciDevice[] => childrenOf(bus).flatMap((d) =>
    [d, ...(d.classWord === PCI_CLASS_BRIDGE_PCI && d.secondary > bus ? subtree(d.secondary) : [])]);
  const spaces = { io: new GcdSpace(), mem: new GcdSpace() };
  const bases: OvmfRootBases[] = [];
  // PciHostBridgeResourceAllocator: one resource map per root bridge; then the host bridge's
  // AllocateResources takes the root bridges in order, each from the bottom of the shared apertures.
  for (const rootBus of rootBuses) {
    const root = pools(undefined, 0xfff);
    // GetMaxOptionRomSize over the root bridge's tree: one window all its option ROMs are read through.
    const inTree = new Set(subtree(rootBus));
    const maxRom = Math.max(0, ...inv.bars.filter((b) => b.bar === PCI_ROM_SLOT && inTree.has(b.dev)).map((b) => b.rawSize));
    if (maxRom > 0) insertNode(root.mem32, node(undefined, -3, 'mem32', maxRom, maxRom - 1));
    createMap(undefined, childrenOf(rootBus), root);
    const got = { bus: rootBus, io: 0, mem32: 0, mem64: 0 };
    for (const [t, apt, space, bits] of [['io', ap.io, spaces.io, 15], ['mem32', ap.mem32, spaces.mem, 31], ['mem64', ap.mem64, spaces.mem, 63]] as const) {
      const pool = root[t];
      if (pool.length === 0) continue;
      if (!apt) {
        // No 64-bit aperture: OVMF falls back to the 32-bit one.
        return { ok: false, panic: 'PCI: 64-bit resources but no 64-bit aperture' };
      }
      const base = space.allocate(pool.length, pool.alignment, apt.base, apt.end, bits);
      if (base === undefined) return { ok: false, panic: `PCI: out of ${t} aperture space` };
      got[t] = base;
      program(pool, base);
    }
    bases.push(got);
  }
  return { ok: true, assignments, roots: bases };
}
