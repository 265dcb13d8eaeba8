/**
 * OVMF-style placement: the resource tree per root bridge, combined MEM/PMEM at the root,
 * then each root pool bottom-up from its aperture base (seabios-ovmf.md §6).
 */
import type { PciInventory } from '../pci/inventory.js';
import { IO, PCI_ROM_SLOT, PREFMEM } from '../pci/inventory.js';
import type { PciDevice } from '../pci/probe.js';
import { busOf } from '../pci/config.js';
import { PCI_CLASS_BRIDGE_PCI } from '../pci/regs.js';
import type { RNode, ResType } from './resource-tree.js';
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

export type OvmfPlacement =
  | { readonly ok: true; readonly assignments: readonly OvmfAssignment[]; readonly roots: Readonly<Record<'io' | 'mem32' | 'mem64', number>> }
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

export function placeOvmf(inv: PciInventory, ap: OvmfApertures): OvmfPlacement {
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

  const root = pools(undefined, 0xfff);
  const maxRom = Math.max(0, ...inv.bars.filter((b) => b.bar === PCI_ROM_SLOT).map((b) => b.rawSize));
  if (maxRom > 0) insertNode(root.mem32, node(undefined, -3, 'mem32', maxRom, maxRom - 1));
  createMap(undefined, childrenOf(0), root);

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
  const roots = { io: 0, mem32: 0, mem64: 0 };
  for (const [t, apt] of [['io', ap.io], ['mem32', ap.mem32], ['mem64', ap.mem64]] as const) {
    const pool = root[t];
    if (pool.length === 0) continue;
    if (!apt) {
      // No 64-bit aperture: OVMF falls back to the 32-bit one.
      return { ok: false, panic: 'PCI: 64-bit resources but no 64-bit aperture' };
    }
    const base = Math.ceil(apt.base / (pool.alignment + 1)) * (pool.alignment + 1);
    if (base + pool.length > apt.end) return { ok: false, panic: `PCI: out of ${t} aperture space` };
    roots[t] = base;
    program(pool, base);
  }
  return { ok: true, assignments, roots };
}
