import type { DeviceInstance, PciDeviceDriver, PropSpec } from '../options/device-driver.js';
import type { PciDeviceContext } from '../wiring/device-context.js';
import { macOf, NIC_PROPS } from './nic-mac.js';
import type { PciModel } from './pci-host.js';
import { MmioWindow, RamWindow } from '../bus/memory-target.js';
import type { PciFunction } from './pci-function.js';
import { Edu } from '../devices/edu.js';
import { msiEnabled, msiNotify } from './msi.js';
import { RamBlock } from '../bus/ram-block.js';
import { UsageError } from '../../lib/errors.js';
import { MiB } from '../../lib/size.js';
import { pciDriver, placement } from './drivers.js';
import {
  ac97Model, bochsDisplayModel, cirrusVgaModel, eduModel, ehciModel, es1370Model, i6300esbModel, intelHdaModel,
  ivshmemDoorbellModel, lsi53c895aModel, megasasModel, ne2kPciModel, pciTestdevModel, pcnetModel, pvpanicPciModel,
  pciePciBridgeModel, qxlVgaModel, ROM, rtl8139Model, x3130UpstreamModel, xio3130DownstreamModel, uhciModel, vmxnet3Model, xhciModel,
} from './models-catalog.js';
import { VIRTIO_KINDS, virtioPciModel, virtioVgaModel } from './models-virtio.js';
import type { LegacyMode } from './models-virtio.js';
import { PCI_COMMAND, PCI_COMMAND_MASTER, PCI_VENDOR_ID_REDHAT } from '../../spec/pci.js';

/** edu's BAR0: 1 MiB of registers. */
const EDU_BAR_SIZE = MiB;
import { piix3IdeModel } from './chipset-pc.js';
import { ich9AhciModel } from './chipset-q35.js';

/** The `-device` drivers of issue 14's catalog that only need their PCI identity. */

const plug = (ctx: PciDeviceContext, d: DeviceInstance, model: PciModel) => void ctx.pci.host.plug(model, placement(d));
const simple = (name: string, description: string, model: () => PciModel, props: Record<string, PropSpec> = {}) =>
  pciDriver(name, description, props, (ctx, d) => plug(ctx, d, model()));

const str = (d: DeviceInstance, k: string) => (typeof d.props.get(k) === 'string' ? d.props.get(k) as string : undefined);
const num = (d: DeviceInstance, k: string) => (typeof d.props.get(k) === 'number' ? d.props.get(k) as number : undefined);

const DRIVE = { drive: { kind: 'string', description: 'block backend id (fwlab keeps no disk contents)' } } as const;

function legacyMode(d: DeviceInstance): LegacyMode {
  const v = str(d, 'disable-legacy') ?? 'auto';
  if (v !== 'on' && v !== 'off' && v !== 'auto') throw new UsageError(`-device ${d.driver}: disable-legacy expects on, off or auto, got '${v}'`);
  return v;
}

const VIRTIO_EXTRA_PROPS: Readonly<Record<string, Record<string, PropSpec>>> = {
  'virtio-net-pci': NIC_PROPS,
  'virtio-blk-pci': { ...DRIVE, serial: { kind: 'string', description: 'disk serial' } },
  'virtio-9p-pci': {
    fsdev: { kind: 'string', description: 'the -fsdev id (required)' },
    mount_tag: { kind: 'string', description: 'the tag the guest mounts (required)' },
  },
  'virtio-serial-pci': { max_ports: { kind: 'uint', description: 'ports', default: '31' } },
  'virtio-rng-pci': { rng: { kind: 'string', description: 'rng backend id' } },
};

function virtioDriver(kind: (typeof VIRTIO_KINDS)[number]): PciDeviceDriver {
  const modernOnly = kind.legacyDevice === undefined;
  return pciDriver(kind.name, `virtio ${kind.name.replace(/^virtio-|-pci$/g, '')} (1af4:${(modernOnly ? 0x1040 + kind.virtioId : kind.legacyDevice!).toString(16)})`, {
    'disable-legacy': { kind: 'string', description: 'on|off|auto (auto: off only behind a PCIe port)', default: 'auto' },
    'disable-modern': { kind: 'bool', description: 'legacy virtio only (no modern BAR or capabilities)', default: 'off' },
    vectors: { kind: 'uint', description: 'MSI-X vectors' },
    ...(VIRTIO_EXTRA_PROPS[kind.name] ?? {}),
  }, (ctx, d) => {
    const disableModern = d.props.get('disable-modern') === true;
    const dl = legacyMode(d);
    if (modernOnly && (disableModern || dl === 'off')) throw new UsageError(`-device ${kind.name}: device is modern-only, set disable-legacy to 'on'`);
    if (disableModern && dl === 'on') throw new UsageError(`-device ${kind.name}: device cannot work as neither modern nor legacy mode is enabled`);
    if (kind.name === 'virtio-9p-pci' && (!str(d, 'fsdev') || !str(d, 'mount_tag'))) {
      throw new UsageError(`-device virtio-9p-pci: ${str(d, 'fsdev') ? 'mount_tag' : 'fsdev'} property not set`);
    }
    if (kind.name === 'virtio-blk-pci' && !str(d, 'drive')) throw new UsageError('-device virtio-blk-pci: drive property not set');
    const vectors = num(d, 'vectors');
    plug(ctx, d, virtioPciModel(kind, { disableLegacy: dl, disableModern, ...(vectors !== undefined ? { vectors } : {}) }));
  }, kind.name === 'virtio-balloon-pci');
}

/** Video memory: `vgamem_mb` rounded up to a power of two between 1 and 512 MiB, like QEMU's vga_common_init. */
function vram(name: string, mb: number): RamWindow {
  let m = 1;
  while (m < Math.min(Math.max(mb, 1), 512)) m *= 2;
  const block = new RamBlock(name, m * MiB);
  return new RamWindow(block, 0, block.size);
}

const EDU_DEFAULT_DMA_MASK = 2 ** 28 - 1;

/** edu's BAR0 registers on the function's INTx, MSI and bus-master DMA. */
function createEdu(ctx: PciDeviceContext, d: DeviceInstance): void {
  let fn: PciFunction | undefined;
  const master = () => fn !== undefined && (fn.config.get(PCI_COMMAND, 2) & PCI_COMMAND_MASTER) !== 0;
  const edu = new Edu(ctx.clock, {
    intx: (level) => fn?.setIntx(level),
    msiEnabled: () => fn !== undefined && msiEnabled(fn),
    msiNotify: () => { if (fn) msiNotify(fn, ctx.memory); },
    dmaRead: (address, length) => (master() ? ctx.memory.readBytes(address, length) : undefined),
    dmaWrite: (address, bytes) => { if (master()) ctx.memory.writeBytes(address, bytes); },
  }, num(d, 'dma_mask') ?? EDU_DEFAULT_DMA_MASK);
  fn = ctx.pci.host.plug(eduModel(new MmioWindow(edu, EDU_BAR_SIZE)), placement(d));
  ctx.addState(`edu ${fn.location}`, edu);
}

const romOn = (d: DeviceInstance) => str(d, 'romfile') !== '' && num(d, 'rombar') !== 0;
const VGAMEM = (def: number): Record<string, PropSpec> => ({ vgamem_mb: { kind: 'uint', description: 'video memory in MiB', default: String(def) } });

export const CATALOG_PCI_DRIVERS: readonly PciDeviceDriver[] = [
  simple('piix3-usb-uhci', 'PIIX3 USB UHCI (8086:7020)', () => uhciModel('piix3-usb-uhci', 0x7020, 0x01, 4)),
  simple('piix4-usb-uhci', 'PIIX4 USB UHCI (8086:7112)', () => uhciModel('piix4-usb-uhci', 0x7112, 0x01, 4)),
  ...[1, 2, 3, 4, 5, 6].map((n) => simple(`ich9-usb-uhci${n}`, `ICH9 USB UHCI #${n} (8086:${(0x2933 + n).toString(16)})`,
    () => uhciModel(`ich9-usb-uhci${n}`, 0x2933 + n, 0x03, ((n - 1) % 3) + 1, false))),
  simple('usb-ehci', '82801DB USB EHCI (8086:24cd)', () => ehciModel('usb-ehci', 0x24cd, 0x10)),
  simple('ich9-usb-ehci1', 'ICH9 USB EHCI #1 (8086:293a)', () => ehciModel('ich9-usb-ehci1', 0x293a, 0x03, false)),
  simple('qemu-xhci', 'QEMU xHCI (1b36:000d)', () => xhciModel({ name: 'qemu-xhci', vendor: PCI_VENDOR_ID_REDHAT, device: 0x000d, revision: 1, msi: false, msix: true })),
  simple('nec-usb-xhci', 'NEC uPD720200 xHCI (1033:0194)', () => xhciModel({ name: 'nec-usb-xhci', vendor: 0x1033, device: 0x0194, revision: 3, msi: true, msix: true })),
  simple('intel-hda', 'Intel HD Audio ICH6 (8086:2668)', () => intelHdaModel('intel-hda', 0x2668, 0x01)),
  simple('ich9-intel-hda', 'Intel HD Audio ICH9 (8086:293e)', () => intelHdaModel('ich9-intel-hda', 0x293e, 0x03)),
  simple('AC97', 'Intel 82801AA AC97 audio (8086:2415)', ac97Model, { audiodev: { kind: 'string', description: 'audio backend id' } }),
  simple('ES1370', 'ENSONIQ AudioPCI ES1370 (1274:5000)', es1370Model, { audiodev: { kind: 'string', description: 'audio backend id' } }),
  simple('i6300esb', 'Intel 6300ESB watchdog (8086:25ab)', i6300esbModel),
  simple('pvpanic-pci', 'pvpanic as a PCI device (1b36:0011)', pvpanicPciModel),
  pciDriver('edu', 'QEMU edu test device (1234:11e8): factorial, interrupts (INTx/MSI), DMA', {
    dma_mask: { kind: 'uint', description: 'DMA address mask' },
  }, createEdu),
  simple('pci-testdev', 'PCI test device (1b36:0005)', pciTestdevModel),
  simple('rtl8139', 'Realtek 8139 (10ec:8139)', rtl8139Model, NIC_PROPS),
  simple('ne2k_pci', 'NE2000 PCI (10ec:8029)', ne2kPciModel, NIC_PROPS),
  simple('pcnet', 'AMD PCnet (1022:2000)', pcnetModel, NIC_PROPS),
  pciDriver('vmxnet3', 'VMware vmxnet3 (15ad:07b0)', NIC_PROPS, (ctx, d) => plug(ctx, d, vmxnet3Model(macOf(ctx, d)))),
  simple('ahci', 'ICH9 AHCI (8086:2922)', () => ({ ...ich9AhciModel(), hotpluggable: true })),
  simple('lsi53c895a', 'LSI 53C895A SCSI (1000:0012)', lsi53c895aModel),
  simple('megasas', 'LSI MegaRAID SAS 1078 (1000:0060)', megasasModel),
  simple('piix3-ide', 'PIIX3 IDE (8086:7010)', piix3IdeModel),
  ...VIRTIO_KINDS.map(virtioDriver),
  pciDriver('virtio-vga', 'virtio GPU with VGA (1af4:1050, class VGA)', {
    ...VGAMEM(8), 'disable-legacy': { kind: 'string', description: 'accepted (modern only)', default: 'auto' },
  }, (ctx, d) => plug(ctx, d, virtioVgaModel(vram('virtio-vga.vram', num(d, 'vgamem_mb') ?? 8), romOn(d) ? ROM.vgabios : undefined))),
  pciDriver('bochs-display', 'bochs display (1234:1111, class 0380)', VGAMEM(16),
    (ctx, d) => plug(ctx, d, bochsDisplayModel(vram('bochs-display.vram', num(d, 'vgamem_mb') ?? 16)))),
  pciDriver('cirrus-vga', 'Cirrus CLGD 5446 (1013:00b8)', VGAMEM(4),
    (ctx, d) => plug(ctx, d, cirrusVgaModel(vram('cirrus.vram', 32)))),
  pciDriver('qxl-vga', 'QXL paravirtual display with VGA (1b36:0100)', {
    ram_size_mb: { kind: 'uint', description: 'RAM BAR in MiB', default: '64' },
    vram_size_mb: { kind: 'uint', description: 'VRAM BAR in MiB', default: '64' },
  }, (ctx, d) => plug(ctx, d, qxlVgaModel(vram('qxl.ram', num(d, 'ram_size_mb') ?? 64), vram('qxl.vram', num(d, 'vram_size_mb') ?? 64)))),
  pciDriver('pcie-pci-bridge', 'PCIe-to-PCI bridge (1b36:000e) with SHPC; its secondary bus is conventional PCI', {
    msi: { kind: 'string', description: 'on|off|auto', default: 'auto' },
  }, (ctx, d) => {
    const msi = str(d, 'msi') ?? 'auto';
    if (!['on', 'off', 'auto'].includes(msi)) throw new UsageError(`-device pcie-pci-bridge: msi expects on, off or auto, got '${msi}'`);
    plug(ctx, d, pciePciBridgeModel(msi !== 'off', ctx.memory));
  }),
  simple('x3130-upstream', 'TI X3130 PCIe switch upstream port (104c:8232); plug xio3130-downstream ports into it', x3130UpstreamModel),
  pciDriver('xio3130-downstream', 'TI XIO3130 PCIe switch downstream port (104c:8233), one hot-plug slot', {
    chassis: { kind: 'uint', description: 'chassis number', default: '0' },
    slot: { kind: 'uint', description: 'physical slot number', default: '0' },
    port: { kind: 'uint', description: 'port number', default: '0' },
  }, (ctx, d) => {
    const chassis = num(d, 'chassis') ?? 0;
    const slot = num(d, 'slot') ?? 0;
    const key = `${chassis}/${slot}`;
    if (ctx.pci.usedChassisSlots.has(key)) throw new UsageError(`-device xio3130-downstream: Can't add chassis slot, error -16 (chassis ${chassis} slot ${slot} is taken)`);
    ctx.pci.usedChassisSlots.add(key);
    plug(ctx, d, xio3130DownstreamModel(num(d, 'port') ?? 0, slot));
  }),
  pciDriver('ivshmem-doorbell', 'Inter-VM shared memory with doorbell (1af4:1110), BAR2 = the server\'s memory', {
    chardev: { kind: 'string', description: 'the ivshmem server socket (required)' },
    vectors: { kind: 'uint', description: 'MSI-X vectors', default: '1' },
  }, (ctx, d) => {
    if (!str(d, 'chardev')) throw new UsageError('-device ivshmem-doorbell: You must specify a \'chardev\'');
    // fwlab has no server: the shared memory is what QEMU's ivshmem-server gives by default (4 MiB).
    plug(ctx, d, ivshmemDoorbellModel(vram('ivshmem.shm', 4), num(d, 'vectors') ?? 1));
  }),
];
