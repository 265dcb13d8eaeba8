/**
 * Shared by the machine-side targets (fwcfg-dma, ports, config-space): sequences of guest accesses
 * (port in/out, memory load/store) run on machines made once per batch process. The oracle: nothing but a CpuResetSignal (0xCF9, by design) leaves the buses, and what the
 * guest may not change (read-only fw_cfg items, PCI ids) stays as it was.
 */
import fc from 'fast-check';
import { createMachine } from '../../../src/machine/create-machine.js';
import type { Machine } from '../../../src/machine/machine.js';
import { CpuResetSignal } from '../../../src/machine/cpu/cpu-core.js';
import { OracleViolation } from '../target.js';

export type Op =
  | { readonly k: 'out'; readonly port: number; readonly size: 1 | 2 | 4; readonly value: number }
  | { readonly k: 'in'; readonly port: number; readonly size: 1 | 2 | 4 }
  | { readonly k: 'store'; readonly addr: number; readonly size: 1 | 2 | 4; readonly value: number }
  | { readonly k: 'load'; readonly addr: number; readonly size: 1 | 2 | 4 }
  | { readonly k: 'bytes'; readonly addr: number; readonly data: readonly number[] };

export const sizeArb = fc.constantFrom<1 | 2 | 4>(1, 2, 4);
export const u32Arb = fc.oneof(fc.constantFrom(0, 1, 0xff, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff), fc.nat({ max: 0xffffffff }));

/** Runs the ops; returns how many ended in a designed signal (a reset). Anything else thrown propagates. */
export function runOps(m: Machine, ops: readonly Op[]): number {
  let typed = 0;
  for (const op of ops) {
    try {
      switch (op.k) {
        case 'out': m.ports.write(op.port, op.size, op.value % 2 ** (8 * op.size)); break;
        case 'in': m.ports.read(op.port, op.size); break;
        case 'store': m.memory.write(op.addr, op.size, op.value % 2 ** (8 * op.size)); break;
        case 'load': m.memory.read(op.addr, op.size); break;
        case 'bytes': m.memory.writeBytes(op.addr, Uint8Array.from(op.data)); break;
      }
    } catch (e) {
      if (!(e instanceof CpuResetSignal)) throw e;
      typed++;
    }
  }
  return typed;
}

export function describeOps(ops: readonly Op[]): string {
  const h = (n: number) => `0x${n.toString(16)}`;
  return ops.map((o) => {
    switch (o.k) {
      case 'out': return `out${o.size * 8} ${h(o.port)},${h(o.value)}`;
      case 'in': return `in${o.size * 8} ${h(o.port)}`;
      case 'store': return `store${o.size * 8} ${h(o.addr)},${h(o.value)}`;
      case 'load': return `load${o.size * 8} ${h(o.addr)}`;
      case 'bytes': return `bytes ${h(o.addr)} [${o.data.map(h).join(' ')}]`;
    }
  }).join('; ') || '(none)';
}

/** The machines of a batch process (a replayed case runs on fresh ones: it may need its batch to repeat). */
export function machinePool(argsList: readonly (readonly string[])[]): Machine[] {
  return argsList.map((args) => createMachine([...args]));
}

/** Fails when `now` differs from `before` (the bytes a guest may not change). */
export function unchanged(what: string, before: ReadonlyMap<string, Uint8Array | number>, now: ReadonlyMap<string, Uint8Array | number>): void {
  for (const [k, v] of before) {
    const w = now.get(k);
    const same = typeof v === 'number' ? v === w : w instanceof Uint8Array && Buffer.compare(v, w) === 0;
    if (!same) throw new OracleViolation(`${what} '${k}' changed`);
  }
}
