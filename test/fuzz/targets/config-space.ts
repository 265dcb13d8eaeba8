/**
 * config-space: PCI configuration cycles on pc and q35 (with bridges, root ports and endpoints):
 * 0xCF8 addresses (enable bit, bus, devfn, register) then 0xCFC..0xCFF accesses of every width, and
 * on q35 ECAM loads/stores once MMCONFIG is enabled at 0xB0000000. The oracle adds: a function's
 * vendor, device, revision, class and header type never change.
 */
import fc from 'fast-check';
import type { Machine } from '../../../src/machine/machine.js';
import { describeOps, machinePool, runOps, sizeArb, u32Arb, unchanged } from './machine-ops.js';
import type { Op } from './machine-ops.js';
import type { FuzzCase, FuzzTarget } from '../target.js';

const ECAM = 0xb0000000;

interface ConfigCase {
  readonly board: number;
  readonly ops: readonly Op[];
}

function ids(m: Machine): Map<string, number> {
  const out = new Map<string, number>();
  m.pci.host.functions().forEach((f, i) => {
    out.set(`${i} ${f.label} id`, f.config.get(0x00, 4));
    out.set(`${i} ${f.label} class/rev`, f.config.get(0x08, 4));
    out.set(`${i} ${f.label} header`, f.config.get(0x0e, 1) & 0x7f);
  });
  return out;
}

export const target: FuzzTarget<ConfigCase> = {
  name: 'config-space',
  summary: 'PCI config cycles (0xCF8/0xCFC, q35 ECAM) on pc and q35 with bridges and endpoints',
  batchSize: 50_000,
  unavailable: () => undefined,
  async prepare(): Promise<FuzzCase<ConfigCase>> {
    const machines = machinePool([
      ['-machine', 'pc', '-m', '64M', '-device', 'pci-bridge,id=br1,chassis_nr=1', '-device', 'e1000,bus=br1', '-device', 'vmgenid'],
      ['-machine', 'q35', '-m', '64M', '-device', 'pcie-root-port,id=rp1,chassis=1', '-device', 'nvme,serial=x,bus=rp1', '-device', 'e1000', '-device', 'vmgenid'],
    ]);
    // q35: MMCONFIG on at 0xB0000000 (PCIEXBAR), so ECAM accesses decode.
    machines[1]!.pci.configWrite(0, 0, 0x60, 4, ECAM | 1);
    const before = machines.map(ids);
    const devfns = [...new Set(machines.flatMap((m) => m.pci.host.functions().map((f) => f.devfn)))];
    const cf8 = fc.record({ bus: fc.oneof(fc.constantFrom(0, 1, 2), fc.nat({ max: 255 })), devfn: fc.oneof(fc.constantFrom(...devfns), fc.nat({ max: 255 })), reg: fc.nat({ max: 255 }), enable: fc.boolean() })
      .map(({ bus, devfn, reg, enable }) => ((enable ? 0x80000000 : 0) | (bus << 16) | (devfn << 8) | (reg & 0xfc)) >>> 0);
    const op: fc.Arbitrary<Op> = fc.oneof(
      { weight: 3, arbitrary: fc.record({ k: fc.constant('out' as const), port: fc.constant(0xcf8), size: fc.constant(4 as const), value: cf8 }) },
      { weight: 3, arbitrary: fc.record({ k: fc.constant('out' as const), port: fc.integer({ min: 0xcfc, max: 0xcff }), size: sizeArb, value: u32Arb }) },
      { weight: 3, arbitrary: fc.record({ k: fc.constant('in' as const), port: fc.integer({ min: 0xcf8, max: 0xcff }), size: sizeArb }) },
      { weight: 1, arbitrary: fc.record({ k: fc.constant('out' as const), port: fc.constantFrom(0xcf8, 0xcf9, 0xcfa, 0xcfb), size: sizeArb, value: u32Arb }) },
      { weight: 2, arbitrary: fc.record({ k: fc.constant('store' as const), addr: fc.tuple(fc.nat({ max: 3 }), fc.constantFrom(...devfns), fc.nat({ max: 4095 })).map(([b, d, r]) => ECAM + b * 2 ** 20 + d * 4096 + r), size: sizeArb, value: u32Arb }) },
      { weight: 2, arbitrary: fc.record({ k: fc.constant('load' as const), addr: fc.tuple(fc.nat({ max: 3 }), fc.constantFrom(...devfns), fc.nat({ max: 4095 })).map(([b, d, r]) => ECAM + b * 2 ** 20 + d * 4096 + r), size: sizeArb }) },
    );
    return {
      arbitrary: fc.record({ board: fc.nat({ max: 1 }), ops: fc.array(op, { minLength: 1, maxLength: 32 }) }),
      run: (c) => {
        const m = machines[c.board]!;
        const typed = runOps(m, c.ops);
        unchanged('PCI register', before[c.board]!, ids(m));
        return { typed };
      },
      describe: (c) => `${c.board === 0 ? 'pc' : 'q35'}: ${describeOps(c.ops)}`,
    };
  },
};
