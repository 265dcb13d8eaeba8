import type { TableWriter } from './table-writer.js';

/** VIOT node types (ACPI 6.5 §5.2.32 / virtio-iommu spec). */
const VIOT_NODE_PCI_RANGE = 1;
const VIOT_NODE_VIRTIO_PCI_IOMMU = 3;
const VIOT_HEADER_END = 48;
const VIOT_IOMMU_NODE_SIZE = 16;
const VIOT_PCI_RANGE_NODE_SIZE = 24;

export interface ViotInput {
  /** The virtio-iommu-pci function's segment-0 BDF. */
  readonly iommuBdf: number;
  /** Bus ranges of the host bridges it translates for, lowest first. */
  readonly busRanges: ReadonlyArray<{ readonly min: number; readonly max: number }>;
}

/** VIOT revision 0: the virtio-pci IOMMU node, then one PCI-range node per host bridge pointing at it. */
export function writeViot(w: TableWriter, v: ViotInput): void {
  const start = w.begin('VIOT', 0);
  w.blob.uint(1 + v.busRanges.length, 2).uint(VIOT_HEADER_END, 2).zeros(8);
  w.blob.byte(VIOT_NODE_VIRTIO_PCI_IOMMU).byte(0).uint(VIOT_IOMMU_NODE_SIZE, 2).uint(0, 2).uint(v.iommuBdf, 2).zeros(8);
  for (const r of v.busRanges) {
    w.blob.byte(VIOT_NODE_PCI_RANGE).byte(0).uint(VIOT_PCI_RANGE_NODE_SIZE, 2)
      .uint(r.min << 8, 4).uint(0, 2).uint(0, 2).uint(r.min << 8, 2).uint((r.max << 8) | 0xff, 2)
      .uint(VIOT_HEADER_END, 2).zeros(6);
  }
  w.end(start);
}
