import test from 'ava';
import { createMachine } from '../../src/machine/create-machine.js';
import { cfgRead, cfgWrite } from './config-cycles.js';
import type { Machine } from '../../src/machine/machine.js';

/**
 * What a BAR reads back after all-ones is written (ROM: 0xfffff800, as SeaBIOS sizes it).
 * Sizes: the fixtures' query-pci (e1000, ivshmem, virtio-net, nvme, root port, bridge, chipset)
 * and QEMU 7.2's models (VGA 16 MiB + 4 KiB + 64 KiB ROM, e1000e, virtio-gpu, vmgenid-pci 4 KiB).
 * Type bits: io 0x1, 64-bit 0x4, prefetchable 0x8. A missing BAR reads 0.
 */
interface Case {
  readonly name: string;
  readonly args: string[];
  /** Behind a root port on bus 1 (q35), or at 00:05.0. */
  readonly behindPort?: boolean;
  readonly bridge?: boolean;
  readonly bars: readonly number[];
  readonly rom: number;
}

const q35Port = ['-machine', 'q35', '-nodefaults', '-device', 'pcie-root-port,id=rp,chassis=1,addr=0x10'];
const pc = ['-machine', 'pc', '-nodefaults'];
const CASES: Case[] = [
  { name: 'e1000', args: [...pc, '-device', 'e1000,addr=5'], bars: [0xfffe0000, 0xffffffc1, 0, 0, 0, 0], rom: 0xfffc0000 },
  { name: 'e1000e', args: [...pc, '-device', 'e1000e,addr=5'], bars: [0xfffe0000, 0xfffe0000, 0xffffffe1, 0xffffc000, 0, 0], rom: 0xfffc0000 },
  { name: 'virtio-net-pci (transitional, on pci.0)', args: [...pc, '-device', 'virtio-net-pci,addr=5'], bars: [0xffffffe1, 0xfffff000, 0, 0, 0xffffc00c, 0xffffffff], rom: 0xfffc0000 },
  { name: 'virtio-net-pci (modern, behind a root port)', args: [...q35Port, '-device', 'virtio-net-pci,bus=rp'], behindPort: true, bars: [0, 0xfffff000, 0, 0, 0xffffc00c, 0xffffffff], rom: 0xfffc0000 },
  { name: 'virtio-gpu-pci', args: [...pc, '-device', 'virtio-gpu-pci,addr=5'], bars: [0, 0xfffff000, 0, 0, 0xffffc00c, 0xffffffff], rom: 0 },
  { name: 'nvme', args: [...q35Port, '-device', 'nvme,serial=deadbeef,bus=rp'], behindPort: true, bars: [0xffffc004, 0xffffffff, 0, 0, 0, 0], rom: 0 },
  { name: 'ivshmem-plain (2 MiB memdev)', args: [...pc, '-object', 'memory-backend-ram,id=hm,size=2M', '-device', 'ivshmem-plain,memdev=hm,addr=5'], bars: [0xffffff00, 0, 0xffe0000c, 0xffffffff, 0, 0], rom: 0 },
  { name: 'VGA', args: [...pc, '-device', 'VGA,addr=5'], bars: [0xff000008, 0, 0xfffff000, 0, 0, 0], rom: 0xffff0000 },
  { name: 'vmgenid-pci', args: [...pc, '-device', 'vmgenid-pci,addr=5'], bars: [0xfffff00c, 0xffffffff, 0, 0, 0, 0], rom: 0 },
  { name: 'pci-bridge', args: [...pc, '-device', 'pci-bridge,chassis_nr=1,addr=5'], bridge: true, bars: [0xffffff04, 0xffffffff], rom: 0 },
  { name: 'pcie-root-port', args: ['-machine', 'q35', '-nodefaults', '-device', 'pcie-root-port,chassis=1,addr=5'], bridge: true, bars: [0xfffff000, 0], rom: 0 },
  { name: 'piix3-ide (pc 00:01.1)', args: pc, bars: [0, 0, 0, 0, 0xfffffff1, 0], rom: 0 },
  { name: 'ich9-ahci (q35 00:1f.2)', args: ['-machine', 'q35', '-nodefaults'], bars: [0, 0, 0, 0, 0xffffffe1, 0xfffff000], rom: 0 },
  { name: 'ICH9-SMB (q35 00:1f.3)', args: ['-machine', 'q35', '-nodefaults'], bars: [0, 0, 0, 0, 0xffffffc1, 0], rom: 0 },
];

function where(c: Case): [number, number] {
  if (c.behindPort) return [1, 0];
  if (c.name.startsWith('piix3-ide')) return [0, 1 * 8 + 1];
  if (c.name.startsWith('ich9-ahci')) return [0, 0x1f * 8 + 2];
  if (c.name.startsWith('ICH9-SMB')) return [0, 0x1f * 8 + 3];
  return [0, 5 * 8];
}

const t0 = { restored: true };

/** SeaBIOS's pci_bios_get_bar: save, write all-ones, read, restore. */
function size(m: Machine, bus: number, devfn: number, reg: number, probe: number): number {
  const old = cfgRead(m, bus, devfn, reg, 4);
  cfgWrite(m, bus, devfn, reg, 4, probe);
  const v = cfgRead(m, bus, devfn, reg, 4);
  cfgWrite(m, bus, devfn, reg, 4, old);
  t0.restored &&= cfgRead(m, bus, devfn, reg, 4) === old;
  return v;
}

for (const c of CASES) {
  test(`BAR sizing through 0xCF8/0xCFC: ${c.name}`, (t) => {
    const m = createMachine(c.args);
    if (c.behindPort) {
      cfgWrite(m, 0, 0x10 * 8, 0x18, 4, 0x00010100);
    }
    const [bus, devfn] = where(c);
    t0.restored = true;
    const got = c.bars.map((_, i) => size(m, bus, devfn, 0x10 + 4 * i, 0xffffffff));
    t.deepEqual(got.map((v) => v.toString(16)), c.bars.map((v) => v.toString(16)));
    t.is(size(m, bus, devfn, c.bridge ? 0x38 : 0x30, 0xfffff800).toString(16), c.rom.toString(16));
    t.true(t0.restored, 'every BAR reads back its old value after restore');
  });
}

test('ROM BAR enable bit is writable; the ROM decodes only with it and MEM enabled', (t) => {
  const m = createMachine([...pc, '-device', 'e1000,addr=5,id=n']);
  const devfn = 5 * 8;
  cfgWrite(m, 0, devfn, 0x30, 4, 0xfeb00000);
  cfgWrite(m, 0, devfn, 0x04, 2, 0x0002);
  const rom = () => pciRegion(m, 6);
  t.is(rom(), -1);
  cfgWrite(m, 0, devfn, 0x30, 4, 0xfeb00001);
  t.is(cfgRead(m, 0, devfn, 0x30, 4), 0xfeb00001);
  t.is(rom(), 0xfeb00000);
  cfgWrite(m, 0, devfn, 0x04, 2, 0);
  t.is(rom(), -1);
});

function pciRegion(m: Machine, bar: number): number {
  const d = m.pci.devices().find((x) => x.id === 'n')!;
  return d.bars.find((b) => b.bar === bar)!.address;
}
