import type { PhysicalMemory } from '../bus/physical-memory.js';
import type { PciFunction } from './pci-function.js';
import type { IoHandler } from '../bus/io-handler.js';
import { MmioWindow } from '../bus/memory-target.js';
import { findCapability } from './capabilities.js';
import { msiEnabled, msiNotify } from './msi.js';
import { PcieSlotHotplug } from './pcie-slot.js';
import { PCI_CAP_ID_SHPC } from '../../spec/pci.js';
import { UsageError } from '../../lib/errors.js';

/** SHPC 1.0 working register set (§4.2), byte offsets. */
const SHPC_SLOTS_33 = 0x04;
const SHPC_NSLOTS = 0x0c;
const SHPC_FIRST_DEV = 0x0d;
const SHPC_PHYS_SLOT = 0x0e;
const SHPC_PROG_IFC = 0x13;
const SHPC_CMD_CODE = 0x14;
const SHPC_CMD_TRGT = 0x15;
const SHPC_CMD_STATUS = 0x16;
const SHPC_INT_LOCATOR = 0x18;
const SHPC_SERR_INT = 0x20;
const slotReg = (s: number): number => 0x24 + s * 4;
/** Event latch and its SERR/interrupt disable byte, after a slot's 2-byte status. */
const eventLatch = (s: number): number => slotReg(s) + 2;
const eventDisable = (s: number): number => slotReg(s) + 3;

/** QEMU offers 31 slots, PCI devices 1..31 (device 0 is not a hot-plug slot). */
const NSLOTS = 31;
const REGS_SIZE = slotReg(NSLOTS);
/** Physical Slot Number of the first slot, numbering up, MRL sensor and attention button present. */
const PHYS_SLOT_RESET = 0x0001 | 0x2000 | 0x4000 | 0x8000;
const PROG_IFC_1_0 = 0x01;

const CMD_STATUS_INVALID_CMD = 0x4;
const CMD_STATUS_INVALID_MODE = 0x8;
const CMD_STATUS_CLEARED = 0x1 | 0x2 | CMD_STATUS_INVALID_CMD | CMD_STATUS_INVALID_MODE;
const CMD_TRGT_MAX = 0x1f;

/** SERR/interrupt enable register bits. */
const INT_DIS = 0x1;
const SERR_DIS = 0x2;
const CMD_INT_DIS = 0x4;
const ARB_SERR_DIS = 0x8;
const CMD_DETECTED = 0x10000;
const ARB_DETECTED = 0x20000;
/** Interrupt locator bit 0: command completion. */
const INT_COMMAND = 0x1;

/** Slot status fields: state (bits 1:0), power LED (3:2), attention LED (5:4), MRL open (8), 66 MHz (9), presence (11:10). */
const STATE = 0x0003;
const PWR_LED = 0x000c;
const ATTN_LED = 0x0030;
const MRL_OPEN = 0x0100;
const M66 = 0x0200;
const PRSNT = 0x0c00;
const STATE_NO = 0;
const STATE_PWRONLY = 1;
const STATE_ENABLED = 2;
const STATE_DISABLED = 3;
const LED_NO = 0;
const LED_ON = 1;
const LED_OFF = 3;
const PRSNT_EMPTY = 3;
const PRSNT_7_5W = 0;

/** Event latch bits; the disable byte has two more (MRL and connected-fault SERR). */
const EV_PRESENCE = 0x01;
const EV_ISOLATED_FAULT = 0x02;
const EV_BUTTON = 0x04;
const EV_MRL = 0x08;
const EV_CONNECTED_FAULT = 0x10;
const EV_ALL = EV_PRESENCE | EV_ISOLATED_FAULT | EV_BUTTON | EV_MRL | EV_CONNECTED_FAULT;
const EV_DISABLE_ALL = EV_ALL | 0x20 | 0x40;

/** SHPC capability: DWORD select (+2), DWORD data (+4). */
const CAP_DWORD_SELECT = 2;
const CAP_DWORD_DATA = 4;

const controllers = new WeakMap<PciFunction, Shpc>();

/** The SHPC of a bridge function, if its model has one. */
export function shpcOf(fn: PciFunction): Shpc | undefined {
  return controllers.get(fn);
}

/**
 * The Standard Hot-Plug Controller of QEMU 7.2's pci-bridge (`shpc=on`) and pcie-pci-bridge: 31 slots
 * (devices 1..31), its register set in BAR0 and through the capability's DWORD select/data, slot
 * commands taking effect at once, events latched per slot and signalled by INTx or MSI. Hot-plug
 * through it where ACPI does not serve the bus (below expanders).
 */
export class Shpc {
  private readonly regs = new Uint8Array(REGS_SIZE);
  private readonly wmask = new Uint8Array(REGS_SIZE);
  private readonly w1cmask = new Uint8Array(REGS_SIZE);
  /** QEMU's msi_requested: the level last signalled. */
  private msiRequested = 0;
  private owner: PciFunction | undefined;
  readonly window: MmioWindow;

  constructor(barSize: number, private readonly memory: PhysicalMemory | undefined) {
    this.wmask[SHPC_CMD_CODE] = 0xff;
    this.wmask[SHPC_CMD_TRGT] = CMD_TRGT_MAX;
    this.set32(SHPC_SERR_INT, INT_DIS | SERR_DIS | CMD_INT_DIS | ARB_SERR_DIS, this.wmask);
    this.set32(SHPC_SERR_INT, CMD_DETECTED | ARB_DETECTED, this.w1cmask);
    for (let s = 0; s < NSLOTS; s++) {
      this.wmask[eventDisable(s)] = EV_DISABLE_ALL;
      this.w1cmask[eventLatch(s)] = EV_ALL;
    }
    this.window = new MmioWindow(this.handler, barSize);
  }

  /** The bridge whose secondary bus the slots are on. */
  attach(fn: PciFunction): void {
    this.owner = fn;
    controllers.set(fn, this);
  }

  private get32(o: number, a: Uint8Array = this.regs): number {
    return (a[o]! | (a[o + 1]! << 8) | (a[o + 2]! << 16) | (a[o + 3]! << 24)) >>> 0;
  }

  private set32(o: number, v: number, a: Uint8Array = this.regs): void {
    for (let i = 0; i < 4; i++) a[o + i] = (v >>> (8 * i)) & 0xff;
  }

  private status(s: number): number {
    return this.regs[slotReg(s)]! | (this.regs[slotReg(s) + 1]! << 8);
  }

  private field(s: number, mask: number): number {
    return (this.status(s) & mask) / (mask & -mask);
  }

  private setField(s: number, mask: number, value: number): void {
    const v = (this.status(s) & ~mask) | ((value * (mask & -mask)) & mask);
    this.regs[slotReg(s)] = v & 0xff;
    this.regs[slotReg(s) + 1] = v >> 8;
  }

  private occupied(s: number): boolean {
    return this.owner?.secondary?.devices[(s + 1) * 8] !== undefined;
  }

  /** Power-on state: every slot's events disabled, interrupts and SERR off, occupied slots enabled. */
  reset(): void {
    this.regs.fill(0);
    this.regs[SHPC_NSLOTS] = NSLOTS;
    this.set32(SHPC_SLOTS_33, NSLOTS);
    this.regs[SHPC_FIRST_DEV] = 1;
    this.regs[SHPC_PHYS_SLOT] = PHYS_SLOT_RESET & 0xff;
    this.regs[SHPC_PHYS_SLOT + 1] = PHYS_SLOT_RESET >> 8;
    this.set32(SHPC_SERR_INT, INT_DIS | SERR_DIS | CMD_INT_DIS | ARB_SERR_DIS);
    this.regs[SHPC_PROG_IFC] = PROG_IFC_1_0;
    for (let s = 0; s < NSLOTS; s++) {
      this.regs[eventDisable(s)] = EV_DISABLE_ALL;
      const on = this.occupied(s);
      this.setField(s, STATE, on ? STATE_ENABLED : STATE_DISABLED);
      this.setField(s, MRL_OPEN, on ? 0 : 1);
      this.setField(s, PRSNT, on ? PRSNT_7_5W : PRSNT_EMPTY);
      this.setField(s, PWR_LED, on ? LED_ON : LED_OFF);
    }
    this.msiRequested = 0;
    this.interruptUpdate();
  }

  /** QEMU's shpc_interrupt_update: the locator, then the level as MSI (on a change) or INTx. */
  private interruptUpdate(): void {
    let locator = 0;
    for (let s = 0; s < NSLOTS; s++) if (this.regs[eventLatch(s)]! & ~this.regs[eventDisable(s)]!) locator |= 1 << (s + 1);
    const serrInt = this.get32(SHPC_SERR_INT);
    if (serrInt & CMD_DETECTED && !(serrInt & CMD_INT_DIS)) locator |= INT_COMMAND;
    this.set32(SHPC_INT_LOCATOR, locator >>> 0);
    const level = !(serrInt & INT_DIS) && locator !== 0 ? 1 : 0;
    const fn = this.owner;
    if (fn) {
      if (msiEnabled(fn) && this.msiRequested !== level) {
        if (this.memory) msiNotify(fn, this.memory, 0);
      } else fn.setIntx(level === 1);
    }
    this.msiRequested = level;
  }

  private read(addr: number, size: number): number {
    if (addr >= REGS_SIZE) return 0;
    let v = 0;
    for (let i = 0; i < size && addr + i < REGS_SIZE; i++) v |= this.regs[addr + i]! << (8 * i);
    return v >>> 0;
  }

  private write(addr: number, size: number, value: number): void {
    if (addr >= REGS_SIZE) return;
    const n = Math.min(size, REGS_SIZE - addr);
    for (let i = 0; i < n; i++) {
      const a = addr + i;
      const b = (value >>> (8 * i)) & 0xff;
      this.regs[a] = ((this.regs[a]! & ~this.wmask[a]!) | (b & this.wmask[a]!)) & ~(b & this.w1cmask[a]!);
    }
    if (addr < SHPC_CMD_CODE + 2 && addr + n > SHPC_CMD_CODE) this.command();
    this.interruptUpdate();
  }

  private readonly handler: IoHandler = {
    read: (offset, size) => this.read(offset, size),
    write: (offset, size, value) => this.write(offset, size, value),
  };

  private invalidCommand(): void {
    this.regs[SHPC_CMD_STATUS] = this.regs[SHPC_CMD_STATUS]! | CMD_STATUS_INVALID_CMD;
  }

  /** A command written to the command register (§4.2.9), done at once. */
  private command(): void {
    const code = this.regs[SHPC_CMD_CODE]!;
    this.regs[SHPC_CMD_STATUS] = this.regs[SHPC_CMD_STATUS]! & ~CMD_STATUS_CLEARED;
    if (code <= 0x3f) {
      this.slotCommand(this.regs[SHPC_CMD_TRGT]! & CMD_TRGT_MAX, code & STATE, (code & PWR_LED) >> 2, (code & ATTN_LED) >> 4);
    } else if (code <= 0x47) {
      // Only 33 MHz conventional is offered.
      if ((code & 7) !== 0) this.regs[SHPC_CMD_STATUS] = this.regs[SHPC_CMD_STATUS]! | CMD_STATUS_INVALID_MODE;
    } else if (code === 0x48 || code === 0x49) {
      this.allSlots(code === 0x48 ? STATE_PWRONLY : STATE_ENABLED);
    } else this.invalidCommand();
    this.set32(SHPC_SERR_INT, (this.get32(SHPC_SERR_INT) | CMD_DETECTED) >>> 0);
  }

  /** Power-only / enable all slots: refused while any slot is enabled; slots with the MRL open get their LED off. */
  private allSlots(state: number): void {
    for (let s = 0; s < NSLOTS; s++) {
      if (this.field(s, STATE) === STATE_ENABLED) {
        this.invalidCommand();
        return;
      }
    }
    for (let s = 0; s < NSLOTS; s++) {
      if (!this.field(s, MRL_OPEN)) this.slotCommand(s + 1, state, LED_ON, LED_NO);
      else this.slotCommand(s + 1, STATE_NO, LED_OFF, LED_NO);
    }
  }

  private slotCommand(target: number, state: number, power: number, attn: number): void {
    const s = target - 1;
    if (target < 1 || s >= NSLOTS) {
      this.invalidCommand();
      return;
    }
    const current = this.field(s, STATE);
    if (current === STATE_ENABLED && state === STATE_PWRONLY) {
      this.invalidCommand();
      return;
    }
    if (power !== LED_NO) this.setField(s, PWR_LED, power);
    if (attn !== LED_NO) this.setField(s, ATTN_LED, attn);
    if (state !== STATE_NO) this.setField(s, STATE, state);
    // Disabling a powered slot whose power LED is off removes what is in it.
    if ((current === STATE_ENABLED || current === STATE_PWRONLY) && state === STATE_DISABLED && this.field(s, PWR_LED) === LED_OFF) {
      this.removeSlot(s);
    }
  }

  private removeSlot(s: number): void {
    const bus = this.owner?.secondary;
    const slots = this.owner && PcieSlotHotplug.of(this.owner);
    if (bus) for (const f of bus.functions().filter((x) => x.slot === s + 1)) slots?.remove(f);
    this.setField(s, MRL_OPEN, 1);
    this.setField(s, PRSNT, PRSNT_EMPTY);
    this.regs[eventLatch(s)] = this.regs[eventLatch(s)]! | EV_MRL | EV_PRESENCE;
  }

  /** QEMU's slot check for plug and unplug: devices 1..31. */
  static checkSlot(pciSlot: number): void {
    if (pciSlot < 1 || pciSlot - 1 >= NSLOTS) {
      throw new UsageError(`Unsupported PCI slot ${pciSlot} for standard hotplug controller. Valid slots are between 1 and ${NSLOTS}.`);
    }
  }

  /** A device was hot-added in a slot: presence (or, with the MRL closed, a button press cancelling a removal). */
  plugged(fn: PciFunction): void {
    const s = fn.slot - 1;
    if (this.field(s, MRL_OPEN)) {
      this.setField(s, MRL_OPEN, 0);
      this.setField(s, PRSNT, PRSNT_7_5W);
      this.regs[eventLatch(s)] = this.regs[eventLatch(s)]! | EV_BUTTON | EV_MRL | EV_PRESENCE;
    } else this.regs[eventLatch(s)] = this.regs[eventLatch(s)]! | EV_BUTTON;
    this.setField(s, M66, 0);
    this.interruptUpdate();
  }

  /** device_del: the attention button, or the removal at once when the slot is disabled with its power LED off. */
  requestRemoval(fn: PciFunction): void {
    Shpc.checkSlot(fn.slot);
    const s = fn.slot - 1;
    if (this.field(s, STATE) === STATE_DISABLED && this.field(s, PWR_LED) === LED_OFF) this.removeSlot(s);
    else this.regs[eventLatch(s)] = this.regs[eventLatch(s)]! | EV_BUTTON;
    this.setField(s, M66, 0);
    this.interruptUpdate();
  }

  /**
   * After a config write touching the capability: a write reaching DWORD data stores, into the
   * selected dword, the register-set dword at the capability's own offset + 4 (what QEMU 7.2 does,
   * not the value written); then DWORD data shows the selected dword again.
   */
  configWritten(offset: number, length: number): void {
    const fn = this.owner;
    if (!fn) return;
    const cap = findCapability(fn.config, PCI_CAP_ID_SHPC);
    if (cap === undefined || offset >= cap + 8 || offset + length <= cap) return;
    const select = fn.config.get(cap + CAP_DWORD_SELECT, 1);
    if (offset < cap + CAP_DWORD_DATA + 4 && offset + length > cap + CAP_DWORD_DATA) {
      this.write(select * 4, 4, this.read(cap + CAP_DWORD_DATA, 4));
    }
    fn.config.set(cap + CAP_DWORD_DATA, 4, this.read(select * 4, 4));
  }
}
