import type { PciFunctionSpec } from './pci-function.js';
import type { Platform } from '../wiring/platform.js';
import type { ChipsetContext } from '../wiring/device-context.js';
import type { PortRange } from '../bus/port-bus.js';
import type { PciHost } from './pci-host.js';
import type { PciFunction } from './pci-function.js';
import {
  I440FX_PAM, I440FX_PAM_SIZE, I440FX_SMRAM, PCI_CLASS_BRIDGE_HOST, PCI_CLASS_BRIDGE_ISA, PCI_CLASS_BRIDGE_OTHER,
  PCI_CLASS_STORAGE_IDE, PCI_VENDOR_ID_INTEL, PIIX4_DEVACTB, PIIX4_DEVACTB_APMC_EN, PIIX4_PMBA, PIIX4_PMREGMISC, PIIX4_SMBHSTBASE, PIIX4_SMBHSTCFG,
  PIIX_PIRQCA, PCI_STATUS_DEVSEL_MEDIUM, PCI_STATUS_FAST_BACK, PCI_COMMAND, PCI_COMMAND_MASTER,
} from '../../spec/pci.js';
import type { PiixBusMaster } from '../devices/ide-bmdma.js';
import { IntxLines } from './intx.js';
import { Piix3Router } from './pirq.js';
import { piix4LegacyDecode } from './legacy-decode.js';

/** Does a write of `length` bytes at `offset` touch [start, start+count)? */
export function touches(offset: number, length: number, start: number, count: number): boolean {
  return offset < start + count && start < offset + length;
}

const I440FX_SMRAM_DEFAULT = 0x02;
/** DRAM control (0x57) as QEMU 7.2 resets it (captured). */
/** QEMU's i440FX keeps the RAM size in 8 MiB units (at most 255) here, for coreboot. */
const I440FX_COREBOOT_RAM_SIZE = 0x57;
const I440FX_RAM_SIZE_UNIT = 8 * 1024 * 1024;
/** PIIX3 power-on values (PIIX3 datasheet §2.2; QEMU piix3_reset, captured). */
const PIIX3_RESET_VALUES: ReadonlyArray<[number, number]> = [
  [0x4c, 0x4d], [0x4e, 0x03], [0x69, 0x02], [0x70, 0x80], [0x76, 0x0c], [0x77, 0x0c], [0x78, 0x02], [0xa0, 0x08], [0xa8, 0x0f],
];
/** PIIX4 PM power-on values QEMU 7.2 shows (captured): DEVRESD's high byte (5Fh, 67h: legacy-decode.ts). */
const PIIX4_PM_RESET_VALUES: ReadonlyArray<[number, number]> = [[0x63, 0x60]];
const PIIX4_SMBUS_DEFAULT_BASE = 0xb100;
const PIRQ_DISABLED = 0x80;
/** PIIX4's SMBus host I/O block (QEMU's pm_smbus region). */
const PIIX4_SMBUS_IO_LEN = 64;
const PIIX4_IO_BASE_MASK = 0xffc0;

/**
 * PIIX3's IDE function (also `-device piix3-ide`): legacy ports, bus-master I/O in BAR4; the board's
 * function decodes BAR4 to its channels' bus masters, which master the bus while command bit 2 is set.
 */
export function piix3IdeModel(bm?: PiixBusMaster): PciFunctionSpec {
  return {
    name: 'piix3-ide', vendor: PCI_VENDOR_ID_INTEL, device: 0x7010, classCode: PCI_CLASS_STORAGE_IDE, progIf: 0x80,
    hotpluggable: false, status: PCI_STATUS_DEVSEL_MEDIUM | PCI_STATUS_FAST_BACK,
    bars: [{ index: 4, kind: 'io', size: 16, ...(bm ? { io: bm.bar } : {}) }],
    setup: (_cfg, fn) => bm?.connect(() => (fn.config.get(PCI_COMMAND, 2) & PCI_COMMAND_MASTER) !== 0),
  };
}

/** The i440FX/PIIX3/PIIX4 functions of QEMU's `pc` machine, at their fixed addresses. */
export function attachPcChipset(p: Platform, chipset: ChipsetContext, host: PciHost): void {
  const pamUpdate = (fn: PciFunction) => {
    for (let n = 0; n < I440FX_PAM_SIZE; n++) chipset.pam.writeRegister(n, fn.config.get(I440FX_PAM + n, 1));
  };
  const i440fx = host.plug({
    name: 'i440FX', vendor: PCI_VENDOR_ID_INTEL, device: 0x1237, revision: 0x02, classCode: PCI_CLASS_BRIDGE_HOST,
    hotpluggable: false,
    // QEMU's i440FX has no reset of its own: the shadow RAM SeaBIOS left survives a reboot or an S3 wake-up.
    keptOnReset: [[I440FX_PAM, I440FX_PAM_SIZE]],
    setup: (cfg) => {
      cfg.set(I440FX_SMRAM, 1, I440FX_SMRAM_DEFAULT);
      cfg.set(I440FX_COREBOOT_RAM_SIZE, 1, Math.min(255, Math.floor(p.config.ramSize / I440FX_RAM_SIZE_UNIT)));
    },
    afterWrite: (fn, offset, length) => {
      if (touches(offset, length, I440FX_PAM, I440FX_PAM_SIZE)) pamUpdate(fn);
    },
    afterReset: pamUpdate,
    afterLoad: pamUpdate,
  }, { addr: { slot: 0, fn: 0 } });
  p.onPowerCycle(() => i440fx.powerOff());
  const pirq = new Piix3Router(chipset.pciIrq);
  host.root.intx = new IntxLines(pirq);
  host.plug({
    name: 'PIIX3', vendor: PCI_VENDOR_ID_INTEL, device: 0x7000, classCode: PCI_CLASS_BRIDGE_ISA, hotpluggable: false,
    status: PCI_STATUS_DEVSEL_MEDIUM,
    setup: (cfg, fn) => {
      cfg.set(PIIX_PIRQCA, 4, PIRQ_DISABLED * 0x01010101);
      for (const [reg, value] of PIIX3_RESET_VALUES) cfg.set(reg, 1, value);
      pirq.connect(fn);
    },
    afterWrite: (_fn, offset, length) => {
      if (touches(offset, length, PIIX_PIRQCA, 4)) pirq.update();
    },
    afterReset: () => pirq.update(),
    afterLoad: () => pirq.update(),
  }, { addr: { slot: 1, fn: 0 }, multifunction: true });
  host.plug(piix3IdeModel(chipset.ideBusMaster), { addr: { slot: 1, fn: 1 } });

  let smbus: PortRange | undefined;
  const updatePm = (fn: PciFunction) => {
    const c = fn.config;
    chipset.setPmBase(c.get(PIIX4_PMREGMISC, 1) & 1 ? c.get(PIIX4_PMBA, 4) & PIIX4_IO_BASE_MASK : undefined);
    if (smbus) p.ports.unregister(smbus);
    smbus = undefined;
    if (c.get(PIIX4_SMBHSTCFG, 1) & 1) {
      const base = c.get(PIIX4_SMBHSTBASE, 4) & PIIX4_IO_BASE_MASK;
      smbus = p.ports.register('piix4-smbus', base, PIIX4_SMBUS_IO_LEN, { read: () => 0, write: () => {} }, true);
    }
  };
  host.plug({
    name: 'PIIX4_PM', vendor: PCI_VENDOR_ID_INTEL, device: 0x7113, revision: 0x03, classCode: PCI_CLASS_BRIDGE_OTHER,
    interruptPin: 1, hotpluggable: false, status: PCI_STATUS_DEVSEL_MEDIUM | PCI_STATUS_FAST_BACK,
    setup: (cfg) => {
      cfg.set(PIIX4_PMBA, 1, 0x01);
      for (const [reg, value] of PIIX4_PM_RESET_VALUES) cfg.set(reg, 1, value);
      piix4LegacyDecode(cfg, p.ports);
      // QEMU's PIIX4 PM without SMM marks SMM as set up (APMC_EN), so firmware skips its SMM setup.
      if (p.config.machineProps.get('smm') === 'off') cfg.set(PIIX4_DEVACTB, 4, cfg.get(PIIX4_DEVACTB, 4) | PIIX4_DEVACTB_APMC_EN);
      // QEMU's pc board puts the SMBus host at 0xB100, enabled (SMBHSTCFG = 0x09).
      cfg.set(PIIX4_SMBHSTBASE, 2, PIIX4_SMBUS_DEFAULT_BASE | 1);
      cfg.set(PIIX4_SMBHSTCFG, 1, 0x09);
    },
    afterWrite: (fn, offset, length) => {
      if (touches(offset, length, PIIX4_PMBA, 4) || touches(offset, length, PIIX4_PMREGMISC, 1)
        || touches(offset, length, PIIX4_SMBHSTBASE, 4) || touches(offset, length, PIIX4_SMBHSTCFG, 1)) updatePm(fn);
    },
    afterReset: updatePm,
    afterLoad: updatePm,
  }, { addr: { slot: 1, fn: 3 } });
}
