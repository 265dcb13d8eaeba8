/**
 * The machine's virtual clock (jsbeeb's injected scheduler): time moves only when the
 * CPU spends it (port I/O, a delay, a halt), so every run is deterministic.
 */
export interface Timer {
  readonly at: number;
  /** Order among timers due at the same instant: the order they were armed in. */
  readonly seq: number;
  readonly callback: () => void;
}

import type { PartState, Snapshottable } from './snapshot/part-state.js';
import { SnapshotMismatch, jsonObject, num } from './snapshot/part-state.js';

/** A pending timer as a device saves it (decision 0048): its deadline and its place in the queue. */
export interface SavedTimer {
  readonly at: number;
  readonly seq: number;
}

export class VirtualClock implements Snapshottable {
  private ns = 0;
  private timers: Timer[] = [];
  private nextSeq = 0;
  /** Timers the loaded snapshot had pending; the devices re-arm them in their own loadState. */
  private savedTimers: number | undefined;

  now(): number {
    return this.ns;
  }

  /** Run `callback` once virtual time reaches `at` (ns). */
  schedule(at: number, callback: () => void): Timer {
    return this.insert({ at, seq: this.nextSeq++, callback });
  }

  /** Re-arm a timer a snapshot saved (SavedTimer), in the place it had in the queue. */
  restore(saved: SavedTimer, callback: () => void): Timer {
    return this.insert({ at: saved.at, seq: saved.seq, callback });
  }

  private insert(t: Timer): Timer {
    this.timers.push(t);
    this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    return t;
  }

  cancel(t: Timer): void {
    this.timers = this.timers.filter((x) => x !== t);
  }

  advance(ns: number): void {
    const target = this.ns + Math.max(0, ns);
    while (this.timers.length > 0 && this.timers[0]!.at <= target) {
      const t = this.timers.shift()!;
      this.ns = Math.max(this.ns, t.at);
      t.callback();
    }
    this.ns = target;
  }

  /** Jump to the next timer (an idle CPU in `hlt`); false when none is pending. */
  skipToNextTimer(): boolean {
    const t = this.timers[0];
    if (!t) return false;
    this.advance(t.at - this.ns);
    return true;
  }

  get pendingTimers(): number {
    return this.timers.length;
  }

  /** Virtual time and how many timers pend; each device saves and re-arms its own (SavedTimer). */
  saveState(): PartState {
    return { json: { ns: this.ns, timers: this.timers.length, nextSeq: this.nextSeq } };
  }

  loadState(state: PartState): void {
    const o = jsonObject(state, 'clock');
    if (this.timers.length !== 0) throw new SnapshotMismatch('clock: timers pending on the restoring machine');
    this.ns = num(o, 'ns');
    this.nextSeq = typeof o.nextSeq === 'number' ? o.nextSeq : 0;
    this.savedTimers = num(o, 'timers');
  }

  /** After every section loaded: each timer the saved machine had pending is armed again. */
  checkRestoredTimers(): void {
    const saved = this.savedTimers;
    this.savedTimers = undefined;
    if (saved !== undefined && saved !== this.timers.length) {
      throw new SnapshotMismatch(`clock: ${saved} timers were pending when saved, ${this.timers.length} after the devices loaded`);
    }
  }

  reset(): void {
    this.ns = 0;
    this.timers = [];
  }
}
