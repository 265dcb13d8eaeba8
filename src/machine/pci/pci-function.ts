import { ConfigSpace, configStorage, withoutTrailingZeros } from './config-space.js';
import type { PciBus } from './pci-bus.js';
import type { IoHandler } from '../bus/io-handler.js';
import type { MemoryTarget } from '../bus/memory-target.js';
import { RomWindow } from '../bus/memory-target.js';
import {
  PCI_BASE_ADDRESS_0, PCI_BASE_ADDRESS_MEM_PREFETCH, PCI_BASE_ADDRESS_MEM_TYPE_64, PCI_BASE_ADDRESS_SPACE_IO,
  PCI_BRIDGE_CONTROL, PCI_BRIDGE_CTL_DISCARD_STATUS, PCI_CLASS_DEVICE, PCI_CLASS_PROG, PCI_COMMAND, PCI_COMMAND_IO,
  PCI_COMMAND_MEMORY, PCI_CONFIG_SPACE_SIZE, PCI_DEVICE_ID, PCI_HEADER_TYPE, PCI_HEADER_TYPE_BRIDGE,
  PCI_HEADER_TYPE_MULTI_FUNCTION, PCI_INTERRUPT_PIN, PCI_IO_BASE, PCI_IO_LIMIT, PCI_IO_RANGE_MASK, PCI_IO_RANGE_TYPE_16,
  PCI_MEMORY_BASE, PCI_MEMORY_LIMIT, PCI_MEMORY_RANGE_MASK, PCI_PREF_BASE_UPPER32, PCI_PREF_LIMIT_UPPER32,
  PCI_PREF_MEMORY_BASE, PCI_PREF_MEMORY_LIMIT, PCI_PREF_RANGE_MASK, PCI_PREF_RANGE_TYPE_64, PCI_PRIMARY_BUS,
  PCI_REVISION_ID, PCI_ROM_ADDRESS, PCI_ROM_ADDRESS1, PCI_ROM_ADDRESS_ENABLE, PCI_ROM_SLOT, PCI_SEC_STATUS,
  PCI_SUBSYSTEM_ID, PCI_SUBSYSTEM_VENDOR_ID, PCI_SUBDEVICE_ID_QEMU, PCI_SUBVENDOR_ID_REDHAT_QUMRANET, PCIE_CONFIG_SPACE_SIZE,
  PCI_VENDOR_ID, PCI_STATUS, PCI_BRIDGE_CTL_BUS_RESET, PCI_COMMAND_INTX_DISABLE, PCI_STATUS_INTERRUPT, PCI_CAPABILITY_LIST,
} from '../../spec/pci.js';
import { changeIntxLevel, messageSignalledEnabledBy } from './intx.js';
import { PCI_STATUS_W1C } from './config-space.js';

export type BarKind = 'io' | 'mem';

/** One BAR as the device registers it (QEMU's pci_register_bar): fixed type and power-of-two size. */
export interface BarSpec {
  /** 0–5, or PCI_ROM_SLOT (6) for the expansion ROM (use `romSize` instead). */
  readonly index: number;
  readonly kind: BarKind;
  readonly size: number;
  readonly prefetch?: boolean;
  readonly is64?: boolean;
  /** What the BAR decodes to. Default: registers that read 0 and ignore writes. */
  readonly memory?: MemoryTarget;
  readonly io?: IoHandler;
}

/** A PCI function's fixed identity and resources, as QEMU 7.2's model has them. */
export interface PciFunctionSpec {
  /** QEMU type name ("e1000", "ICH9-LPC"...). */
  readonly name: string;
  readonly vendor: number;
  readonly device: number;
  readonly revision?: number;
  /** Base class and subclass (0x0200 = Ethernet). */
  readonly classCode: number;
  readonly progIf?: number;
  readonly headerType?: 0 | 1;
  /** Header type 0 only; QEMU's default is 1af4:1100. */
  readonly subsystemVendor?: number;
  readonly subsystem?: number;
  /** 1 = INTA ... 4 = INTD, 0 = none. */
  readonly interruptPin?: number;
  readonly bars?: readonly BarSpec[];
  /** Expansion ROM BAR size (the option ROM QEMU loads, rounded up to a power of two). */
  readonly romSize?: number;
  /** A PCI Express function: 4 KiB config space. */
  readonly express?: boolean;
  /** Read-only status bits besides the capability bit (66 MHz, fast back-to-back, DEVSEL timing). */
  readonly status?: number;
  /** A bridge whose secondary bus takes hot-plug (default true; pcie-root-port hotplug=off). */
  readonly slotHotplug?: boolean;
  /** A bridge with its own slot controller (SHPC or a PCIe slot), which handles its bus's hot-plug where ACPI does not. */
  readonly nativeHotplug?: boolean;
  /** A VGA-class function that decodes the legacy VGA window itself (else the host maps plain memory there). */
  readonly ownsLegacyVga?: boolean;
  /** The DSDT gives it _S1D/_S2D/_S3D (QEMU 7.2: std VGA only). */
  readonly vgaAml?: boolean;
  /** Chipset functions can't be hot-removed. Default true. */
  readonly hotpluggable?: boolean;
  /** Capabilities and device-specific registers. */
  readonly setup?: (cfg: ConfigSpace, fn: PciFunction) => void;
  /** Runs before every guest config write (to see registers as they were). */
  readonly beforeWrite?: (fn: PciFunction, offset: number, length: number) => void;
  /** Runs after every guest config write, with the range and value written (chipset registers). */
  readonly afterWrite?: (fn: PciFunction, offset: number, length: number, value: number) => void;
  /** Runs after a reset restored the power-on registers. */
  readonly afterReset?: (fn: PciFunction) => void;
  /**
   * Registers a system reset leaves as they are ([offset, length]): QEMU's pci_do_device_reset and
   * the device's own reset do not touch them (the host bridges' PAM). A power cycle clears them.
   */
  readonly keptOnReset?: readonly (readonly [number, number])[];
  /** Runs after a snapshot load set every register: re-derive what the registers drive (PAM, PM base, MMCONFIG). */
  readonly afterLoad?: (fn: PciFunction) => void;
}

/** A BAR's live state: `addr` is where it decodes now (QEMU's r->addr), -1 when unmapped. */
export interface PciRegion {
  readonly index: number;
  readonly kind: BarKind;
  readonly size: number;
  readonly prefetch: boolean;
  readonly is64: boolean;
  readonly memory: MemoryTarget | undefined;
  readonly io: IoHandler | undefined;
  addr: number;
}

export const PCI_BAR_UNMAPPED = -1;

/**
 * Whether a header write can change what a function decodes or a bridge forwards: Command, the
 * BARs, a bridge's bus numbers and windows (0x10–0x33), either ROM BAR, Bridge Control. Status,
 * ids, cache line, latency, the capability pointer and the interrupt line cannot.
 */
function mayMoveDecoding(offset: number, length: number): boolean {
  const end = offset + length;
  return (offset < PCI_COMMAND + 2 && end > PCI_COMMAND) || (offset < PCI_CAPABILITY_LIST && end > PCI_BASE_ADDRESS_0)
    || (offset < PCI_ROM_ADDRESS1 + 4 && end > PCI_ROM_ADDRESS1) || (offset < PCI_BRIDGE_CONTROL + 2 && end > PCI_BRIDGE_CONTROL);
}
const TWO_32 = 2 ** 32;

function isPowerOfTwo(n: number): boolean {
  return Number.isSafeInteger(n) && n > 0 && 2 ** Math.round(Math.log2(n)) === n;
}

/**
 * One PCI function: config space, BARs and its place on a bus. It knows nothing of the
 * machine's address spaces: the host decides what its decoded BARs map to.
 */
export class PciFunction {
  readonly config: ConfigSpace;
  readonly regions: Array<PciRegion | undefined> = new Array(7).fill(undefined);
  /** Set by the host when plugged. */
  bus: PciBus | undefined;
  devfn = 0;
  /** Creation order on the host (1 = first plugged): QEMU lists child buses newest first. */
  plugOrder = 0;
  /** The secondary bus of a bridge (header type 1). */
  secondary: PciBus | undefined;
  private powerOn: Uint8Array | undefined;
  /** Whether the function asserts its INTx pin (QEMU's irq_state). */
  #intx = false;
  /** QEMU's has_power: off behind a slot whose power controller is off (config reads all-ones, BARs do not decode). */
  hasPower = true;

  constructor(readonly spec: PciFunctionSpec, readonly qdevId: string | undefined,
    options: { multifunction?: boolean; rom?: boolean; romImage?: Uint8Array | undefined } = {}) {
    const express = spec.express ?? false;
    const cfg = new ConfigSpace(express ? PCIE_CONFIG_SPACE_SIZE : PCI_CONFIG_SPACE_SIZE);
    this.config = cfg;
    const bridge = spec.headerType === PCI_HEADER_TYPE_BRIDGE;
    cfg.set(PCI_VENDOR_ID, 2, spec.vendor);
    cfg.set(PCI_DEVICE_ID, 2, spec.device);
    cfg.set(PCI_REVISION_ID, 1, spec.revision ?? 0);
    cfg.set(PCI_CLASS_PROG, 1, spec.progIf ?? 0);
    cfg.set(PCI_CLASS_DEVICE, 2, spec.classCode);
    cfg.set(PCI_HEADER_TYPE, 1, (bridge ? PCI_HEADER_TYPE_BRIDGE : 0) | (options.multifunction ? PCI_HEADER_TYPE_MULTI_FUNCTION : 0));
    cfg.set(PCI_INTERRUPT_PIN, 1, spec.interruptPin ?? 0);
    if (!bridge) {
      cfg.set(PCI_SUBSYSTEM_VENDOR_ID, 2, spec.subsystemVendor ?? PCI_SUBVENDOR_ID_REDHAT_QUMRANET);
      cfg.set(PCI_SUBSYSTEM_ID, 2, spec.subsystem ?? PCI_SUBDEVICE_ID_QEMU);
    } else this.initBridgeMasks();
    for (const b of spec.bars ?? []) this.registerBar(b);
    if (options.rom !== false && (options.romImage || spec.romSize)) {
      // Without an image (the default ROM file is not installed) the BAR keeps the model's size and reads all-ones.
      const image = options.romImage ?? new Uint8Array(0);
      const size = options.romImage?.length ?? spec.romSize!;
      this.registerBar({ index: PCI_ROM_SLOT, kind: 'mem', size, memory: new RomWindow(image, 0, size) });
    }
    if (spec.status) cfg.set(PCI_STATUS, 2, spec.status);
    spec.setup?.(cfg, this);
  }

  get name(): string {
    return this.spec.name;
  }

  get isBridge(): boolean {
    return this.spec.headerType === PCI_HEADER_TYPE_BRIDGE;
  }

  get slot(): number {
    return this.devfn >> 3;
  }

  get fn(): number {
    return this.devfn & 7;
  }

  get busNumber(): number {
    return this.bus?.number ?? 0;
  }

  /** "bb:ss.f" as QEMU prints it. */
  get bdf(): string {
    const h = (n: number) => n.toString(16).padStart(2, '0');
    return `${h(this.busNumber)}:${h(this.slot)}.${this.fn}`;
  }

  /** Where it is plugged, independent of bus numbering: "pci.0/18" (bus name / devfn). */
  get location(): string {
    return `${this.bus?.name ?? '?'}/${this.devfn}`;
  }

  /** Label for reports: "e1000 (net0) 00:03.0". */
  get label(): string {
    return `${this.name}${this.qdevId ? ` (${this.qdevId})` : ''} ${this.bdf}`;
  }

  /** Config offset of a region's register. */
  barOffset(index: number): number {
    if (index === PCI_ROM_SLOT) return this.isBridge ? PCI_ROM_ADDRESS1 : PCI_ROM_ADDRESS;
    return PCI_BASE_ADDRESS_0 + 4 * index;
  }

  private registerBar(b: BarSpec): void {
    const rom = b.index === PCI_ROM_SLOT;
    // QEMU takes any power of two (pvpanic-pci's BAR0 is 2 bytes); firmware sizes it as 16.
    if (!isPowerOfTwo(b.size) || (b.kind === 'io' && b.size < 4)) {
      throw new RangeError(`${this.name}: BAR${b.index} size ${b.size} is not a valid power of two`);
    }
    const maxIndex = this.isBridge ? 1 : 5;
    if (!rom && (b.index < 0 || b.index > maxIndex || (b.is64 && b.index === maxIndex) || this.regions[b.index])) {
      throw new RangeError(`${this.name}: BAR${b.index} can't be registered`);
    }
    const is64 = !rom && b.kind === 'mem' && (b.is64 ?? false);
    const prefetch = !rom && b.kind === 'mem' && (b.prefetch ?? false);
    const off = this.barOffset(b.index);
    const type = b.kind === 'io' ? PCI_BASE_ADDRESS_SPACE_IO
      : (is64 ? PCI_BASE_ADDRESS_MEM_TYPE_64 : 0) | (prefetch ? PCI_BASE_ADDRESS_MEM_PREFETCH : 0);
    this.config.set(off, is64 ? 8 : 4, rom ? 0 : type);
    // wmask = ~(size-1) over the whole register (both dwords of a 64-bit BAR).
    const lowMask = b.size >= TWO_32 ? 0 : (TWO_32 - b.size) >>> 0;
    this.config.setMask(off, 4, (lowMask | (rom ? PCI_ROM_ADDRESS_ENABLE : 0)) >>> 0);
    if (is64) this.config.setMask(off + 4, 4, b.size > TWO_32 ? (TWO_32 - b.size / TWO_32) >>> 0 : 0xffffffff);
    this.config.clearW1c(off, off + (is64 ? 8 : 4));
    this.regions[b.index] = {
      index: b.index, kind: b.kind, size: b.size, prefetch, is64, memory: b.memory, io: b.io, addr: PCI_BAR_UNMAPPED,
    };
  }

  private initBridgeMasks(): void {
    const cfg = this.config;
    // Type 1 header: bus numbers, windows and bridge control are writable.
    cfg.setMask(PCI_PRIMARY_BUS, 4, 0xffffffff);
    cfg.setMask(PCI_IO_BASE, 1, PCI_IO_RANGE_MASK);
    cfg.setMask(PCI_IO_LIMIT, 1, PCI_IO_RANGE_MASK);
    cfg.set(PCI_IO_BASE, 1, PCI_IO_RANGE_TYPE_16);
    cfg.set(PCI_IO_LIMIT, 1, PCI_IO_RANGE_TYPE_16);
    cfg.setW1c(PCI_SEC_STATUS, 2, PCI_STATUS_W1C);
    cfg.setMask(PCI_MEMORY_BASE, 2, PCI_MEMORY_RANGE_MASK);
    cfg.setMask(PCI_MEMORY_LIMIT, 2, PCI_MEMORY_RANGE_MASK);
    cfg.setMask(PCI_PREF_MEMORY_BASE, 2, PCI_PREF_RANGE_MASK);
    cfg.setMask(PCI_PREF_MEMORY_LIMIT, 2, PCI_PREF_RANGE_MASK);
    cfg.set(PCI_PREF_MEMORY_BASE, 2, PCI_PREF_RANGE_TYPE_64);
    cfg.set(PCI_PREF_MEMORY_LIMIT, 2, PCI_PREF_RANGE_TYPE_64);
    cfg.setMask(PCI_PREF_BASE_UPPER32, 4, 0xffffffff);
    cfg.setMask(PCI_PREF_LIMIT_UPPER32, 4, 0xffffffff);
    cfg.setMask(PCI_BRIDGE_CONTROL, 2, 0x0fff & ~PCI_BRIDGE_CTL_DISCARD_STATUS);
    cfg.setW1c(PCI_BRIDGE_CONTROL, 2, PCI_BRIDGE_CTL_DISCARD_STATUS);
  }

  /** Remember the current registers as the power-on state (after set-up). */
  sealPowerOn(): void {
    // Kept up to the last non-zero byte: the rest of the power-on registers is zero.
    const bytes = this.config.bytes;
    const end = withoutTrailingZeros(bytes);
    this.config.seal();
    this.powerOn = configStorage(end);
    this.powerOn.set(bytes.subarray(0, end));
  }

  /** [offset, offset + length) of the power-on registers. */
  private powerOnBytes(offset: number, length: number): Uint8Array {
    const p = this.powerOn!;
    if (offset + length <= p.length) return p.subarray(offset, offset + length);
    const out = new Uint8Array(length);
    if (offset < p.length) out.set(p.subarray(offset));
    return out;
  }

  /** The function's interrupt pin (PCI_INTERRUPT_PIN) as INTA#..INTD#, or -1 without one. */
  get intxPin(): number {
    const pin = this.config.get(PCI_INTERRUPT_PIN, 1);
    return pin >= 1 && pin <= 4 ? pin - 1 : -1;
  }

  /**
   * Drive the INTx pin (QEMU's pci_set_irq): Status bit 3 follows the pin; the line reaches the
   * bus unless Command bit 10 (Interrupt Disable) is set.
   */
  setIntx(level: boolean): void {
    const pin = this.intxPin;
    if (pin < 0 || level === this.#intx) return;
    this.#intx = level;
    this.updateInterruptStatus();
    if (!this.intxDisabled) changeIntxLevel(this, pin, level ? 1 : -1);
  }

  /** After a snapshot load set the registers: the pin is what Status bit 3 says, and reaches the bus again. */
  restoreIntx(): void {
    this.#intx = (this.config.get(PCI_STATUS, 2) & PCI_STATUS_INTERRUPT) !== 0;
    const pin = this.intxPin;
    if (this.#intx && pin >= 0 && !this.intxDisabled) changeIntxLevel(this, pin, 1);
  }

  private get intxDisabled(): boolean {
    return (this.config.get(PCI_COMMAND, 2) & PCI_COMMAND_INTX_DISABLE) !== 0;
  }

  private updateInterruptStatus(): void {
    const status = this.config.get(PCI_STATUS, 2);
    this.config.set(PCI_STATUS, 2, this.#intx ? status | PCI_STATUS_INTERRUPT : status & ~PCI_STATUS_INTERRUPT);
  }

  /** Device reset: back to the power-on registers (QEMU's pci_device_reset + bridge reset), but `keptOnReset`. */
  reset(): void {
    this.setIntx(false);
    const kept = (this.spec.keptOnReset ?? []).map(([o, n]) => [o, this.config.bytes.slice(o, o + n)] as const);
    if (this.powerOn) {
      this.config.bytes.set(this.powerOn);
      this.config.bytes.fill(0, this.powerOn.length);
    }
    for (const [o, bytes] of kept) this.config.bytes.set(bytes, o);
    this.spec.afterReset?.(this);
  }

  /** Power off: the registers `keptOnReset` go back to their power-on values too. */
  powerOff(): void {
    if (!this.powerOn) return;
    for (const [o, n] of this.spec.keptOnReset ?? []) this.config.bytes.set(this.powerOnBytes(o, n), o);
    this.spec.afterReset?.(this);
  }

  readConfig(offset: number, length: number): number {
    if (offset + length > this.config.size) return length >= 4 ? 0xffffffff : (1 << (8 * length)) - 1;
    return this.config.read(offset, length);
  }

  /** A guest config write; returns true when it may change decoding (command, BARs, bridge registers). */
  writeConfig(offset: number, length: number, value: number): boolean {
    if (offset + length > this.config.size) return false;
    const bridgeControl = this.isBridge ? this.config.get(PCI_BRIDGE_CONTROL, 2) : 0;
    const intxWasDisabled = this.intxDisabled;
    this.spec.beforeWrite?.(this, offset, length);
    this.config.write(offset, length, value);
    // QEMU's pci_update_irq_disabled: toggling Interrupt Disable withdraws or re-applies an asserted pin.
    const pin = this.intxPin;
    if (this.#intx && pin >= 0 && intxWasDisabled !== this.intxDisabled) changeIntxLevel(this, pin, this.intxDisabled ? -1 : 1);
    // QEMU's msi_write_config / msix_write_config: any write to an enabled MSI or MSI-X capability drops INTx (PCI 3.0 §6.8.3.3).
    if (this.#intx && messageSignalledEnabledBy(this.config, offset, length)) this.setIntx(false);
    this.spec.afterWrite?.(this, offset, length, value);
    // PCI-to-PCI Bridge 1.2 §3.2.5.18: setting Secondary Bus Reset resets everything behind the bridge.
    if (this.secondary && !(bridgeControl & PCI_BRIDGE_CTL_BUS_RESET)
      && this.config.get(PCI_BRIDGE_CONTROL, 2) & PCI_BRIDGE_CTL_BUS_RESET) this.resetSecondary();
    return mayMoveDecoding(offset, length);
  }

  private resetSecondary(): void {
    const walk = (bus: PciBus) => {
      for (const f of bus.functions()) {
        f.reset();
        if (f.secondary) walk(f.secondary);
      }
    };
    if (this.secondary) walk(this.secondary);
  }

  /** Where a region decodes now, by QEMU's pci_bar_address rules; -1 if it doesn't. */
  decode(r: PciRegion): number {
    if (!this.hasPower) return PCI_BAR_UNMAPPED;
    const cfg = this.config;
    const cmd = cfg.get(PCI_COMMAND, 2);
    const off = this.barOffset(r.index);
    if (r.kind === 'io') {
      if (!(cmd & PCI_COMMAND_IO)) return PCI_BAR_UNMAPPED;
      const addr = (cfg.get(off, 4) & ~(r.size - 1)) >>> 0;
      const last = addr + r.size - 1;
      if (addr === 0 || last >= 0xffffffff) return PCI_BAR_UNMAPPED;
      return addr;
    }
    if (!(cmd & PCI_COMMAND_MEMORY)) return PCI_BAR_UNMAPPED;
    const lo = cfg.get(off, 4);
    const hi = r.is64 ? cfg.get(off + 4, 4) : 0;
    if (r.index === PCI_ROM_SLOT && !(lo & 1)) return PCI_BAR_UNMAPPED;
    // Below 2^52 with a size of at most 2^31 the sum is exact in a double; the rest takes BigInt.
    if (hi < 0x100000 && r.size <= 0x80000000) {
      const addr = hi * 0x100000000 + ((lo & ~(r.size - 1)) >>> 0);
      if (addr === 0) return PCI_BAR_UNMAPPED;
      if (!r.is64 && addr + r.size - 1 >= 0xffffffff) return PCI_BAR_UNMAPPED;
      return addr;
    }
    let raw = BigInt(lo);
    if (r.is64) raw |= BigInt(hi) << 32n;
    const addr = raw & ~(BigInt(r.size) - 1n) & 0xffffffffffffffffn;
    const last = addr + BigInt(r.size) - 1n;
    if (addr === 0n || last >= 0xffffffffffffffffn) return PCI_BAR_UNMAPPED;
    if (!r.is64 && last >= 0xffffffffn) return PCI_BAR_UNMAPPED;
    return Number(addr);
  }

  get presentRegions(): PciRegion[] {
    return this.regions.filter((r): r is PciRegion => r !== undefined);
  }
}
