/** `pci_setup` of SeaBIOS 1.16.2, in its order, logging like it does. */
import type { CpuWire } from '../../src/spec/cpu-wire.js';
import { PciConfig, bdfText } from './config.js';
import { numberBuses, probeDevices } from './probe.js';
import type { PciDevice } from './probe.js';
import { takeInventory, IO, REGION_NAMES } from './inventory.js';
import { placeResources } from './place.js';
import type { PlacementResult } from './place.js';
import { programPlacement } from './program.js';
import { chipsetOf, enablePciexbar, initDevices } from './chipset.js';
import type { Chipset } from './chipset.js';
import { Q35_PCIEXBAR_ADDR, Q35_PCIEXBAR_SIZE } from './regs.js';

export interface PciSetupInput {
  readonly wire: CpuWire;
  readonly ramSize: number;
  readonly ramSizeOver4G: number;
  readonly reservedMemoryEnd: number;
  readonly extraRoots: number;
  readonly pmBase: number;
  readonly log: (line: string) => void;
  readonly reserve: (addr: number, len: number) => void;
}

export type PciSetupResult =
  | { readonly ok: true; readonly chipset: Chipset; readonly devices: readonly PciDevice[]; readonly placement: Extract<PlacementResult, { ok: true }> }
  | { readonly ok: false; readonly panic: string };

const h = (v: number, w: number): string => v.toString(16).padStart(w, '0');

/** The host bridge's ids read through ECAM equal those through 0xCF8 (a wire without ECAM reads all-ones). */
function mmconfigWorks(wire: CpuWire): boolean {
  return wire.read32(Q35_PCIEXBAR_ADDR) === new PciConfig(wire).read32(0, 0);
}

export function pciSetup(input: PciSetupInput): PciSetupResult {
  const { wire, log } = input;
  const cfg = new PciConfig(wire);
  log('=== PCI bus & bridge init ===');
  if (!cfg.probeHost()) return { ok: false, panic: 'PCI: no host bridge (0xcf8 does not read back)' };
  numberBuses(cfg, input.extraRoots);
  log('=== PCI device probing ===');
  const { devices, maxBus } = probeDevices(cfg, input.extraRoots);
  log(`Found ${devices.length} PCI devices (max PCI bus is ${h(maxBus, 2)})`);

  const chipset = chipsetOf(devices);
  let pcimemStart = input.ramSize;
  let ioLowEnd = 0xa000;
  if (chipset === 'i440fx') {
    if (input.ramSize <= 0x80000000) pcimemStart = 0x80000000;
    else if (input.ramSize <= 0xc0000000) pcimemStart = 0xc0000000;
  } else if (chipset === 'q35') {
    enablePciexbar(cfg);
    input.reserve(Q35_PCIEXBAR_ADDR, Q35_PCIEXBAR_SIZE);
    if (mmconfigWorks(wire)) {
      cfg.useMmconfig(Q35_PCIEXBAR_ADDR);
      log(`PCIe: using q35 mmconfig at 0x${Q35_PCIEXBAR_ADDR.toString(16)}`);
    }
    pcimemStart = 0xc0000000;
    ioLowEnd = input.pmBase < 0x1000 ? 0x10000 : input.pmBase;
  }

  log('=== PCI new allocation pass #1 ===');
  const inv = takeInventory(cfg, devices, maxBus);
  const placement = placeResources(inv, {
    pcimemStart, pcimemEnd: 0xfec00000, ioLowEnd,
    ramTop64: 2 ** 32 + input.ramSizeOver4G, reservedMemoryEnd: input.reservedMemoryEnd,
  });
  if (!placement.ok) return placement;
  log('=== PCI new allocation pass #2 ===');
  log(`PCI: IO: ${h(placement.ioBase, 4)} - ${h(placement.ioBase + placement.ioSum - 1, 4)}`);
  log(`PCI: 32: ${h(pcimemStart, 16)} - ${h(0xfec00000, 16)}`);
  if (placement.mem64) log(`PCI: 64: ${h(placement.mem64.start, 16)} - ${h(placement.mem64.end, 16)}`);
  for (const b of placement.bars) {
    log(`PCI: map device bdf=${bdfText(b.dev.bdf)}  bar ${b.bar}, addr ${h(b.addr, b.is64 ? 16 : 8)}, size ${h(b.size, 8)} [${REGION_NAMES[b.type]}]`);
  }
  for (const w of placement.windows) {
    log(`PCI: map bridge bdf=${bdfText(w.dev.bdf)} ${REGION_NAMES[w.type]} window, addr ${h(w.addr, w.type === IO ? 4 : 8)}, size ${h(w.size, 8)}`);
  }
  programPlacement(cfg, placement);
  initDevices({ wire, cfg, chipset, pmBase: input.pmBase, log, reserve: input.reserve }, devices);
  return { ok: true, chipset, devices, placement };
}
