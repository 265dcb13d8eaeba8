import { RamBlock } from '../bus/ram-block.js';
import { CpuCore } from '../cpu/cpu-core.js';
import { createFwCfg } from '../fw-cfg/fw-cfg-subsystem.js';
import type { FwCfgDevice } from '../fw-cfg/fw-cfg-device.js';
import { AcpiFiles } from '../fw-cfg/acpi-files.js';
import { buildAcpi } from '../acpi/build-acpi.js';
import type { AcpiSources } from '../acpi/build-acpi.js';
import { createPciSubsystem } from '../pci/pci-subsystem.js';
import type { PciSubsystem } from '../pci/pci-subsystem.js';
import { NvdimmDsm } from '../nvdimm/nvdimm-dsm.js';
import { NVDIMM_ACPI_IO_BASE, NVDIMM_ACPI_IO_LEN } from '../boards/layout.js';
import type { DeviceDriver, DeviceInstance } from '../options/device-driver.js';
import type { MachineConfig } from '../options/machine-config.js';
import { UsageError } from '../../lib/errors.js';
import { addRomWithoutBar } from '../fw-cfg/option-roms.js';
import { PCI_CLASS_DISPLAY_VGA } from '../../spec/pci.js';
import { CMOS_SMP_CPUS_MINUS_1 } from '../../spec/cmos.js';
import { FW_CFG_NB_CPUS } from '../../spec/fw-cfg.js';
import { Platform } from './platform.js';
import { BoardDevices } from './board-devices.js';
import { PcPlatformDevices } from './pc-platform-devices.js';
import { createIdeDisks } from './ide-disks.js';
import { createFloppy, createIsaDma } from './floppy.js';
import { createCpus } from './cpus.js';
import type { CpuHotplug } from '../devices/cpu-hotplug.js';
import type { AcpiEventHooks, AttachedDevices, DeviceContext } from './device-context.js';
import { MemoryBackendsState } from '../snapshot/memory-backends-state.js';
import { X86RunState } from '../x86-run-state.js';

/**
 * The one owner that builds a machine's parts, in order, and wires them (like
 * cloud-hypervisor's DeviceManager):
 *
 *   1. the platform: config, board, address spaces, clock, interrupt lines
 *   2. the board's fixed devices (RAM, ROM/PAM, RTC, debugcon, reset, ACPI PM, COM1), then the
 *      interrupt controllers and timers (8259, 8254, i8042, I/O APIC, HPET, local APIC)
 *   3. the CPU core on the platform's buses and clock; the possible CPUs (-smp) and their hot-plug block
 *   4. PCI: host bridge, chipset functions, hot-plug controller, QEMU's default devices
 *   5. fw_cfg and the x86 items
 *   6. the NVDIMM DSM port (`-machine nvdimm=on`)
 *   7. the `-device` instances, in command-line order, each through its driver with a
 *      narrow DeviceContext (a PciDeviceContext for PCI drivers)
 *   8. machine-init-done: the ACPI carriers in fw_cfg (first build sizes them)
 *
 * The order is QEMU's and fixes port registration and reset order. Parts get the Platform
 * or a narrower view; none gets the Machine.
 */
export class DeviceManager {
  readonly platform: Platform;
  readonly board: BoardDevices;
  readonly platformDevices: PcPlatformDevices;
  readonly cpu: CpuCore;
  /** The x86 run holding the CPU, for a snapshot (decision 0048). */
  readonly x86Run: X86RunState;
  readonly cpuHotplug: CpuHotplug;
  readonly pci: PciSubsystem;
  readonly fwCfg: FwCfgDevice;
  readonly nvdimmDsm: NvdimmDsm | undefined;
  readonly attached: AttachedDevices = { vmgenid: undefined, vmgenidPci: undefined, nvdimms: [] };
  readonly acpiFiles: AcpiFiles;
  readonly #backends = new Map<string, RamBlock>();
  readonly #acpi: AcpiEventHooks;

  constructor(config: MachineConfig, readonly drivers: ReadonlyMap<string, DeviceDriver>) {
    const p = this.platform = new Platform(config);
    p.addState('clock', p.clock);
    const board = this.board = new BoardDevices(p);
    this.platformDevices = new PcPlatformDevices(p, board);
    const { sata, busMaster: ideBusMaster } = createIdeDisks(p, this.platformDevices);
    createFloppy(p, this.platformDevices, createIsaDma(p));
    this.cpu = new CpuCore(p.ports, p.memory, p.clock, p.irq);
    p.addState('cpu', this.cpu);
    this.x86Run = new X86RunState(() => {
      const slots = this.cpuHotplug.slots();
      return { present: this.cpuHotplug.presentCount, plugged: slots.filter((c) => c.hotplugged).length };
    });
    p.addState('x86', this.x86Run);
    this.#acpi = { raiseGpe: (bit) => board.acpiPm.raiseGpe(bit) };
    this.cpuHotplug = createCpus(p, this.#acpi);
    this.pci = createPciSubsystem(p, {
      acpi: this.#acpi,
      chipset: {
        pam: board.pam, setPmBase: (base) => board.setPmBase(base), sata, ideBusMaster,
        pciIrq: (gsi, level) => this.platformDevices.pciIrq(gsi, level),
      },
      pmBase: () => board.pmBase,
      drivers,
      createDevice: (d, pci) => this.createDevice(d, pci),
    });
    this.fwCfg = createFwCfg(p);
    // QEMU's pc_cpu_plug / pc_cpu_unplug_cb: CMOS 5Fh and fw_cfg NB_CPUS follow the present CPUs (a reboot's firmware counts them).
    const presentCpus = (n: number): void => {
      board.cmos.nvram[CMOS_SMP_CPUS_MINUS_1] = n > 255 ? 0 : n - 1;
      this.fwCfg.setItem(FW_CFG_NB_CPUS, Uint8Array.of(n & 0xff, n >> 8));
    };
    this.cpuHotplug.onPresentChange = presentCpus;
    p.onPowerCycle(() => presentCpus(this.cpuHotplug.presentCount));
    this.pci.host.romWithoutBar = (spec, file) => {
      if (p.isBuilt) throw new UsageError('Hot-plugged device without ROM bar can\'t have an option ROM');
      addRomWithoutBar(this.fwCfg, file, spec.classCode === PCI_CLASS_DISPLAY_VGA, config.dataDirs);
    };
    if (config.machineProps.get('nvdimm') === true) {
      this.nvdimmDsm = new NvdimmDsm(p.memory, this.attached.nvdimms);
      p.ports.register('nvdimm-acpi', NVDIMM_ACPI_IO_BASE, NVDIMM_ACPI_IO_LEN, this.nvdimmDsm);
    }
    p.addState('memory-backends', new MemoryBackendsState(() => this.#backends, (id) => this.memoryBackend(id)));
    for (const d of config.devices) this.createDevice(d);
    const sources = this.acpiSources();
    this.acpiFiles = new AcpiFiles(this.fwCfg, () => buildAcpi(sources), (h) => p.onReset(h));
    p.addState('acpi-build', this.acpiFiles);
    p.onPowerCycle(() => {
      for (const ram of this.#backends.values()) ram.clear();
    });
    p.markBuilt();
  }

  /** Create one `-device` instance through its driver (at start-up, or device_add). */
  createDevice(device: DeviceInstance, pci: PciSubsystem = this.pci): void {
    const driver = this.drivers.get(device.driver);
    if (!driver) throw new Error(`no driver ${device.driver}`);
    if (driver.bus === 'pci') driver.create({ ...this.deviceContext(), pci }, device);
    else driver.create(this.deviceContext(), device);
  }

  private deviceContext(): DeviceContext {
    const p = this.platform;
    return {
      config: p.config,
      ramLayout: p.ramLayout,
      memory: p.memory,
      ports: p.ports,
      clock: p.clock,
      irqLine: (gsi) => ({ set: (asserted) => p.irq.set(gsi, asserted) }),
      fwCfg: this.fwCfg,
      acpi: this.#acpi,
      attached: this.attached,
      memoryBackend: (id) => this.memoryBackend(id),
      onReset: (h) => p.onReset(h),
      addDevice: (info) => p.addDevice(info),
      addReportSection: (name, collect) => p.addReportSection(name, collect),
      addState: (name, part) => p.addState(name, part),
    };
  }

  /** One RAM block per memory backend, shared by every device using it. */
  private memoryBackend(id: string): RamBlock {
    let ram = this.#backends.get(id);
    if (!ram) {
      const backend = this.platform.config.memoryBackends.find((b) => b.id === id);
      if (!backend) throw new UsageError(`memdev '${id}' is not a memory backend`);
      ram = new RamBlock(`memdev ${id}`, backend.size);
      this.#backends.set(id, ram);
    }
    return ram;
  }

  /** What the ACPI build reads, as live views of the parts. */
  private acpiSources(): AcpiSources {
    const { platform: p, board, attached, pci } = this;
    return {
      config: p.config,
      board: p.board,
      ramLayout: p.ramLayout,
      get pmBase() { return board.pmBase; },
      serialPorts: board.serialPorts,
      get vmgenid() { return attached.vmgenid; },
      get vmgenidPci() { return attached.vmgenidPci; },
      nvdimms: attached.nvdimms,
      cpus: this.cpuHotplug,
      pci,
    };
  }
}
