/**
 * Random valid QEMU 7.2 command lines for the differential configuration fuzzer (issue 14
 * item 7): board, RAM around the pc (3.5 GiB) and q35 (2.75 GiB) low-memory splits, catalog
 * devices at random or chosen slots, pci-bridges (pc and q35), pcie-pci-bridges, PCIe root ports
 * and x3130 switches (q35) with devices behind them. Every line is one QEMU accepts; the same seed gives the same line.
 */
import { prng } from '../test/helpers/prng.js';

/** Devices that need no backend process, with the options they need. */
const DEVICES: readonly string[] = [
  'e1000', 'e1000e', 'rtl8139', 'pcnet', 'vmxnet3', 'ne2k_pci', 'virtio-net-pci', 'virtio-net-pci,disable-legacy=on',
  'virtio-net-pci,disable-modern=on', 'virtio-blk-pci,drive=@D', 'virtio-scsi-pci', 'virtio-rng-pci', 'virtio-balloon-pci',
  'virtio-serial-pci', 'virtio-gpu-pci', 'virtio-keyboard-pci', 'virtio-mouse-pci', 'virtio-tablet-pci',
  'qemu-xhci', 'nec-usb-xhci', 'usb-ehci', 'ich9-usb-ehci1', 'ich9-usb-uhci1', 'ich9-usb-uhci3', 'piix3-usb-uhci', 'piix4-usb-uhci',
  'intel-hda', 'ich9-intel-hda', 'AC97', 'ES1370', 'i6300esb', 'pvpanic-pci', 'ahci', 'lsi53c895a', 'megasas',
  'nvme,serial=@S', 'edu', 'pci-testdev', 'ivshmem-plain,memdev=@M', 'VGA', 'bochs-display', 'cirrus-vga',
  'ib700', 'isa-debug-exit', 'pvpanic', 'ramfb', 'virtio-iommu-pci',
];
/** At most one of these per machine (a second VGA-class device or ISA port owner would be refused). */
const SINGLE = new Set(['VGA', 'cirrus-vga', 'ib700', 'isa-debug-exit', 'virtio-gpu-pci', 'pvpanic', 'ramfb', 'virtio-iommu-pci', 'virtio-balloon-pci']);
/** Not PCI: no bus or slot. */
const NOT_PCI = new Set(['ib700', 'isa-debug-exit', 'pvpanic', 'ramfb']);

/** RAM sizes in MiB: small, and around the 2.75 GiB (q35) and 3.5 GiB (pc) splits and 4 GiB. */
const RAM_MIB = [128, 256, 512, 1024, 2047, 2048, 2815, 2816, 2817, 3072, 3583, 3584, 3585, 4096, 4608];

export interface GeneratedConfig {
  readonly seed: number;
  readonly args: string[];
}

export function generateConfig(seed: number): GeneratedConfig {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const chance = (p: number) => rnd() < p;
  const board = chance(0.5) ? 'pc' : 'q35';
  const args = ['-machine', board, '-nodefaults', '-m', `${pick(RAM_MIB)}M`];
  const used = new Set<string>();
  // Explicit root-bus slots come from 0x10-0x1e: auto-placed devices (at most a dozen) fill from
  // slot 2 (pc: 0 host bridge, 1 PIIX; q35: 0 MCH, 0x1f ICH9), so the two never collide.
  const rootSlots = Array.from({ length: 0x0f }, (_, i) => 0x10 + i);
  const takenRoot = new Set<number>();
  let counter = 0;
  const freeRootSlot = (): number | undefined => {
    const free = rootSlots.filter((s) => !takenRoot.has(s));
    if (free.length === 0) return undefined;
    const s = pick(free);
    takenRoot.add(s);
    return s;
  };
  const backends: string[] = [];
  const device = (text: string): string => {
    const n = ++counter;
    return text.replace('@D', `d${n}`).replace('@S', `s${n}`).replace('@M', `m${n}`).replace(/(drive|memdev)=(d|m)(\d+)/, (all, _k, kind: string, id: string) => {
      backends.push(kind === 'd' ? '-blockdev' : '-object', kind === 'd' ? `null-co,node-name=d${id}` : `memory-backend-ram,id=m${id},size=1M`);
      return all;
    });
  };
  const pickDevice = (): string | undefined => {
    for (let tries = 0; tries < 10; tries++) {
      const d = pick(DEVICES);
      const name = d.split(',')[0]!;
      if (SINGLE.has(name) && used.has(name)) continue;
      used.add(name);
      return d;
    }
    return undefined;
  };
  // A device on the root bus: auto slot or a chosen free one (addr given only sometimes, like users do).
  const onRoot = (text: string): void => {
    if (chance(0.4)) {
      const s = freeRootSlot();
      if (s === undefined) return;
      args.push('-device', `${device(text)},addr=0x${s.toString(16)}`);
    } else args.push('-device', device(text));
  };
  /** Root-port options users set: reserve hints, slot number, hot-plug off. */
  const portOptions = (): string => {
    if (!chance(0.35)) return '';
    return ',' + pick(['io-reserve=4K', 'io-reserve=8K', 'mem-reserve=2M', 'mem-reserve=4M', 'pref64-reserve=64M',
      'pref64-reserve=1G', 'bus-reserve=2', 'bus-reserve=4', `slot=${1 + Math.floor(rnd() * 30)}`, 'hotplug=off']);
  };
  let chassis = 0;
  const count = Math.floor(rnd() * 7);
  // Sometimes a multifunction device: two functions of one explicit root slot.
  if (chance(0.15)) {
    const a = pickDevice();
    const b = pickDevice();
    const s = freeRootSlot();
    if (a && b && s !== undefined && !NOT_PCI.has(a.split(',')[0]!) && !NOT_PCI.has(b.split(',')[0]!)) {
      args.push('-device', `${device(a)},addr=0x${s.toString(16)}.0,multifunction=on`, '-device', `${device(b)},addr=0x${s.toString(16)}.1`);
    }
  }
  for (let i = 0; i < count; i++) {
    const d = pickDevice();
    if (d === undefined) continue;
    const name = d.split(',')[0]!;
    if (NOT_PCI.has(name)) {
      args.push('-device', name);
      continue;
    }
    const where = rnd();
    if (board === 'q35' && where < 0.1 && !SINGLE.has(name)) {
      // A PCIe switch behind a root port: upstream port, one to three downstream ports, the device behind one of them.
      chassis++;
      const s = freeRootSlot();
      if (s === undefined) continue;
      const sw = chassis;
      args.push('-device', `pcie-root-port,id=rp${sw},chassis=${sw},addr=0x${s.toString(16)}`);
      args.push('-device', `x3130-upstream,id=up${sw},bus=rp${sw}`);
      const ports = 1 + Math.floor(rnd() * 3);
      const target = Math.floor(rnd() * ports);
      for (let p = 0; p < ports; p++) {
        chassis++;
        args.push('-device', `xio3130-downstream,id=dn${chassis},bus=up${sw},chassis=${chassis},addr=${p}`);
        if (p === target) args.push('-device', `${device(d)},bus=dn${chassis}`);
      }
    } else if (board === 'q35' && where < 0.3 && !SINGLE.has(name)) {
      chassis++;
      const s = freeRootSlot();
      if (s === undefined) continue;
      args.push('-device', `pcie-root-port,id=rp${chassis},chassis=${chassis},addr=0x${s.toString(16)}${chance(0.2) ? ',multifunction=on' : ''}${portOptions()}`);
      args.push('-device', `${device(d)},bus=rp${chassis}`);
    } else if (where < 0.45 && !SINGLE.has(name)) {
      chassis++;
      const s = freeRootSlot();
      if (s === undefined) continue;
      // On q35 a conventional bus behind pcie.0 is a pcie-pci-bridge as often as a pci-bridge.
      if (board === 'q35' && chance(0.5)) args.push('-device', `pcie-pci-bridge,id=br${chassis},addr=0x${s.toString(16)}`);
      else args.push('-device', `pci-bridge,id=br${chassis},chassis_nr=${chassis},addr=0x${s.toString(16)}${chance(0.3) ? ',shpc=off' : ''}`);
      const slot = 1 + Math.floor(rnd() * 0x1e);
      args.push('-device', `${device(d)},bus=br${chassis}${chance(0.5) ? `,addr=0x${slot.toString(16)}` : ''}`);
    } else onRoot(d);
  }
  return { seed, args: [...args.slice(0, 5), ...backends, ...args.slice(5)] };
}
