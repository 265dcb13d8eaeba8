/**
 * OVMF-style placement: the resource tree per root bridge, combined MEM/PMEM at the root,
 * then each root bridge's pools bottom-up in the apertures all root bridges share (seabios-ovmf.md §6);
 * hot-plug padding from PciHotPlugInitDxe (hotplug-padding.ts); on failure PciBusDxe's rejections (reject.ts).
 */
import type { PciInventory } from '../pci/inventory.js';
import { IO, PCI_ROM_SLOT, PREFMEM } from '../pci/inventory.js';
import type { PciDevice } from '../pci/probe.js';
import { busOf } from '../pci/config.js';
import { PCI_CLASS_BRIDGE_PCI } from '../pci/regs.js';
import type { RNode, ResType } from './resource-tree.js';
import { GcdSpace } from './gcd.js';
import type { ReservationHint } from './hotplug-padding.js';
import { hotplugPadding } from './hotplug-padding.js';
import type { Rejections } from './reject.js';
import { rejectOnce } from './reject.js';
import { RES_TYPES, calculateAperture, insertNode, mergeTree, node, requestExisted } from './resource-tree.js';

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
  | {
    readonly ok: true; readonly assignments: readonly OvmfAssignment[]; readonly roots: readonly OvmfRootBases[];
    /** Endpoints a failed allocation rejected (RejectPciDevice). */
    readonly removed: readonly PciDevice[];
  }
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

/**
 * `hints`: each bridge's Red Hat resource-reservation capability (absent: none), read by
 * PciHotPlugInitDxe for the bridges PciBusDxe finds hot-plug capable.
 */
export function placeOvmf(inv: PciInventory, ap: OvmfApertures, rootBuses: readonly number[] = [0],
  hints: ReadonlyMap<number, ReservationHint> = new Map()): OvmfPlacement {
  const pci64Size = ap.mem64 ? ap.mem64.end - ap.mem64.base : 0;
  const padding = new Map([...inv.bridges.keys()].map((bdf) => [bdf, hotplugPadding(hints.get(bdf), pci64Size)]));
  const rej: Rejections = { unpadded: new Set(), removed: new Set() };
  const childrenOf = (bus: number): PciDevice[] => inv.devices.filter((d) => busOf(d.bdf) === bus && !rej.removed.has(d));
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
    if (owner && info?.hotplugCapable && !rej.unpadded.has(owner)) {
      // ResourcePaddingPolicy: PciHotPlugInitDxe's padding, each node aligned to its (power-of-two) length.
      for (const pad of padding.get(owner.bdf) ?? []) {
        insertNode(p[pad.type], node(owner, -2, pad.type, pad.length, pad.length - 1, 'padding'));
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

  // PciHostBridgeResourceAllocator: one resource map per root bridge, each root bridge's pools
  // also kept in one pool per type over all root bridges (where a failure's consumer is sought).
  const attempt = (): { ok: true; roots: OvmfRootBases[] } | { ok: false; failed: RNode[]; type: ResType } => {
    assignments.length = 0;
    const global = pools(undefined, 0);
    const trees = rootBuses.map((rootBus) => {
      const root = pools(undefined, 0xfff);
      // GetMaxOptionRomSize over the root bridge's tree: one window all its option ROMs are read through.
      const inTree = new Set(subtree(rootBus));
      const maxRom = Math.max(0, ...inv.bars.filter((b) => b.bar === PCI_ROM_SLOT && inTree.has(b.dev)).map((b) => b.rawSize));
      if (maxRom > 0) insertNode(root.mem32, node(undefined, -3, 'mem32', maxRom, maxRom - 1));
      createMap(undefined, childrenOf(rootBus), root);
      for (const t of RES_TYPES) insertNode(global[t], root[t]);
      return { rootBus, root };
    });
    // AllocateResources: the root bridges in order, each from the bottom of the shared apertures,
    // a root bridge's types by descending alignment (the later type on a tie); a 64-bit request
    // that finds no room above 4 GiB is tried below. A type's outcome is the last root bridge's
    // that asked for it.
    const spaces = { io: new GcdSpace(), mem: new GcdSpace() };
    const failedTypes = new Set<ResType>();
    const bases: OvmfRootBases[] = [];
    for (const { rootBus, root } of trees) {
      const got = { bus: rootBus, io: 0, mem32: 0, mem64: 0 };
      const order = RES_TYPES.filter((t) => root[t].length > 0);
      order.sort((a, b) => root[b].alignment - root[a].alignment || RES_TYPES.indexOf(b) - RES_TYPES.indexOf(a));
      for (const t of order) {
        const pool = root[t];
        const tries = t === 'io' ? [[ap.io, spaces.io, 15] as const]
          : t === 'mem64' || t === 'pmem64' ? [[ap.mem64, spaces.mem, 63] as const, [ap.mem32, spaces.mem, 31] as const]
            : [[ap.mem32, spaces.mem, 31] as const];
        let base: number | undefined;
        for (const [apt, space, bits] of tries) {
          if (apt) base = space.allocate(pool.length, pool.alignment, apt.base, apt.end, bits);
          if (base !== undefined) break;
        }
        if (base === undefined) { failedTypes.add(t); continue; }
        failedTypes.delete(t);
        if (t === 'io' || t === 'mem32' || t === 'mem64') got[t] = base;
        program(pool, base);
      }
      bases.push(got);
    }
    const failed = RES_TYPES.filter((t) => failedTypes.has(t));
    if (failed.length > 0) return { ok: false, failed: failed.map((t) => global[t]), type: failed[0]! };
    return { ok: true, roots: bases };
  };
  for (;;) {
    const r = attempt();
    if (r.ok) return { ok: true, assignments, roots: r.roots, removed: [...rej.removed] };
    // PciHostBridgeAdjustAllocation, then everything again; nothing left to reject: PciBusDxe gives up.
    if (!rejectOnce(r.failed, rej)) return { ok: false, panic: `PCI: out of ${r.type} aperture space (PciBusDxe gives up; not modelled)` };
  }
}
