import type { PciFunctionSpec } from './pci-function.js';
import type { Platform } from '../wiring/platform.js';
import type { ChipsetContext } from '../wiring/device-context.js';
import type { Mapping } from '../bus/physical-memory.js';
import { MmioWindow } from '../bus/memory-target.js';
import type { PciHost, PciExBar } from './pci-host.js';
import type { PciFunction } from './pci-function.js';
import { touches } from './chipset-pc.js';
import {
  ICH9_LPC_ACPI_CTRL, ICH9_LPC_ACPI_CTRL_ACPI_EN, ICH9_LPC_PIRQA_ROUT, ICH9_LPC_PIRQE_ROUT, ICH9_LPC_PIRQ_ROUT_DEFAULT,
  ICH9_LPC_PMBASE, ICH9_LPC_PMBASE_BASE_ADDRESS_MASK, ICH9_LPC_PMBASE_RTE, ICH9_LPC_RCBA, ICH9_LPC_RCBA_BA_MASK,
  ICH9_LPC_RCBA_EN, ICH9_SMB_HOSTC, MCH_HOST_BRIDGE_ESMRAMC, MCH_HOST_BRIDGE_PAM0, MCH_HOST_BRIDGE_PCIEXBAR,
  MCH_HOST_BRIDGE_PCIEXBAREN, MCH_HOST_BRIDGE_SMRAM, PCI_CAP_ID_SATA, PCI_CLASS_BRIDGE_HOST,
  PCI_CLASS_BRIDGE_ISA, PCI_CLASS_SERIAL_SMBUS, PCI_CLASS_STORAGE_SATA, PCI_COMMAND, PCI_COMMAND_MASTER, PCI_VENDOR_ID_INTEL,
} from '../../spec/pci.js';
import { AHCI_ABAR_SIZE } from '../../spec/ahci.js';
import type { AhciHba } from '../devices/ahci/ahci-hba.js';
import { Q35_PCIEXBAR_DEFAULT, Q35_RCBA_SIZE } from '../boards/layout.js';
import { MiB } from '../../lib/size.js';
import { addMsi } from './capabilities.js';
import { IntxLines } from './intx.js';
import { Ich9Router } from './pirq.js';
import { ich9LegacyDecode } from './legacy-decode.js';

/** PCIEXBAR: base bits 35:26 (by length), length bits 2:1, enable bit 0 (3 Series MCH datasheet §5.1.16). */
const PCIEXBAR_WMASK = 0xf_fc00_0007;
const PCIEXBAR_SIZES = [256 * MiB, 128 * MiB, 64 * MiB];
const MCH_SMRAM_DEFAULT = 0x02;
const MCH_ESMRAMC_DEFAULT = 0x38;
const ICH9_ACPI_CTRL_WMASK = ICH9_LPC_ACPI_CTRL_ACPI_EN | 0x07;
const ICH9_PIRQ_ROUT_WMASK = 0x8f;
const PAM_COUNT = 7;
/** Graphics control (0x50/0x52): QEMU 7.2 resets it to 0x0010 (captured). */
const MCH_GGC = 0x50;
const MCH_GGC_DEFAULT = 0x0010;
/**
 * ICH9's SATA function in AHCI mode (also `-device ahci`, which may be hot-plugged): with an HBA,
 * BAR5 (ABAR) and BAR4 (index/data pair) decode to its registers; without one they read 0.
 */
export function ich9AhciModel(hba?: AhciHba): PciFunctionSpec {
  return {
    name: 'ich9-ahci', vendor: PCI_VENDOR_ID_INTEL, device: 0x2922, revision: 0x02, classCode: PCI_CLASS_STORAGE_SATA,
    progIf: 0x01, interruptPin: 1, hotpluggable: false,
    bars: [
      { index: 4, kind: 'io', size: 32, ...(hba ? { io: hba.idp } : {}) },
      { index: 5, kind: 'mem', size: AHCI_ABAR_SIZE, ...(hba ? { memory: new MmioWindow(hba.abar, AHCI_ABAR_SIZE) } : {}) },
    ],
    setup: (cfg, fn) => {
      const sata = cfg.addCapability(PCI_CAP_ID_SATA, 8, 0xa8);
      cfg.set(sata + 2, 2, 0x0010);
      cfg.set(sata + 4, 4, 0x0048);
      addMsi(cfg, 0x80, false);
      cfg.set(ICH9_AHCI_MAP, 1, 0x40);
      hba?.connect({
        busMaster: () => (fn.config.get(PCI_COMMAND, 2) & PCI_COMMAND_MASTER) !== 0,
        intx: (level) => fn.setIntx(level),
      });
    },
  };
}

/** AHCI "MAP" register (0x90): AHCI mode (captured). */
const ICH9_AHCI_MAP = 0x90;

/** Decode the 64-bit PCIEXBAR register. Length 3 is reserved: treated as disabled. */
export function decodePciexbar(value: number): PciExBar {
  const length = Math.floor(value / 2) & 3;
  const size = PCIEXBAR_SIZES[length];
  if (size === undefined) return { enabled: false, base: 0, size: 0 };
  const base = Math.floor((value % 2 ** 36) / size) * size;
  return { enabled: (value & MCH_HOST_BRIDGE_PCIEXBAREN) !== 0, base, size };
}

/** The MCH/ICH9 functions of QEMU's `q35` machine, at their fixed addresses. */
export function attachQ35Chipset(p: Platform, chipset: ChipsetContext, host: PciHost): void {
  const mchUpdate = (fn: PciFunction) => {
    const c = fn.config;
    host.setEcam(decodePciexbar(c.get(MCH_HOST_BRIDGE_PCIEXBAR, 4) + c.get(MCH_HOST_BRIDGE_PCIEXBAR + 4, 4) * 2 ** 32));
  };
  const pamUpdate = (fn: PciFunction) => {
    for (let n = 0; n < PAM_COUNT; n++) chipset.pam.writeRegister(n, fn.config.get(MCH_HOST_BRIDGE_PAM0 + n, 1));
  };
  const mch = host.plug({
    name: 'mch', vendor: PCI_VENDOR_ID_INTEL, device: 0x29c0, classCode: PCI_CLASS_BRIDGE_HOST, hotpluggable: false,
    // QEMU's mch_reset leaves the PAM registers: the shadow RAM survives a reboot or an S3 wake-up.
    keptOnReset: [[MCH_HOST_BRIDGE_PAM0, PAM_COUNT]],
    setup: (cfg) => {
      cfg.set(MCH_HOST_BRIDGE_PCIEXBAR, 8, Q35_PCIEXBAR_DEFAULT);
      cfg.setMask(MCH_HOST_BRIDGE_PCIEXBAR, 8, PCIEXBAR_WMASK);
      cfg.set(MCH_HOST_BRIDGE_SMRAM, 1, MCH_SMRAM_DEFAULT);
      cfg.set(MCH_HOST_BRIDGE_ESMRAMC, 1, MCH_ESMRAMC_DEFAULT);
      cfg.set(MCH_GGC, 2, MCH_GGC_DEFAULT);
    },
    afterWrite: (fn, offset, length) => {
      if (touches(offset, length, MCH_HOST_BRIDGE_PCIEXBAR, 8)) mchUpdate(fn);
      if (touches(offset, length, MCH_HOST_BRIDGE_PAM0, PAM_COUNT)) pamUpdate(fn);
    },
    afterReset: (fn) => {
      mchUpdate(fn);
      pamUpdate(fn);
    },
    afterLoad: (fn) => {
      mchUpdate(fn);
      pamUpdate(fn);
    },
  }, { addr: { slot: 0, fn: 0 } });
  p.onPowerCycle(() => mch.powerOff());

  let rcrb: Mapping | undefined;
  const lpcUpdate = (fn: PciFunction) => {
    const c = fn.config;
    const base = c.get(ICH9_LPC_ACPI_CTRL, 1) & ICH9_LPC_ACPI_CTRL_ACPI_EN ? c.get(ICH9_LPC_PMBASE, 4) & ICH9_LPC_PMBASE_BASE_ADDRESS_MASK : 0;
    chipset.setPmBase(base !== 0 ? base : undefined);
    if (rcrb) p.memory.unmap(rcrb);
    rcrb = undefined;
    const rcba = c.get(ICH9_LPC_RCBA, 4);
    if (rcba & ICH9_LPC_RCBA_EN) {
      rcrb = p.memory.map('ich9-rcrb', (rcba & ICH9_LPC_RCBA_BA_MASK) >>> 0,
        new MmioWindow({ read: () => 0, write: () => {} }, Q35_RCBA_SIZE), { priority: 1, mayOverlap: true });
    }
  };
  const pirq = new Ich9Router(chipset.pciIrq);
  host.root.intx = new IntxLines(pirq);
  host.plug({
    name: 'ICH9-LPC', vendor: PCI_VENDOR_ID_INTEL, device: 0x2918, revision: 0x02, classCode: PCI_CLASS_BRIDGE_ISA,
    hotpluggable: false,
    setup: (cfg, fn) => {
      cfg.set(ICH9_LPC_PMBASE, 4, ICH9_LPC_PMBASE_RTE);
      cfg.setMask(ICH9_LPC_PMBASE, 4, ICH9_LPC_PMBASE_BASE_ADDRESS_MASK);
      cfg.setMask(ICH9_LPC_ACPI_CTRL, 1, ICH9_ACPI_CTRL_WMASK);
      for (const base of [ICH9_LPC_PIRQA_ROUT, ICH9_LPC_PIRQE_ROUT]) {
        cfg.set(base, 4, ICH9_LPC_PIRQ_ROUT_DEFAULT * 0x01010101);
        cfg.setMask(base, 4, ICH9_PIRQ_ROUT_WMASK * 0x01010101);
      }
      cfg.setMask(ICH9_LPC_RCBA, 4, (ICH9_LPC_RCBA_BA_MASK | ICH9_LPC_RCBA_EN) >>> 0);
      ich9LegacyDecode(cfg, p.ports);
      pirq.connect(fn);
    },
    afterWrite: (fn, offset, length) => {
      if (touches(offset, length, ICH9_LPC_PMBASE, 8) || touches(offset, length, ICH9_LPC_RCBA, 4)) lpcUpdate(fn);
    },
    afterReset: (fn) => {
      lpcUpdate(fn);
      pirq.reset();
    },
    afterLoad: lpcUpdate,
  }, { addr: { slot: 0x1f, fn: 0 }, multifunction: true });

  host.plug(ich9AhciModel(chipset.sata), { addr: { slot: 0x1f, fn: 2 }, multifunction: true });

  host.plug({
    name: 'ICH9-SMB', vendor: PCI_VENDOR_ID_INTEL, device: 0x2930, revision: 0x02, classCode: PCI_CLASS_SERIAL_SMBUS,
    interruptPin: 1, hotpluggable: false,
    bars: [{ index: 4, kind: 'io', size: 64 }],
    setup: (cfg) => cfg.setMask(ICH9_SMB_HOSTC, 1, 0x1f),
  }, { addr: { slot: 0x1f, fn: 3 }, multifunction: true });
}
