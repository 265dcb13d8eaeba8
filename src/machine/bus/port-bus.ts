import type { AccessSize, IoHandler } from './io-handler.js';
import { allOnes, MappingError } from './io-handler.js';
import { logger } from '../../lib/log.js';
import { hex } from '../../lib/hex.js';

const log = logger('ioport');

export const PORT_COUNT = 0x10000;

export interface PortRange {
  readonly name: string;
  readonly base: number;
  readonly length: number;
  readonly handler: IoHandler;
  /** Guest-programmed ranges (I/O BARs, PM base) may overlap; board ranges may not. */
  readonly mayOverlap: boolean;
}

/**
 * The x86 port-I/O space: 65536 byte ports. An access inside one range with a width
 * the handler takes goes to it whole; anything else is split into bytes, each decoded
 * on its own (all-ones where nothing listens).
 */
export class PortBus {
  private readonly owner: Array<PortRange | undefined> = new Array<PortRange | undefined>(PORT_COUNT).fill(undefined);
  private readonly ranges: PortRange[] = [];
  /** Bumped on every register/unregister. */
  version = 0;

  register(name: string, base: number, length: number, handler: IoHandler, mayOverlap = false): PortRange {
    if (!Number.isInteger(base) || base < 0 || length <= 0 || base + length > PORT_COUNT) {
      throw new MappingError(`${name}: bad port range ${hex(base)}+${length}`);
    }
    if (!mayOverlap) {
      const clash = this.ranges.find((r) => !r.mayOverlap && r.base < base + length && base < r.base + r.length);
      if (clash) throw new MappingError(`${name} ports ${hex(base)}+${length} overlap ${clash.name} ${hex(clash.base)}+${clash.length}`);
    }
    const range: PortRange = { name, base, length, handler, mayOverlap };
    this.ranges.push(range);
    this.repaint(base, length);
    log('register %s %s+%d', name, hex(base, 4), length);
    return range;
  }

  unregister(range: PortRange): void {
    const i = this.ranges.indexOf(range);
    if (i < 0) throw new MappingError(`${range.name} is not registered`);
    this.ranges.splice(i, 1);
    this.repaint(range.base, range.length);
    log('unregister %s %s+%d', range.name, hex(range.base, 4), range.length);
  }

  /** The range that decodes `port`, if any. */
  rangeAt(port: number): PortRange | undefined {
    return this.owner[port & 0xffff];
  }

  list(): readonly PortRange[] {
    return this.ranges;
  }

  /** Ranges sharing at least one port (guest-programmed ones can collide). */
  overlaps(): Array<[PortRange, PortRange]> {
    const out: Array<[PortRange, PortRange]> = [];
    for (let i = 0; i < this.ranges.length; i++) {
      for (let j = i + 1; j < this.ranges.length; j++) {
        const a = this.ranges[i]!;
        const b = this.ranges[j]!;
        if (a.base < b.base + b.length && b.base < a.base + a.length) out.push([a, b]);
      }
    }
    return out;
  }

  /** The most recently registered range wins a port (like a later-mapped BAR). */
  private repaint(base: number, length: number): void {
    this.version++;
    const end = base + length;
    this.owner.fill(undefined, base, end);
    // In registration order, so a later range overwrites an earlier one where they overlap.
    for (const r of this.ranges) {
      const from = Math.max(base, r.base);
      const to = Math.min(end, r.base + r.length);
      if (from < to) this.owner.fill(r, from, to);
    }
  }

  read(port: number, size: AccessSize): number {
    port &= 0xffff;
    const r = this.owner[port];
    if (r && port + size <= r.base + r.length && ((r.handler.sizes ?? 7) & size) !== 0) {
      return r.handler.read(port - r.base, size);
    }
    if (!r && port + size <= PORT_COUNT) {
      let any = false;
      for (let i = 1; i < size; i++) if (this.owner[port + i]) any = true;
      if (!any) {
        if (log.enabled) log('unmapped in %s/%d', hex(port, 4), size);
        return allOnes(size);
      }
    }
    if (r && size === 4 && ((r.handler.sizes ?? 7) & 2) !== 0 && port + 4 <= r.base + r.length) {
      return (r.handler.read(port - r.base, 2) | (r.handler.read(port - r.base + 2, 2) << 16)) >>> 0;
    }
    let v = 0;
    for (let i = size - 1; i >= 0; i--) {
      const p = (port + i) & 0xffff;
      const b = this.owner[p];
      v = v * 256 + (b ? b.handler.read(p - b.base, 1) & 0xff : 0xff);
    }
    return v;
  }

  write(port: number, size: AccessSize, value: number): void {
    port &= 0xffff;
    const r = this.owner[port];
    if (r && port + size <= r.base + r.length && ((r.handler.sizes ?? 7) & size) !== 0) {
      r.handler.write(port - r.base, size, value);
      return;
    }
    if (!r && log.enabled) log('unmapped out %s/%d = %s', hex(port, 4), size, hex(value));
    if (r && size === 4 && ((r.handler.sizes ?? 7) & 2) !== 0 && port + 4 <= r.base + r.length) {
      r.handler.write(port - r.base, 2, value & 0xffff);
      r.handler.write(port - r.base + 2, 2, value >>> 16);
      return;
    }
    for (let i = 0; i < size; i++) {
      const p = (port + i) & 0xffff;
      const b = this.owner[p];
      if (b) b.handler.write(p - b.base, 1, value & 0xff);
      value >>>= 8;
    }
  }
}
