/**
 * fwcfg-dma: sequences of fw_cfg accesses on a q35 machine with vmgenid (128 MiB): selector/data
 * port cycles and DMA descriptors (any control bits, any key, lengths up to 4 GiB, descriptors and
 * buffers in RAM, across its end, in ROM/PAM, in MMIO, unmapped), each started through 0x514/0x518.
 * The oracle adds: no read-only item changes (a guest can write only writable items, by DMA).
 * One machine per batch process, not reset between cases: a case's replay runs on a fresh machine.
 */
import fc from 'fast-check';
import { FW_CFG_PORT_DMA_HI, FW_CFG_PORT_DMA_LO, FW_CFG_PORT_SEL } from '../../../src/spec/fw-cfg.js';
import type { Machine } from '../../../src/machine/machine.js';
import { describeOps, machinePool, runOps, sizeArb, u32Arb, unchanged } from './machine-ops.js';
import type { Op } from './machine-ops.js';
import type { FuzzCase, FuzzTarget } from '../target.js';

const RAM_TOP = 128 * 2 ** 20;
const ADDRS = [0x1000, 0x7000, 0x9fff8, 0xa0000, 0xc0000, 0xf0000, 0xffff8, 0x100000, RAM_TOP - 16, RAM_TOP - 8, RAM_TOP - 1,
  RAM_TOP, 0xb0000000, 0xfec00000, 0xfed00000, 0xfee00000, 0xfffffff0, 0x100000000];
const LENGTHS = [0, 1, 4, 8, 20, 40, 0x1000, 0x20000, 0x10000000, 0x1fff0000, 0x7fffffff, 0xffffffff];

interface Dma {
  readonly k: 'dma';
  readonly desc: number;
  readonly control: number;
  readonly key: number;
  readonly length: number;
  readonly addr: number;
  readonly high: number;
}
type FwOp = Op | Dma;

function dmaArb(keys: readonly number[]): fc.Arbitrary<Dma> {
  return fc.record({
    k: fc.constant('dma' as const),
    desc: fc.oneof(fc.constantFrom(...ADDRS), fc.nat({ max: RAM_TOP })),
    // SELECT | READ | WRITE | SKIP | ERROR in any mix, sometimes garbage bits too.
    control: fc.oneof(fc.integer({ min: 0, max: 0x1f }), fc.nat({ max: 0xffff })),
    key: fc.oneof(fc.constantFrom(...keys), fc.nat({ max: 0xffff })),
    length: fc.oneof(fc.constantFrom(...LENGTHS), fc.nat({ max: 0xffffffff })),
    addr: fc.oneof(fc.constantFrom(...ADDRS), fc.nat({ max: 0xffffffff })),
    high: fc.oneof({ weight: 6, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: u32Arb }),
  });
}

function run(m: Machine, ops: readonly FwOp[]): number {
  let typed = 0;
  for (const op of ops) {
    if (op.k !== 'dma') {
      typed += runOps(m, [op]);
      continue;
    }
    const d = new Uint8Array(16);
    const v = new DataView(d.buffer);
    v.setUint32(0, (((op.key << 16) | op.control) >>> 0));
    v.setUint32(4, op.length);
    v.setUint32(8, Math.floor(op.addr / 2 ** 32));
    v.setUint32(12, op.addr >>> 0);
    m.memory.writeBytes(op.desc, d);
    const swap = (x: number) => (((x & 0xff) << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | (x >>> 24)) >>> 0;
    typed += runOps(m, [
      { k: 'out', port: FW_CFG_PORT_DMA_HI, size: 4, value: swap(op.high) },
      { k: 'out', port: FW_CFG_PORT_DMA_LO, size: 4, value: swap(op.desc >>> 0) },
    ]);
  }
  return typed;
}

function readOnlyItems(m: Machine): Map<string, Uint8Array> {
  const fw = m.fwCfg;
  return new Map(fw.files().filter((f) => !f.writable).map((f) => [f.name, fw.file(f.name)!.slice()]));
}

export const target: FuzzTarget<readonly FwOp[]> = {
  name: 'fwcfg-dma',
  summary: 'fw_cfg port and DMA sequences on q35 128 MiB + vmgenid (descriptors anywhere, lengths up to 4 GiB)',
  batchSize: 25_000,
  unavailable: () => undefined,
  async prepare(): Promise<FuzzCase<readonly FwOp[]>> {
    const [m] = machinePool([['-machine', 'q35', '-m', '128M', '-nodefaults', '-device', 'vmgenid']]);
    const machine = m!;
    const keys = [0, 1, 0x19, ...machine.fwCfg.files().map((f) => f.select)];
    const portOp: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ k: fc.constant('out' as const), port: fc.integer({ min: FW_CFG_PORT_SEL, max: FW_CFG_PORT_SEL + 11 }), size: sizeArb, value: fc.oneof(fc.constantFrom(...keys), u32Arb) }),
      fc.record({ k: fc.constant('in' as const), port: fc.integer({ min: FW_CFG_PORT_SEL, max: FW_CFG_PORT_SEL + 11 }), size: sizeArb }),
    );
    const arbitrary = fc.array(fc.oneof({ weight: 3, arbitrary: dmaArb(keys) }, { weight: 2, arbitrary: portOp }), { minLength: 1, maxLength: 12 });
    // Select every item once: QEMU rebuilds the ACPI carriers on the first select after a reset only,
    // so from here on every read-only item must stay as it is. The machine is not reset between cases
    // (a reset costs more than a case): a case runs on what the cases before it left.
    for (const f of machine.fwCfg.files()) machine.fwCfg.readItem(f.select);
    const before = readOnlyItems(machine);
    return {
      arbitrary,
      run: (ops) => {
        const typed = run(machine, ops);
        unchanged('read-only fw_cfg item', before, readOnlyItems(machine));
        return { typed };
      },
      describe: (ops) => ops.map((o) => (o.k === 'dma'
        ? `dma desc@0x${o.desc.toString(16)} ctl 0x${o.control.toString(16)} key 0x${o.key.toString(16)} len 0x${o.length.toString(16)} addr 0x${o.addr.toString(16)} hi 0x${o.high.toString(16)}`
        : describeOps([o]))).join('; '),
    };
  },
};
