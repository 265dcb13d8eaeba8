import type { Machine } from '../../src/machine/machine.js';

type Size = 1 | 2 | 4;

/** Config cycles through mechanism #1 on the machine's I/O ports, as firmware does them. */
export function cfgAddress(bus: number, devfn: number, reg: number): number {
  return (0x80000000 | (bus << 16) | (devfn << 8) | (reg & 0xfc)) >>> 0;
}

export function cfgRead(m: Machine, bus: number, devfn: number, reg: number, size: Size): number {
  m.ports.write(0xcf8, 4, cfgAddress(bus, devfn, reg));
  return m.ports.read(0xcfc + (reg & 3), size);
}

export function cfgWrite(m: Machine, bus: number, devfn: number, reg: number, size: Size, value: number): void {
  m.ports.write(0xcf8, 4, cfgAddress(bus, devfn, reg));
  m.ports.write(0xcfc + (reg & 3), size, value);
}

export { prng } from '../helpers/prng.js';

/** JSON with object keys sorted, so two trees compare independently of key order. */
export function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  }
  return value;
}
