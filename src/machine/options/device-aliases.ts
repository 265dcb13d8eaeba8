/**
 * QEMU 7.2's -device aliases on x86 (`qemu-system-x86_64 -device help`, the `alias "..."` entries):
 * `-device virtio-net` is virtio-net-pci, and so on. fwlab's AHCI driver is named `ahci` (QEMU's
 * alias), so QEMU's own name `ich9-ahci` maps to it.
 */
const ALIASES: Readonly<Record<string, string>> = {
  'ich9-ahci': 'ahci', lsi: 'lsi53c895a', 'virtio-9p': 'virtio-9p-pci', 'virtio-blk': 'virtio-blk-pci',
  'virtio-scsi': 'virtio-scsi-pci', 'e1000-82540em': 'e1000', 'virtio-net': 'virtio-net-pci',
  'virtio-input-host': 'virtio-input-host-pci', 'virtio-keyboard': 'virtio-keyboard-pci', 'virtio-mouse': 'virtio-mouse-pci',
  'virtio-serial': 'virtio-serial-pci', 'virtio-tablet': 'virtio-tablet-pci', 'virtio-gpu-gl': 'virtio-gpu-gl-pci',
  'virtio-gpu': 'virtio-gpu-pci', ac97: 'AC97', es1370: 'ES1370', 'virtio-balloon': 'virtio-balloon-pci',
  'virtio-iommu': 'virtio-iommu-pci', 'virtio-rng': 'virtio-rng-pci',
};

/** The driver name a -device / device_add name stands for. */
export function driverNameOf(name: string, known: ReadonlyMap<string, unknown>): string {
  if (known.has(name)) return name;
  return ALIASES[name] ?? name;
}
