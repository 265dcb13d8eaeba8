/**
 * The machine's virtual clock (jsbeeb's injected scheduler): time moves only when the
 * CPU spends it (port I/O, a delay, a halt), so every run is deterministic.
 */
export interface Timer {
  readonly at: number;
  readonly callback: () => void;
}

import type { PartState, Snapshottable } from './snapshot/part-state.js';
import { SnapshotMismatch, jsonObject, num } from './snapshot/part-state.js';

export class VirtualClock implements Snapshottable {
  private ns = 0;
  private timers: Timer[] = [];

  now(): number {
    return this.ns;
  }

  /** Run `callback` once virtual time reaches `at` (ns). */
  schedule(at: number, callback: () => void): Timer {
    const t: Timer = { at, callback };
    this.timers.push(t);
    this.timers.sort((a, b) => a.at - b.at);
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

  /** Virtual time. Timers are the devices' to re-arm in their own loadState (none pends while a program idles). */
  saveState(): PartState {
    return { json: { ns: this.ns, timers: this.timers.length } };
  }

  loadState(state: PartState): void {
    const o = jsonObject(state, 'clock');
    if (this.timers.length !== 0) throw new SnapshotMismatch('clock: timers pending on the restoring machine');
    this.ns = num(o, 'ns');
  }

  reset(): void {
    this.ns = 0;
    this.timers = [];
  }
}
