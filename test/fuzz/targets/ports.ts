/**
 * ports: sequences of port accesses (every width) on pc and q35 machines with their default devices
 * and vmgenid: 90% aimed at a registered range (RTC/CMOS, PIC-less board ports, PM, fw_cfg, PCI host,
 * debugcon, COM1, ACPI hot-plug...), 10% anywhere in the 64 KiB space. A reset through 0xCF9 is a
 * designed signal (typed); anything else out of a handler is a finding.
 */
import fc from 'fast-check';
import { describeOps, machinePool, runOps, sizeArb, u32Arb } from './machine-ops.js';
import type { Op } from './machine-ops.js';
import type { FuzzCase, FuzzTarget } from '../target.js';

interface PortsCase {
  readonly board: number;
  readonly ops: readonly Op[];
}

export const target: FuzzTarget<PortsCase> = {
  name: 'ports',
  summary: 'port in/out sequences on pc and q35 (default devices + vmgenid), aimed at every registered range',
  batchSize: 50_000,
  unavailable: () => undefined,
  async prepare(): Promise<FuzzCase<PortsCase>> {
    const machines = machinePool([
      ['-machine', 'pc', '-m', '64M', '-device', 'vmgenid'],
      ['-machine', 'q35', '-m', '64M', '-device', 'vmgenid'],
    ]);
    const ports = [...new Set(machines.flatMap((m) => m.ports.list().map((r) => r.base)))].sort((a, b) => a - b);
    const port = fc.oneof(
      { weight: 9, arbitrary: fc.tuple(fc.constantFrom(...ports), fc.integer({ min: 0, max: 7 })).map(([b, o]) => (b + o) & 0xffff) },
      { weight: 1, arbitrary: fc.nat({ max: 0xffff }) },
    );
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ k: fc.constant('out' as const), port, size: sizeArb, value: u32Arb }),
      fc.record({ k: fc.constant('in' as const), port, size: sizeArb }),
    );
    return {
      arbitrary: fc.record({ board: fc.nat({ max: machines.length - 1 }), ops: fc.array(op, { minLength: 1, maxLength: 32 }) }),
      run: (c) => ({ typed: runOps(machines[c.board]!, c.ops) }),
      describe: (c) => `${c.board === 0 ? 'pc' : 'q35'}: ${describeOps(c.ops)}`,
    };
  },
};
