/**
 * PciBusDxe's answer to a failed AllocateResources (edk2-stable202211 PciHostBridgeAdjustAllocation,
 * GetMaxResourceConsumerDevice, RejectPciDevice): per failed resource type, the largest
 * rejectable consumer in that type's pool of all root bridges loses its resources: a hot-plug
 * bridge its padding (every type at once), an endpoint off bus 0 that is no VGA its place in
 * the tree. Then the whole allocation is built again.
 */
import type { PciDevice } from '../pci/probe.js';
import { busOf } from '../pci/config.js';
import { PCI_CLASS_BRIDGE_PCI } from '../pci/regs.js';
import type { RNode } from './resource-tree.js';

const PCI_CLASS_DISPLAY_VGA = 0x0300;

/** A window of a bridge or a root bridge's pool (edk2: PciDev is a PPB or has no parent). */
const isBridgeNode = (n: RNode): boolean => n.usage !== 'padding' && (n.dev === undefined || n.dev.classWord === PCI_CLASS_BRIDGE_PCI);

/** IsRejectiveDevice; fwlab's root-bridge nodes carry no device and always qualify. */
function rejective(n: RNode): boolean {
  if (isBridgeNode(n) || n.usage === 'padding') return true;
  const d = n.dev!;
  return busOf(d.bdf) !== 0 && d.classWord !== PCI_CLASS_DISPLAY_VGA;
}

/** GetLargerConsumerDevice: on equal length the later node wins. */
function larger(a: RNode | undefined, b: RNode | undefined): RNode | undefined {
  if (b === undefined) return a;
  if (a === undefined) return b;
  return a.length > b.length ? a : b;
}

/** GetMaxResourceConsumerDevice over `pool`, depth first in list order. */
export function maxConsumer(pool: RNode): RNode | undefined {
  let best: RNode | undefined;
  for (const c of pool.children) {
    if (!rejective(c)) continue;
    best = larger(best, isBridgeNode(c) ? maxConsumer(c) : c);
  }
  return best;
}

/** What the rejections so far took away. */
export interface Rejections {
  /** Bridges whose padding descriptors were freed. */
  readonly unpadded: Set<PciDevice>;
  /** Endpoints removed from their bridge's child list (BARs 10h-24h written all ones). */
  readonly removed: Set<PciDevice>;
}

/**
 * RejectPciDevice for the consumer found in each failed pool (each device once per round);
 * false when nothing could be taken away (PciBusDxe then gives up).
 */
export function rejectOnce(failedPools: readonly RNode[], rej: Rejections): boolean {
  const done = new Set<PciDevice>();
  let adjusted = false;
  for (const pool of failedPools) {
    const n = maxConsumer(pool);
    if (!n?.dev || done.has(n.dev)) continue;
    const d = n.dev;
    if (d.classWord === PCI_CLASS_BRIDGE_PCI) {
      // A bridge loses its padding (if it still has any); a bridge itself is never removed.
      if (n.usage !== 'padding' || rej.unpadded.has(d)) continue;
      rej.unpadded.add(d);
    } else {
      rej.removed.add(d);
    }
    done.add(d);
    adjusted = true;
  }
  return adjusted;
}
