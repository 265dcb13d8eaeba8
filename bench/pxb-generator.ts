/**
 * Random valid QEMU 7.2 command lines with PCI expander bridges, for the differential
 * configuration fuzzer (`--generator pxb`): 1-3 pxb (pc) or pxb-pcie (q35) at random bus
 * numbers (sometimes below the numbers SeaBIOS gives bus 0's bridges), some with numa_node;
 * devices, pci-bridges and (q35) root ports behind them and on bus 0. After the first expander a
 * device without bus= would land on the expander's bus, so every later device names its bus.
 */
import { prng } from '../test/helpers/prng.js';
import type { GeneratedConfig } from './config-generator.js';

const DEVICES: readonly string[] = [
  'e1000', 'rtl8139', 'virtio-net-pci', 'nvme,serial=@S', 'edu', 'pci-testdev', 'ivshmem-plain,memdev=@M', 'virtio-scsi-pci',
  'qemu-xhci', 'megasas', 'intel-hda', 'pvpanic-pci', 'e1000e', 'virtio-rng-pci', 'ahci',
];
const RAM_MIB = [256, 512, 1024, 2048, 3072];

export function generatePxbConfig(seed: number): GeneratedConfig {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const chance = (p: number) => rnd() < p;
  const upTo = (n: number) => Math.floor(rnd() * (n + 1));
  const q35 = chance(0.5);
  const root = q35 ? 'pcie.0' : 'pci.0';
  const ram = pick(RAM_MIB);
  const args = ['-machine', q35 ? 'q35' : 'pc', '-nodefaults', '-m', `${ram}M`];
  const numa = chance(0.3);
  if (numa) {
    args.push('-smp', '2', '-object', `memory-backend-ram,id=n0,size=${ram / 2}M`, '-object', `memory-backend-ram,id=n1,size=${ram / 2}M`,
      '-numa', 'node,nodeid=0,cpus=0,memdev=n0', '-numa', 'node,nodeid=1,cpus=1,memdev=n1');
  }
  let counter = 0;
  let chassis = 0;
  const dev = (bus: string, addr?: number): string[] => {
    const n = ++counter;
    const text = pick(DEVICES).replace('@S', `s${n}`).replace('@M', `m${n}`);
    const extra = text.includes(`memdev=m${n}`) ? ['-object', `memory-backend-ram,id=m${n},size=1M`] : [];
    return [...extra, '-device', `${text},bus=${bus}${addr !== undefined ? `,addr=${addr.toString(16)}` : ''}`];
  };
  const rootSlots = [0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17];
  const nextRootSlot = () => rootSlots.splice(Math.floor(rnd() * rootSlots.length), 1)[0]!;
  /** A bridge on `bus` with 0-2 devices behind it. */
  const bridge = (bus: string, express: boolean, addr?: number): string[] => {
    const id = `b${++counter}`;
    const c = ++chassis;
    const at = addr !== undefined ? `,addr=${addr.toString(16)}` : '';
    const out = express
      ? ['-device', `pcie-root-port,id=${id},bus=${bus},chassis=${c}${at}${chance(0.2) ? ',hotplug=off' : ''}`]
      : ['-device', `pci-bridge,id=${id},bus=${bus},chassis_nr=${c}${at}${chance(0.5) ? ',shpc=off' : ''}`];
    const n = express ? upTo(1) : upTo(2);
    for (let i = 0; i < n; i++) out.push(...dev(id, express ? undefined : 1 + i * 3));
    return out;
  };
  // Bus 0 first: devices and bridges at explicit slots.
  for (let i = upTo(2); i > 0; i--) args.push(...dev(root, nextRootSlot()));
  for (let i = upTo(1); i > 0; i--) args.push(...bridge(root, q35, nextRootSlot()));
  const numbers = new Set<number>();
  const expanders = 1 + upTo(2);
  for (let e = 0; e < expanders; e++) {
    let nr = chance(0.15) ? 1 + upTo(3) : 0x08 * (1 + upTo(30));
    while (numbers.has(nr)) nr++;
    numbers.add(nr);
    const id = `x${e}`;
    const node = numa && chance(0.5) ? `,numa_node=${upTo(1)}` : '';
    args.push('-device', `${q35 ? 'pxb-pcie' : 'pxb'},id=${id},bus_nr=${nr},bus=${root},addr=${nextRootSlot().toString(16)}${node}`);
    if (q35) for (let i = upTo(2); i > 0; i--) args.push(...bridge(id, true));
    else {
      for (let i = upTo(2); i > 0; i--) args.push(...dev(id));
      if (chance(0.4)) args.push(...bridge(id, false));
    }
  }
  // Something on bus 0 after the expanders (named bus, as QEMU's default would be the newest expander's).
  if (chance(0.5)) args.push(...dev(root, nextRootSlot()));
  return { seed, args };
}
