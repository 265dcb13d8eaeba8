import { lpt1Backend, type MachineConfig } from '../options/machine-config.js';
import { floppyConfig } from '../disks/floppy-drives.js';
import type { FloppyConfig } from '../disks/floppy-drives.js';
import type { BoardSpec } from '../boards/board.js';
import type { RamLayout } from '../boards/ram-layout.js';
import type { PciSubsystem } from '../pci/pci-subsystem.js';
import type { Vmgenid } from '../vmgenid/vmgenid.js';
import type { VmgenidPci } from '../vmgenid/vmgenid-pci.js';
import type { Nvdimm } from '../nvdimm/nvdimm.js';
import type { CpuHotplug } from '../devices/cpu-hotplug.js';
import type { AcpiPciSource } from './acpi-pci-source.js';
import { acpiPciSourceFromPci } from './acpi-pci-from-pci.js';
import { UsageError } from '../../lib/errors.js';
import {
  PC_CPU_HOTPLUG_BASE, PC_GPE0_BASE, PC_GPE0_LEN, PC_PCI_HOTPLUG_BASE, PC_PCI_HOTPLUG_LEN, Q35_CPU_HOTPLUG_BASE,
  Q35_PCI_HOTPLUG_BASE, Q35_PCI_HOTPLUG_LEN,
} from '../boards/layout.js';
import { ICH9_GPE0_LEN, ICH9_GPE0_OFFSET } from '../../spec/acpi-pm.js';
import { buildAcpiTables } from './build-tables.js';
import { reusingBuild } from './build-reuse.js';
import type { AcpiBuildInput } from './build-tables.js';
import type { DsdtInput, IsaUserDevice } from './dsdt-input.js';
import { QEMU_OEM } from './table-writer.js';
import { fwCfgDmaOf, sleepStatesOf } from '../fw-cfg/x86-items.js';
import type { ViotInput } from './viot.js';
import { PCI_SECONDARY_BUS, PCI_SUBORDINATE_BUS } from '../../spec/pci.js';

export interface AcpiFilesResult {
  readonly tables: Uint8Array;
  readonly rsdp: Uint8Array;
  readonly tableLoader: Uint8Array;
  readonly extraFiles?: Map<string, Uint8Array>;
}

/** What the ACPI build reads from the machine (live state at build time); a Machine is one. */
export interface AcpiSources {
  readonly config: MachineConfig;
  readonly board: BoardSpec;
  readonly ramLayout: RamLayout;
  readonly pmBase: number | undefined;
  readonly serialPorts: readonly { readonly index: number }[];
  readonly vmgenid: Vmgenid | undefined;
  readonly vmgenidPci: VmgenidPci | undefined;
  readonly nvdimms: readonly Nvdimm[];
  /** The possible CPUs and which are present now (hot-plug changes it; QEMU rebuilds on select). */
  readonly cpus: Pick<CpuHotplug, 'slots'>;
  readonly pci: PciSubsystem;
}

/** The ACPI view of the machine's PCI subsystem. */
export function acpiPciSourceOf(machine: AcpiSources): AcpiPciSource {
  return acpiPciSourceFromPci(machine.pci, machine.board.name, machine.ramLayout);
}

/** Read everything the x86 ACPI build depends on from the machine as it is now (`pci` overrides the PCI view). */
export function acpiInputOf(machine: AcpiSources, pci: AcpiPciSource = acpiPciSourceOf(machine)): AcpiBuildInput {
  const board = machine.board.name;
  const props = machine.config.machineProps;
  const pmBase = machine.pmBase ?? 0;
  const q35 = board === 'q35';
  const layout = machine.ramLayout;
  // QEMU 7.2 pc/q35 enable one NUMA node automatically when memory hot-plug is configured.
  const memhp = layout.deviceMemory !== undefined && machine.config.slots > 0;
  const numaCfg = machine.config.numa;
  const numa = memhp || numaCfg !== undefined;
  const nvdimmOn = props.get('nvdimm') === true;
  const dimms = machine.nvdimms.map((d) => ({ slot: d.slot, base: d.base, size: d.size, node: d.node, unarmed: d.unarmed }))
    .sort((a, b) => a.slot - b.slot);
  const cpus = machine.cpus.slots();
  const fd = floppyConfig(machine.config);
  const dsdt: DsdtInput = {
    board,
    cpus: cpus.length,
    cpuApicIds: cpus.map((c) => c.slot.apicId),
    cpuNodes: cpus.map((_, i) => numaCfg?.cpuNodes[i] ?? 0),
    hpet: props.get('hpet') !== false,
    com1: machine.serialPorts.some((s) => s.index === 0),
    serialPorts: machine.serialPorts.map((s) => s.index),
    floppy: fd.boardController,
    floppyDrives: fd.units.map((u) => u.type),
    lpt1: lpt1Backend(machine.config) !== undefined,
    isaUserDevices: isaUserDevicesOf(machine.config, fd),
    tpmTis: machine.config.devices.some((x) => x.driver === 'tpm-tis'),
    rootBus: pci.rootBus(),
    expanders: pci.expanders(),
    pciHole32: pci.pciHole32(),
    pciHole64: pci.pciHole64(),
    mmcfg: q35 ? pci.mmcfg() : undefined,
    gpe0Base: q35 ? pmBase + ICH9_GPE0_OFFSET : PC_GPE0_BASE,
    gpe0Length: q35 ? ICH9_GPE0_LEN : PC_GPE0_LEN,
    pciHotplugBase: q35 ? Q35_PCI_HOTPLUG_BASE : PC_PCI_HOTPLUG_BASE,
    pciHotplugLength: q35 ? Q35_PCI_HOTPLUG_LEN : PC_PCI_HOTPLUG_LEN,
    cpuHotplugBase: q35 ? Q35_CPU_HOTPLUG_BASE : PC_CPU_HOTPLUG_BASE,
    memorySlots: memhp ? machine.config.slots : 0,
    numa,
    nvdimm: nvdimmOn,
    ...sleepStatesOf(machine.config),
    fwCfgDma: fwCfgDmaOf(machine.config),
  };
  const oemId = props.get('x-oem-id');
  const oemTableId = props.get('x-oem-table-id');
  if (typeof oemId === 'string' && oemId.length > 6) throw new UsageError('User specified x-oem-id value is bigger than 6 bytes in size');
  if (typeof oemTableId === 'string' && oemTableId.length > 8) {
    throw new UsageError('User specified x-oem-table-id value is bigger than 8 bytes in size');
  }
  return {
    dsdt,
    pmBase,
    madtCpus: cpus.map((c) => ({ apicId: c.slot.apicId, enabled: c.present })),
    smm: props.get('smm') !== 'off',
    acpiEnable: machine.board.acpiEnable,
    acpiDisable: machine.board.acpiDisable,
    vmgenid: machine.vmgenid !== undefined,
    vmgenidPci: machine.vmgenidPci?.acpiInfo(),
    srat: numa ? {
      cpus: cpus.map((c, i) => ({ apicId: c.slot.apicId, node: numaCfg?.cpuNodes[i] ?? 0 })),
      nodeMemory: numaCfg?.nodeMemory ?? [machine.config.ramSize], below4g: layout.below4g,
      above4gStart: layout.above4gStart, nvdimms: nvdimmOn ? dimms : [], deviceMemory: layout.deviceMemory,
    } : undefined,
    slit: numaCfg?.distances,
    nvdimm: nvdimmOn ? { ramSlots: machine.config.slots, dimms } : undefined,
    viot: viotOf(machine.pci, q35 && props.get('default_bus_bypass_iommu') === true),
    oem: {
      oemId: typeof oemId === 'string' ? oemId.slice(0, 6) : QEMU_OEM.oemId,
      oemTableId: typeof oemTableId === 'string' ? oemTableId.slice(0, 8) : QEMU_OEM.oemTableId,
    },
  };
}

/**
 * QEMU's acpi_build for fwlab: the etc/acpi/tables blob (padded to 128 KiB), the 20-byte RSDP
 * and etc/table-loader (padded to 4 KiB), rebuilt from live state whenever fw_cfg asks.
 */
export function buildAcpi(machine: AcpiSources, pci?: AcpiPciSource): AcpiFilesResult {
  return filesOf(acpiInputOf(machine, pci));
}

/**
 * The build of an input equal to one of the last few is reused (decision 0057): a re-boot, and
 * a machine built again with the same options, ask for the same bytes twice per boot (sizes at
 * construction, live state at the firmware's first select). The result is shared: read only.
 */
const filesOf = reusingBuild((input: AcpiBuildInput): AcpiFilesResult => {
  const r = buildAcpiTables(input);
  return r.extraFiles.size > 0
    ? { tables: r.tables, rsdp: r.rsdp, tableLoader: r.tableLoader, extraFiles: r.extraFiles }
    : { tables: r.tables, rsdp: r.rsdp, tableLoader: r.tableLoader };
}, 4);

/** The ISA `-device`s with AML under the ISA bridge, in command-line order. */
function isaUserDevicesOf(config: MachineConfig, fd: FloppyConfig): IsaUserDevice[] {
  const out: IsaUserDevice[] = [];
  // The drives sit on the board's controller, else on the first -device isa-fdc.
  let drivesPlaced = fd.boardController;
  for (const d of config.devices) {
    if (d.driver === 'pvpanic') out.push({ kind: 'pvpanic', port: Number(d.props.get('ioport')) });
    else if (d.driver === 'tpm-tis') out.push({ kind: 'tpm-tis' });
    else if (d.driver === 'isa-fdc') {
      out.push({ kind: 'isa-fdc', drives: drivesPlaced ? ['none', 'none'] : fd.units.map((u) => u.type) });
      drivesPlaced = true;
    }
  }
  return out;
}

/**
 * The VIOT input when a virtio-iommu-pci exists (QEMU 7.2 build_viot): its BDF and, per host
 * bridge whose bus does not bypass the IOMMU (bus 0: `-machine default_bus_bypass_iommu=on`, which
 * QEMU 7.2 passes to the q35 host only, not to i440FX; an expander: its `bypass_iommu`), pci_bus_range of its root bus: from the bus's own number, widened
 * by the secondary and subordinate numbers of the bridges directly on it; sorted by the lowest bus.
 */
function viotOf(pci: PciSubsystem, bus0Bypasses: boolean): ViotInput | undefined {
  const iommu = pci.host.functions().find((f) => f.name === 'virtio-iommu-pci');
  if (!iommu) return undefined;
  const roots = [
    ...(bus0Bypasses ? [] : [pci.host.root]),
    ...pci.host.expanders.filter((b) => !b.expander?.bypassIommu),
  ];
  const busRanges = roots.map((bus) => {
    let min = bus.number;
    let max = bus.number;
    for (const f of bus.functions()) {
      if (!f.isBridge) continue;
      min = Math.min(min, f.config.get(PCI_SECONDARY_BUS, 1));
      max = Math.max(max, f.config.get(PCI_SUBORDINATE_BUS, 1));
    }
    return { min, max };
  }).sort((a, b) => a.min - b.min);
  return { iommuBdf: (iommu.busNumber << 8) | iommu.devfn, busRanges };
}
