/**
 * OVMF (edk2-stable202211 PciBusDxe) resource tree, as facts in seabios-ovmf.md §6.2:
 * five node kinds per bridge, InsertResourceNode ordering (descending alignment; on equal
 * alignment the newer node goes first unless its Length & Alignment rest is smaller),
 * hot-plug padding, DegradeResource, CalculateResourceAperture.
 */
import type { PciDevice } from '../pci/probe.js';

export type ResType = 'io' | 'mem32' | 'pmem32' | 'mem64' | 'pmem64';
export const RES_TYPES: readonly ResType[] = ['io', 'mem32', 'pmem32', 'mem64', 'pmem64'];

export interface RNode {
  readonly dev: PciDevice | undefined;
  /** BAR index; -1 bridge window; -2 padding; -3 the shared option-ROM window. */
  readonly bar: number;
  type: ResType;
  length: number;
  /** A mask: size - 1. */
  alignment: number;
  readonly usage: 'typical' | 'padding';
  readonly children: RNode[];
  offset: number;
}

export function node(dev: PciDevice | undefined, bar: number, type: ResType, length: number, alignment: number,
  usage: 'typical' | 'padding' = 'typical'): RNode {
  return { dev, bar, type, length, alignment, usage, children: [], offset: 0 };
}

const rest = (n: RNode): number => n.length % (n.alignment + 1);

/** edk2 InsertResourceNode. */
export function insertNode(parent: RNode, n: RNode): void {
  const list = parent.children;
  list.unshift(n);
  let i = 1;
  while (i < list.length) {
    const t = list[i]!;
    if (n.alignment > t.alignment) break;
    if (n.alignment === t.alignment) {
      const r = rest(n);
      if (r === 0 || r >= rest(t)) break;
    }
    list[i - 1] = t;
    list[i] = n;
    i++;
  }
}

/** edk2 MergeResourceTree: move every child of `src` into `dst`, in list order. */
export function mergeTree(dst: RNode, src: RNode, typeMerge: boolean): void {
  while (src.children.length > 0) {
    const c = src.children.shift()!;
    if (typeMerge) c.type = dst.type;
    insertNode(dst, c);
  }
}

const alignUp = (x: number, a: number): number => Math.ceil(x / a) * a;

/** CalculateResourceAperture / CalculateApertureIo16: offsets, length, alignment of a pool. */
export function calculateAperture(pool: RNode): void {
  const ap = { typical: 0, padding: 0 };
  for (const c of pool.children) {
    c.offset = alignUp(ap[c.usage], c.alignment + 1);
    ap[c.usage] = c.offset + c.length;
  }
  ap.typical = alignUp(ap.typical, pool.alignment + 1);
  // CalculateResourceAperture aligns the padding aperture too; CalculateApertureIo16 does not.
  if (pool.type !== 'io') ap.padding = alignUp(ap.padding, pool.alignment + 1);
  pool.length = Math.max(ap.typical, ap.padding);
  const first = pool.children[0];
  if (first && first.alignment > pool.alignment) pool.alignment = first.alignment;
}

export function requestExisted(pool: RNode): boolean {
  return pool.children.length > 0 || pool.length !== 0;
}
