import test from 'ava';
import { createMachine } from '../../src/machine/create-machine.js';
import type { Machine } from '../../src/machine/machine.js';
import { cfgAddress, prng } from './config-cycles.js';
import { PCI_CAP_ID_EXP, PCI_EXP_SLTCTL } from '../../src/spec/pci.js';

/** Registers no guest write may change: ids, revision, class, header type, subsystem, interrupt pin. */
const READ_ONLY: Array<[number, number]> = [[0x00, 2], [0x02, 2], [0x08, 1], [0x09, 1], [0x0a, 2], [0x0e, 1], [0x3d, 1]];
const READ_ONLY_TYPE0: Array<[number, number]> = [[0x2c, 2], [0x2e, 2]];

interface Target {
  readonly label: string;
  /** Where it is reached once bus numbers are assigned depth-first. */
  bus: number;
  readonly devfn: number;
  readonly ids: number[];
  readonly regs: Array<[number, number]>;
}

/** Slot Control: indicators off, power on. */
const SLTCTL_POWER_ON = 0x03c0;

/** Assign bus numbers depth-first (as SeaBIOS does), clear bus resets, re-open MMCONFIG on q35. */
function establish(m: Machine, targets: Map<object, Target>): void {
  const pci = m.pci;
  let next = 0;
  const walk = (busNumber: number, bus: typeof pci.host.root) => {
    for (const f of bus.functions()) {
      const t = targets.get(f);
      if (t) t.bus = busNumber;
      if (!f.secondary) continue;
      const sec = ++next;
      pci.configWrite(busNumber, f.devfn, 0x3e, 2, 0);
      // A random Slot Control write may have switched the slot's power off, which cuts off what is behind it.
      const exp = f.config.capabilities().find(([id]) => id === PCI_CAP_ID_EXP)?.[1];
      if (exp !== undefined && f.secondary.kind === 'pcie-root-port') pci.configWrite(busNumber, f.devfn, exp + PCI_EXP_SLTCTL, 2, SLTCTL_POWER_ON);
      pci.configWrite(busNumber, f.devfn, 0x18, 4, (busNumber | (sec << 8) | (0xff << 16)) >>> 0);
      walk(sec, f.secondary);
      pci.configWrite(busNumber, f.devfn, 0x1a, 1, next);
    }
  };
  walk(0, pci.host.root);
  if (m.board.name === 'q35') {
    pci.configWrite(0, 0, 0x60, 4, 0xb0000001);
    pci.configWrite(0, 0, 0x64, 4, 0);
  }
  // A random I/O BAR or PM block may have landed on 0xCF8: switch decoding off to get config access back.
  m.ports.write(0xcf8, 4, 0x80000000);
  if (m.ports.read(0xcf8, 4) !== 0x80000000 || m.ports.read(0xcfc, 2) === 0xffff) {
    for (const f of pci.host.functions()) {
      f.config.write(0x04, 2, 0);
      f.writeConfig(0x44, 1, 0);
      f.writeConfig(0x80, 1, 0);
      f.writeConfig(0xd2, 1, 0);
    }
    pci.host.update();
  }
}

function fuzz(t: import('ava').ExecutionContext, args: string[], ops: number, seed: number): void {
  const m = createMachine(args);
  const pci = m.pci;
  const q35 = m.board.name === 'q35';
  const targets = new Map<object, Target>();
  for (const f of pci.host.functions()) {
    const regs = f.isBridge ? READ_ONLY : [...READ_ONLY, ...READ_ONLY_TYPE0];
    targets.set(f, { label: f.label, bus: 0, devfn: f.devfn, regs, ids: regs.map(([o, l]) => f.config.get(o, l)) });
  }
  const list = [...targets.values()];
  const rnd = prng(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
  const sizes = [1, 2, 4] as const;
  establish(m, targets);
  let reads = 0;
  let writes = 0;
  for (let i = 0; i < ops; i++) {
    if (i % 64 === 0) establish(m, targets);
    const tg = rnd() < 0.9 ? pick(list) : { bus: Math.floor(rnd() * 8), devfn: Math.floor(rnd() * 256) };
    const size = pick(sizes);
    const write = rnd() < 0.5;
    const value = Math.floor(rnd() * 2 ** 32);
    if (q35 && rnd() < 0.3) {
      const reg = Math.floor(rnd() * 4096);
      const addr = 0xb0000000 + tg.bus * 2 ** 20 + tg.devfn * 4096 + reg;
      if (write) m.memory.write(addr, size, value % 2 ** (8 * size));
      else m.memory.read(addr, size);
    } else {
      const reg = Math.floor(rnd() * 256);
      m.ports.write(0xcf8, 4, cfgAddress(tg.bus, tg.devfn, reg));
      // Any of the four data ports, even where the access runs past 0xCFF.
      const port = 0xcfc + Math.floor(rnd() * 4);
      if (write) m.ports.write(port, size, value % 2 ** (8 * size));
      else m.ports.read(port, size);
    }
    if (write) writes++;
    else reads++;
  }
  establish(m, targets);
  for (const [f, tg] of targets) {
    const fn = f as ReturnType<typeof pci.host.functions>[number];
    t.deepEqual(tg.regs.map(([o, l]) => fn.config.get(o, l)), tg.ids, `${tg.label}: read-only registers unchanged`);
    m.ports.write(0xcf8, 4, cfgAddress(tg.bus, tg.devfn, 0));
    t.is(m.ports.read(0xcfc, 4), tg.ids[0]! + tg.ids[1]! * 0x10000, `${tg.label}: ids through config cycles`);
  }
  t.log(`${ops} ops (${reads} reads, ${writes} writes) on ${list.length} functions; ${m.pci.host.mapper.eventCount} map/unmap/overlap events`);
}

const q35All = [
  '-machine', 'q35',
  '-device', 'pcie-root-port,id=rp1,chassis=1,addr=0x10', '-device', 'virtio-net-pci,bus=rp1',
  '-device', 'pcie-root-port,id=rp2,chassis=2,addr=0x11', '-device', 'nvme,serial=x,bus=rp2',
  '-device', 'pci-bridge,id=br1,chassis_nr=3,addr=0x12', '-device', 'e1000,bus=br1,addr=1',
  '-object', 'memory-backend-ram,id=hm,size=1M', '-device', 'ivshmem-plain,memdev=hm,bus=br1,addr=2',
  '-device', 'pci-bridge,id=br2,chassis_nr=4,bus=br1,addr=3', '-device', 'virtio-gpu-pci,bus=br2,addr=1',
  '-device', 'vmgenid-pci,bus=br2,addr=2', '-device', 'e1000e,bus=br2,addr=4',
];
const pcAll = [
  '-machine', 'pc',
  '-device', 'pci-bridge,id=br1,chassis_nr=1', '-device', 'virtio-net-pci,bus=br1,addr=1', '-device', 'nvme,serial=y,bus=br1,addr=2',
  '-object', 'memory-backend-ram,id=hm,size=4M', '-device', 'ivshmem-plain,memdev=hm', '-device', 'virtio-gpu-pci',
  '-device', 'vmgenid-pci', '-device', 'e1000e',
];

test('10⁵ random config reads/writes on q35 (all widths, 0xCFC–0xCFF and ECAM, through root ports and nested bridges) keep ids', (t) => {
  fuzz(t, q35All, 100_000, 1);
});

test('10⁵ random config reads/writes on pc (chipset, defaults, catalog devices, behind a bridge) keep ids', (t) => {
  fuzz(t, pcAll, 100_000, 2);
});
