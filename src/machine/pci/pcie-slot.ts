import type { Platform } from '../wiring/platform.js';
import type { PciHost } from './pci-host.js';
import type { PciBus } from './pci-bus.js';
import { walkFunctions } from './pci-bus.js';
import type { PciFunction } from './pci-function.js';
import { findCapability, rootPortSlotControlWritten } from './capabilities.js';
import { msiEnabled, msiNotify } from './msi.js';
import { msixTableOf } from './msix.js';
import {
  PCI_CAP_ID_EXP, PCI_CAP_ID_MSIX, PCI_EXP_FLAGS, PCI_EXP_LNKSTA, PCI_EXP_LNKSTA_DLLLA, PCI_EXP_SLTCAP,
  PCI_EXP_SLTCAP_HPC, PCI_EXP_SLTCAP_PCP, PCI_EXP_SLTCTL, PCI_EXP_SLTSTA, PCI_EXP_SLTSTA_PDS, PCI_MSIX_FLAGS,
  PCI_MSIX_FLAGS_ENABLE,
} from '../../spec/pci.js';
import { UsageError } from '../../lib/errors.js';

/** Slot Control (PCIe 4.0 §7.8.10). */
const SLTCTL_HPIE = 0x0020;
const SLTCTL_PIC = 0x0300;
const SLTCTL_PIC_OFF = 0x0300;
const SLTCTL_PCC = 0x0400;
const SLTCTL_EIC = 0x0800;
/** Slot Status (§7.8.11): the event bits, Electromechanical Interlock Status. */
const SLTSTA_ABP = 0x0001;
const SLTSTA_PDC = 0x0008;
const SLTSTA_CC = 0x0010;
const SLTSTA_EIS = 0x0080;
const SLTSTA_EVENTS = 0x001f;
/**
 * The events QEMU 7.2 signals (attention button, presence detect changed, command completed), each
 * enabled by the Slot Control bit at the same position (ABPE, PDCE, CCIE).
 */
const HP_EV_SUPPORTED = SLTSTA_ABP | SLTSTA_PDC | SLTSTA_CC;
/** Interrupt Message Number, PCI Express Capabilities bits 13:9. */
const EXP_FLAGS_IRQ_SHIFT = 9;
/** A root port's link with nothing behind it (16 GT/s x32 capable, not trained). */
const ROOT_PORT_LNKSTA_EMPTY = 0x0204;
const LNKSTA_X1_2_5 = 0x0011;
/** QEMU 7.2 lets device_del be repeated once a removal request is this old (virtual time). */
const PENDING_UNPLUG_EXPIRY_NS = 5_000_000_000;

const controllers = new WeakMap<PciBus, PcieSlotHotplug>();

/** The top root bus above a function (an expander's root bus hangs off the pxb function on the main root bus). */
function topRoot(fn: PciFunction): PciBus | undefined {
  let bus = fn.bus?.rootBus;
  while (bus?.expander) bus = bus.expander.host.bus?.rootBus;
  return bus;
}

/**
 * The slot of a PCIe root port or switch downstream port (PCIe 4.0 §6.7), as QEMU 7.2's
 * pcie_cap_slot_* emulate it: presence and link on plug with a Presence Detect Changed +
 * Attention Button event, removal requests as an attention-button press and completed when the guest
 * switches the slot's power off, the guest's Slot Control commands completing at once, and events
 * signalled (HPIE and the event's enable bit) as MSI-X, MSI or INTx, on every change of the
 * "event pending" state. Buses whose hot-plug ACPI serves keep the register behaviour only.
 */
export class PcieSlotHotplug {
  /** QEMU's hpev_notified per port. */
  private readonly notified = new WeakMap<PciFunction, boolean>();
  /** Slot Control/Status before the guest's write in progress. */
  private readonly before = new WeakMap<PciFunction, { ctl: number; sta: number }>();
  /** Removal requests the guest has not answered: virtual time when another device_del is allowed. */
  private readonly pending = new WeakMap<PciFunction, number>();

  constructor(private readonly p: Platform, private readonly host: PciHost, private readonly acpiServes: (bus: PciBus) => boolean) {
    controllers.set(host.root, this);
    host.nativeSlot = (bus) => this.serves(bus);
    // After the host's reset (registered before): the slots are reset by then; power follows them.
    p.onReset(() => this.afterLoad());
  }

  /** The controller of the machine a port function belongs to. */
  static of(fn: PciFunction): PcieSlotHotplug | undefined {
    const root = topRoot(fn);
    return root && controllers.get(root);
  }

  /** Remove a function (a bridge's slot controller completing a removal). */
  remove(fn: PciFunction): void {
    this.p.event(`PCI hot-unplug: ${fn.label} removed`);
    this.host.unplug(fn);
  }

  /** Whether the port's own slot handles hot-plug on `bus` (where ACPI hot-plug does not reach). */
  serves(bus: PciBus): boolean {
    return bus.kind === 'pcie-root-port' && bus.bridge !== undefined && !this.acpiServes(bus);
  }

  private exp(port: PciFunction): number {
    return findCapability(port.config, PCI_CAP_ID_EXP)!;
  }

  private reg(port: PciFunction, off: number): number {
    return port.config.get(this.exp(port) + off, 2);
  }

  private setReg(port: PciFunction, off: number, v: number): void {
    port.config.set(this.exp(port) + off, 2, v & 0xffff);
  }

  private portName(port: PciFunction): string {
    return port.qdevId ?? '(null)';
  }

  /** QEMU's pre-plug checks, before the device is created (device_add on a served bus). */
  prePlug(bus: PciBus): void {
    const port = bus.bridge!;
    if (!(port.config.get(this.exp(port) + PCI_EXP_SLTCAP, 4) & PCI_EXP_SLTCAP_HPC)) {
      throw new UsageError(`Hot-plug failed: unsupported by the port device '${this.portName(port)}'`);
    }
    this.checkInterlock(port);
  }

  private checkInterlock(port: PciFunction): void {
    if (this.reg(port, PCI_EXP_SLTSTA) & SLTSTA_EIS) throw new UsageError('slot is electromechanically locked: Device or resource busy');
  }

  /** A function was hot-added on a served bus: presence, link and the PDC + ABP event (once its slot's function 0 is there). */
  plugged(fn: PciFunction): void {
    const bus = fn.bus!;
    const port = bus.bridge!;
    fn.hasPower = this.slotPowered(port);
    if (!bus.devices[fn.devfn & ~7]) return;
    this.setReg(port, PCI_EXP_SLTSTA, this.reg(port, PCI_EXP_SLTSTA) | PCI_EXP_SLTSTA_PDS);
    this.syncLink(port, bus);
    this.p.event(`PCIe hot-plug: ${fn.label} added`);
    this.slotEvent(port, SLTSTA_PDC | SLTSTA_ABP);
  }

  /** The port's link follows the slot: a root port takes the link of a PCIe device behind it; Data Link Layer Link Active when occupied. */
  private syncLink(port: PciFunction, bus: PciBus): void {
    const target = bus.devices[0];
    const occupied = bus.functions().length > 0;
    let lnksta = this.reg(port, PCI_EXP_LNKSTA);
    if (port.spec.name === 'pcie-root-port') lnksta = target?.spec.express ? LNKSTA_X1_2_5 : ROOT_PORT_LNKSTA_EMPTY;
    this.setReg(port, PCI_EXP_LNKSTA, occupied ? lnksta | PCI_EXP_LNKSTA_DLLLA : lnksta & ~PCI_EXP_LNKSTA_DLLLA);
  }

  /** device_del of a function on a served bus: QEMU 7.2's checks and the attention button (or an immediate removal). */
  requestRemoval(fn: PciFunction): void {
    const bus = fn.bus!;
    const port = bus.bridge!;
    const id = fn.qdevId ?? '';
    const until = this.pending.get(fn);
    if (until !== undefined && until > this.p.clock.now()) throw new UsageError(`Device ${id} is already in the process of unplug`);
    if (!(port.config.get(this.exp(port) + PCI_EXP_SLTCAP, 4) & PCI_EXP_SLTCAP_HPC)) {
      throw new UsageError(`Hot-unplug failed: unsupported by the port device '${this.portName(port)}'`);
    }
    this.checkInterlock(port);
    this.pending.set(fn, this.p.clock.now() + PENDING_UNPLUG_EXPIRY_NS);
    this.p.event(`PCIe hot-unplug requested: ${fn.label}`);
    // A function the guest never saw (no function 0 in its slot) goes at once.
    if (fn.fn !== 0 && !bus.devices[fn.devfn & ~7]) {
      this.host.unplug(fn);
      return;
    }
    const ctl = this.reg(port, PCI_EXP_SLTCTL);
    if ((ctl & SLTCTL_PIC) === SLTCTL_PIC_OFF && ctl & SLTCTL_PCC) {
      // Slot already powered off with its indicator off: nothing for the guest to do.
      this.removeAll(port, bus);
      this.notify(port);
      return;
    }
    this.slotEvent(port, SLTSTA_ABP);
  }

  /** Every function behind the port goes; presence and link drop and Presence Detect Changed is set (no signal by itself). */
  private removeAll(port: PciFunction, bus: PciBus): void {
    for (const f of bus.functions()) {
      this.p.event(`PCIe hot-unplug: ${f.label} removed`);
      this.host.unplug(f);
    }
    this.setReg(port, PCI_EXP_SLTSTA, (this.reg(port, PCI_EXP_SLTSTA) & ~PCI_EXP_SLTSTA_PDS) | SLTSTA_PDC);
    this.syncLink(port, bus);
  }

  /** Before a guest config write to a port: the slot registers as they were. */
  beforeWrite(port: PciFunction): void {
    this.before.set(port, { ctl: this.reg(port, PCI_EXP_SLTCTL), sta: this.reg(port, PCI_EXP_SLTSTA) });
  }

  /**
   * After a guest config write to a port (QEMU's pcie_cap_slot_write_config). `value` is the value as
   * written, tested against Slot Status/Control bit positions whatever the access's offset, as QEMU does.
   */
  afterWrite(port: PciFunction, offset: number, length: number, value: number): void {
    const exp = this.exp(port);
    const old = this.before.get(port) ?? { ctl: this.reg(port, PCI_EXP_SLTCTL), sta: this.reg(port, PCI_EXP_SLTSTA) };
    this.before.delete(port);
    const hits = (at: number) => offset < exp + at + 2 && offset + length > exp + at;
    let sta = this.reg(port, PCI_EXP_SLTSTA);
    if (hits(PCI_EXP_SLTSTA)) {
      // Writing 1 to an event bit that was clear puts all event bits back as they were (QEMU's
      // guard against guests clearing everything during initialisation and losing an event).
      if (value & ~old.sta & SLTSTA_EVENTS) {
        sta = (sta & ~SLTSTA_EVENTS) | (old.sta & SLTSTA_EVENTS);
        this.setReg(port, PCI_EXP_SLTSTA, sta);
      }
      this.clearEvent(port);
    }
    if (hits(PCI_EXP_SLTCTL)) {
      const ctl = this.reg(port, PCI_EXP_SLTCTL);
      if (ctl & SLTCTL_EIC) {
        this.setReg(port, PCI_EXP_SLTCTL, ctl & ~SLTCTL_EIC);
        sta ^= SLTSTA_EIS;
        this.setReg(port, PCI_EXP_SLTSTA, sta);
      }
      // Powering off an occupied slot with its indicator off (and it was not already so) removes what is behind it.
      const offNow = (value & SLTCTL_PCC) !== 0 && (value & SLTCTL_PIC_OFF) === SLTCTL_PIC_OFF;
      const offBefore = (old.ctl & SLTCTL_PCC) !== 0 && (old.ctl & SLTCTL_PIC_OFF) === SLTCTL_PIC_OFF;
      if (sta & PCI_EXP_SLTSTA_PDS && offNow && !offBefore && port.secondary) this.removeAll(port, port.secondary);
      this.updatePower(port);
      this.notify(port);
      // The command completes at once (§6.7.3.2).
      this.slotEvent(port, SLTSTA_CC);
    }
    // A root port's AER root-error interrupt logic re-drives INTx after every config write from the
    // root error status, which nothing sets: the pin drops, whatever the slot asserted (captured).
    if (port.spec.name === 'pcie-root-port' && !this.messageSignalled(port)) port.setIntx(false);
  }

  /** Whether the slot's power controller is on (always, without one). */
  private slotPowered(port: PciFunction): boolean {
    const exp = this.exp(port);
    if (!(port.config.get(exp + PCI_EXP_SLTCAP, 4) & PCI_EXP_SLTCAP_PCP)) return true;
    return (port.config.get(exp + PCI_EXP_SLTCTL, 2) & SLTCTL_PCC) === 0;
  }

  /** Functions behind a port have power as its slot's power controller says; losing it resets them. */
  private updatePower(port: PciFunction): void {
    if (!port.secondary) return;
    const on = this.slotPowered(port);
    for (const f of walkFunctions(port.secondary)) {
      if (f.hasPower === on) continue;
      f.hasPower = on;
      if (!on) f.reset();
    }
    this.host.update();
  }

  /** After a reset or a snapshot load: power and the pending-event state from the registers. */
  afterLoad(): void {
    for (const port of this.host.functions()) {
      if (!port.secondary || port.secondary.kind !== 'pcie-root-port') continue;
      const on = this.slotPowered(port);
      for (const f of walkFunctions(port.secondary)) f.hasPower = on;
      this.notified.set(port, this.pendingEvent(port));
    }
  }

  private messageSignalled(port: PciFunction): boolean {
    return this.msixEnabled(port) || msiEnabled(port);
  }

  private msixEnabled(port: PciFunction): boolean {
    const cap = findCapability(port.config, PCI_CAP_ID_MSIX);
    return cap !== undefined && (port.config.get(cap + PCI_MSIX_FLAGS, 2) & PCI_MSIX_FLAGS_ENABLE) !== 0;
  }

  /** Hot-plug interrupt enabled and an enabled event pending. */
  private pendingEvent(port: PciFunction): boolean {
    const ctl = this.reg(port, PCI_EXP_SLTCTL);
    return (ctl & SLTCTL_HPIE) !== 0 && (this.reg(port, PCI_EXP_SLTSTA) & ctl & HP_EV_SUPPORTED) !== 0;
  }

  /** Set event bits; signal only when one of them was newly set. */
  private slotEvent(port: PciFunction, event: number): void {
    const sta = this.reg(port, PCI_EXP_SLTSTA);
    if ((sta & event) === event) return;
    this.setReg(port, PCI_EXP_SLTSTA, sta | event);
    this.notify(port);
  }

  /**
   * Signal a change of the pending-event state: a message (MSI-X, MSI) on each change, rising or
   * falling, or the INTx pin following it.
   */
  private notify(port: PciFunction): void {
    const was = this.notified.get(port) ?? false;
    const now = this.pendingEvent(port);
    if (was === now) return;
    this.notified.set(port, now);
    const vector = (this.reg(port, PCI_EXP_FLAGS) >> EXP_FLAGS_IRQ_SHIFT) & 0x1f;
    if (this.msixEnabled(port)) msixTableOf(port)?.notify(vector);
    else if (msiEnabled(port)) msiNotify(port, this.p.memory, vector);
    else port.setIntx(now);
  }

  /** The guest cleared status bits: INTx drops once nothing enabled is pending (messages are not withdrawn). */
  private clearEvent(port: PciFunction): void {
    const now = this.pendingEvent(port);
    this.notified.set(port, now);
    if (!now && !this.messageSignalled(port)) port.setIntx(false);
  }
}

/** The ports' `beforeWrite` / `afterWrite` hooks (pcie-root-port, xio3130-downstream). */
export function pcieSlotBeforeWrite(port: PciFunction): void {
  PcieSlotHotplug.of(port)?.beforeWrite(port);
}

export function pcieSlotAfterWrite(port: PciFunction, offset: number, length: number, value: number): void {
  const c = PcieSlotHotplug.of(port);
  // A port on no machine's bus (a bare model): Slot Control commands still complete.
  if (c) c.afterWrite(port, offset, length, value);
  else rootPortSlotControlWritten(port.config, offset, length);
}
