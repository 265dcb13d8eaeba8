import type { AccessSize, IoHandler } from '../bus/io-handler.js';
import {
  TIS_ACCESS, TIS_BUFFER_SIZE, TIS_BURST_COUNT_SHIFT, TIS_CAPABILITY_TPM2, TIS_DID_VID, TIS_INT, TIS_INTERFACE_ID_INT_SEL_LOCK,
  TIS_INTERFACE_ID_TPM2, TIS_INTERRUPTS, TIS_NO_DATA_BYTE, TIS_REG, TIS_RID, TIS_STS, TPM_TIS_LOCALITIES, TPM_TIS_LOCALITY_SHIFT,
} from '../../spec/tpm.js';
import type { TpmBackend } from './tpm2-responder.js';
import type { IrqLine } from '../wiring/device-context.js';
import { SnapshotMismatch, jsonObject, num } from '../snapshot/part-state.js';
import type { JsonValue, PartState, Snapshottable } from '../snapshot/part-state.js';

const STATES = ['idle', 'ready', 'reception', 'completion'] as const;
type State = typeof STATES[number];

interface Locality {
  access: number;
  sts: number;
  inte: number;
  ints: number;
  ifaceId: number;
  state: State;
}

const NONE = 0xff;

/**
 * The TPM's FIFO (TIS) interface as QEMU 7.2's tpm-tis shows it (PTP §6.5): five localities of
 * 4 KiB, ACCESS/STS/FIFO with burst counts, a TPM 2.0 identity. Commands run synchronously: GO
 * moves straight to data-available. Guest misuse drops writes and reads 0xff, as the device does.
 */
export class TpmTis implements IoHandler, Snapshottable {
  readonly sizes = 1 | 2 | 4;
  private readonly loc: Locality[] = [];
  private active = NONE;
  private buffer = new Uint8Array(TIS_BUFFER_SIZE);
  private offset = 0;
  private responseLength = 0;

  constructor(private readonly backend: TpmBackend, private readonly irq: IrqLine, readonly irqNumber: number) {
    this.reset();
  }

  reset(): void {
    this.backend.reset();
    this.active = NONE;
    this.offset = 0;
    this.responseLength = 0;
    this.loc.length = 0;
    for (let i = 0; i < TPM_TIS_LOCALITIES; i++) {
      this.loc.push({ access: TIS_ACCESS.REG_VALID_STS, sts: TIS_STS.FAMILY_2_0, inte: TIS_INT.POLARITY_LOW_LEVEL, ints: 0, ifaceId: TIS_INTERFACE_ID_TPM2, state: 'idle' });
    }
    this.irq.set(false);
  }

  saveState(): PartState {
    const loc: JsonValue[] = this.loc.map((l) => ({ access: l.access, sts: l.sts, inte: l.inte, ints: l.ints, ifaceId: l.ifaceId, state: STATES.indexOf(l.state) }));
    return { json: { active: this.active, offset: this.offset, responseLength: this.responseLength, backend: this.backend.saveState(), loc }, bytes: this.buffer.slice() };
  }

  loadState(state: PartState): void {
    const o = jsonObject(state, 'tpm-tis');
    const loc = o.loc;
    if (!Array.isArray(loc) || loc.length !== TPM_TIS_LOCALITIES || state.bytes?.length !== TIS_BUFFER_SIZE) throw new SnapshotMismatch('section tpm-tis: wrong shape');
    this.loc.length = 0;
    for (const j of loc) {
      const l = jsonObject({ json: j }, 'tpm-tis locality');
      const st = STATES[num(l, 'state')];
      if (!st) throw new SnapshotMismatch('section tpm-tis: bad locality state');
      this.loc.push({ access: num(l, 'access'), sts: num(l, 'sts'), inte: num(l, 'inte'), ints: num(l, 'ints'), ifaceId: num(l, 'ifaceId'), state: st });
    }
    this.active = num(o, 'active');
    this.offset = num(o, 'offset');
    this.responseLength = num(o, 'responseLength');
    this.backend.loadState(o.backend ?? null);
    this.buffer = state.bytes.slice();
  }

  read(offset: number, size: AccessSize): number {
    // QEMU's memory core splits an access that is not naturally aligned into byte accesses.
    if (offset & (size - 1)) {
      let v = 0;
      for (let i = 0; i < size; i++) v |= this.read(offset + i, 1) << (8 * i);
      return v >>> 0;
    }
    const l = offset >>> TPM_TIS_LOCALITY_SHIFT;
    const loc = this.loc[l];
    if (!loc) return 0xffffffff;
    const reg = offset & 0xffc;
    const shift = (offset & 3) * 8;
    let val = 0xffffffff;
    switch (reg) {
      case TIS_REG.ACCESS:
        val = loc.access & ~TIS_ACCESS.SEIZE;
        if (this.loc.some((o, i) => i !== l && (o.access & TIS_ACCESS.REQUEST_USE))) val |= TIS_ACCESS.PENDING_REQUEST;
        // No locality ever established a dynamic root of trust: the bit reads 1 ("not established").
        val |= TIS_ACCESS.ESTABLISHMENT;
        break;
      case TIS_REG.INT_ENABLE: val = loc.inte; break;
      case TIS_REG.INT_VECTOR: val = this.irqNumber; break;
      case TIS_REG.INT_STATUS: val = loc.ints; break;
      case TIS_REG.INTF_CAPABILITY: val = TIS_CAPABILITY_TPM2; break;
      case TIS_REG.STS:
        if (this.active !== l) break;
        if (loc.sts & TIS_STS.DATA_AVAILABLE) val = ((this.responseLength - this.offset) << TIS_BURST_COUNT_SHIFT) | loc.sts;
        else {
          let avail = TIS_BUFFER_SIZE - this.offset;
          if (size === 1 && avail > 0xff) avail = 0xff;
          val = (avail << TIS_BURST_COUNT_SHIFT) | loc.sts;
        }
        break;
      case TIS_REG.INTERFACE_ID: val = loc.ifaceId; break;
      case TIS_REG.DID_VID: val = TIS_DID_VID; break;
      case TIS_REG.RID: val = TIS_RID; break;
      default:
        if (reg === TIS_REG.DATA_FIFO || (reg >= TIS_REG.DATA_XFIFO && reg <= TIS_REG.DATA_XFIFO_END)) {
          if (this.active !== l) break;
          let v = 0;
          for (let i = 0; i < Math.min(size, 4 - (offset & 3)); i++) v |= this.fifoRead(l) << (8 * i);
          return v >>> 0;
        }
    }
    return size >= 4 ? (val >>> shift) >>> 0 : (val >>> shift) & ((1 << (size * 8)) - 1);
  }

  write(offset: number, size: AccessSize, value: number): void {
    if (offset & (size - 1)) {
      for (let i = 0; i < size; i++) this.write(offset + i, 1, (value >>> (8 * i)) & 0xff);
      return;
    }
    const l = offset >>> TPM_TIS_LOCALITY_SHIFT;
    const loc = this.loc[l];
    // Locality 4 belongs to the platform's dynamic root of trust; software writes there are dropped.
    if (!loc || l === 4) return;
    const reg = offset & 0xffc;
    const val = (value << ((offset & 3) * 8)) >>> 0;
    switch (reg) {
      case TIS_REG.ACCESS: this.writeAccess(l, val); return;
      case TIS_REG.INT_ENABLE:
        if (this.active === l) loc.inte = (val & (TIS_INT.ENABLED | TIS_INT.POLARITY_MASK | TIS_INTERRUPTS)) >>> 0;
        return;
      case TIS_REG.INT_STATUS:
        if (this.active !== l) return;
        loc.ints &= ~(val & TIS_INTERRUPTS);
        if (loc.ints === 0) this.irq.set(false);
        return;
      case TIS_REG.STS: this.writeSts(l, val); return;
      case TIS_REG.INTERFACE_ID:
        if (val & TIS_INTERFACE_ID_INT_SEL_LOCK) for (const o of this.loc) o.ifaceId |= TIS_INTERFACE_ID_INT_SEL_LOCK;
        return;
      default:
        if (reg === TIS_REG.DATA_FIFO || (reg >= TIS_REG.DATA_XFIFO && reg <= TIS_REG.DATA_XFIFO_END)) {
          for (let i = 0; i < Math.min(size, 4 - (offset & 3)); i++) this.fifoWrite(l, (value >>> (8 * i)) & 0xff);
        }
    }
  }

  private setSts(loc: Locality, flags: number): void {
    loc.sts = (loc.sts & (TIS_STS.SELFTEST_DONE | TIS_STS.FAMILY_MASK)) | flags;
  }

  private raise(l: number, mask: number): void {
    const loc = this.loc[l]!;
    if ((loc.inte & TIS_INT.ENABLED) && (loc.inte & mask)) {
      loc.ints |= mask;
      this.irq.set(true);
    }
  }

  private activate(l: number): void {
    if (l === this.active) return;
    if (this.active !== NONE) this.loc[this.active]!.access &= ~(TIS_ACCESS.ACTIVE_LOCALITY | TIS_ACCESS.REQUEST_USE);
    this.active = l;
    if (l !== NONE) {
      const loc = this.loc[l]!;
      loc.access = (loc.access | TIS_ACCESS.ACTIVE_LOCALITY) & ~(TIS_ACCESS.REQUEST_USE | TIS_ACCESS.SEIZE);
      this.raise(l, TIS_INT.LOCALITY_CHANGED);
    }
  }

  private writeAccess(l: number, val: number): void {
    const loc = this.loc[l]!;
    if (val & TIS_ACCESS.BEEN_SEIZED) loc.access &= ~TIS_ACCESS.BEEN_SEIZED;
    if (val & TIS_ACCESS.SEIZE) {
      if (this.active === NONE || l > this.active) {
        if (this.active !== NONE) this.loc[this.active]!.access |= TIS_ACCESS.BEEN_SEIZED;
        this.abort();
        this.activate(l);
      }
      return;
    }
    if (val & TIS_ACCESS.ACTIVE_LOCALITY) {
      if (this.active === l) {
        // Relinquish: the highest locality asking for use gets it.
        let next = NONE;
        for (let c = TPM_TIS_LOCALITIES - 1; c >= 0; c--) if (this.loc[c]!.access & TIS_ACCESS.REQUEST_USE) { next = c; break; }
        this.abort();
        this.activate(next);
      } else loc.access &= ~TIS_ACCESS.REQUEST_USE;
    }
    if ((val & TIS_ACCESS.REQUEST_USE) && this.active !== l) {
      if (this.active === NONE) this.activate(l);
      else loc.access |= TIS_ACCESS.REQUEST_USE;
    }
  }

  /** Abandons a command in flight on the active locality: back to idle, buffer emptied. */
  private abort(): void {
    if (this.active === NONE) return;
    const loc = this.loc[this.active]!;
    this.offset = 0;
    this.responseLength = 0;
    if (loc.state !== 'idle') {
      loc.state = 'ready';
      this.setSts(loc, TIS_STS.COMMAND_READY);
    }
  }

  private writeSts(l: number, raw: number): void {
    if (this.active !== l) return;
    const loc = this.loc[l]!;
    const val = raw & (TIS_STS.COMMAND_READY | TIS_STS.GO | TIS_STS.RESPONSE_RETRY);
    if (val === TIS_STS.COMMAND_READY) {
      if (loc.state === 'ready') this.offset = 0;
      else if (loc.state === 'idle') {
        this.setSts(loc, TIS_STS.COMMAND_READY);
        loc.state = 'ready';
        this.raise(l, TIS_INT.COMMAND_READY);
      } else {
        this.offset = 0;
        this.responseLength = 0;
        loc.state = 'ready';
        this.setSts(loc, TIS_STS.COMMAND_READY);
        this.raise(l, TIS_INT.COMMAND_READY);
      }
    } else if (val === TIS_STS.GO) {
      if (loc.state === 'reception' && !(loc.sts & TIS_STS.EXPECT)) this.execute(l);
    } else if (val === TIS_STS.RESPONSE_RETRY && loc.state === 'completion') {
      this.offset = 0;
      this.setSts(loc, TIS_STS.VALID | TIS_STS.DATA_AVAILABLE);
    }
  }

  private commandSize(): number {
    return ((this.buffer[2]! << 24) | (this.buffer[3]! << 16) | (this.buffer[4]! << 8) | this.buffer[5]!) >>> 0;
  }

  private fifoWrite(l: number, byte: number): void {
    if (this.active !== l) return;
    const loc = this.loc[l]!;
    if (loc.state !== 'ready' && loc.state !== 'reception') return;
    if (loc.state === 'ready') {
      loc.state = 'reception';
      this.setSts(loc, TIS_STS.EXPECT | TIS_STS.VALID);
    }
    if (!(loc.sts & TIS_STS.EXPECT)) return;
    if (this.offset >= TIS_BUFFER_SIZE) {
      this.setSts(loc, TIS_STS.VALID);
      return;
    }
    this.buffer[this.offset++] = byte;
    if (this.offset > 5) this.setSts(loc, this.commandSize() > this.offset ? TIS_STS.EXPECT | TIS_STS.VALID : TIS_STS.VALID);
  }

  private fifoRead(l: number): number {
    const loc = this.loc[l]!;
    if (loc.state !== 'completion' || !(loc.sts & TIS_STS.DATA_AVAILABLE)) return TIS_NO_DATA_BYTE;
    const b = this.buffer[this.offset++]!;
    if (this.offset >= this.responseLength) {
      this.setSts(loc, TIS_STS.VALID);
      this.raise(l, TIS_INT.STS_VALID);
    }
    return b;
  }

  private execute(l: number): void {
    const loc = this.loc[l]!;
    const reply = this.backend.execute(this.buffer.slice(0, this.offset));
    this.buffer.fill(0);
    this.buffer.set(reply.subarray(0, TIS_BUFFER_SIZE));
    this.responseLength = Math.min(reply.length, TIS_BUFFER_SIZE);
    this.offset = 0;
    if (this.backend.selfTestDone) for (const o of this.loc) o.sts |= TIS_STS.SELFTEST_DONE;
    this.setSts(loc, TIS_STS.VALID | TIS_STS.DATA_AVAILABLE);
    loc.state = 'completion';
    this.raise(l, TIS_INT.DATA_AVAILABLE | TIS_INT.STS_VALID);
  }
}
