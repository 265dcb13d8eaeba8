/**
 * Multiboot v1 from fw_cfg, as QEMU's multiboot option ROM does it (pc-bios/optionrom/multiboot.S,
 * multiboot spec 0.6.96 §3.2–3.3): the info structure from the initrd items, mem_lower from
 * int 12h, the mmap from int 15h E820 (20-byte entries, each after its size field), mem_upper as
 * the RAM contiguous from 1 MiB, the image from the kernel items; then flat 32-bit protected mode
 * with EAX = 2BADB002h, EBX = the info structure, at the entry point.
 */
import type { CpuWire, ProgramExit } from '../../src/spec/cpu-wire.js';
import {
  FW_CFG_INITRD_ADDR, FW_CFG_INITRD_DATA, FW_CFG_INITRD_SIZE, FW_CFG_KERNEL_ADDR, FW_CFG_KERNEL_DATA, FW_CFG_KERNEL_ENTRY,
  FW_CFG_KERNEL_SIZE,
} from '../../src/spec/fw-cfg.js';
import { BDA, BDA_BASE } from '../../src/spec/bios-data-area.js';
import type { FwCfg } from '../drivers/fw-cfg.js';
import { e820Entries } from '../bios/int15.js';
import { FLAT_CODE32_SELECTOR, FLAT_DATA32_SELECTOR, FLAT_GDT_ADDR, FLAT_GDT_ENTRIES } from '../bios/layout.js';

export const MULTIBOOT_BOOTLOADER_MAGIC = 0x2badb002;
/** Multiboot info offsets (spec §3.3). */
const MBI_MEM_LOWER = 4;
const MBI_MEM_UPPER = 8;
const MBI_MMAP_LENGTH = 44;
const MBI_MMAP_ADDR = 48;
const E820_RAM = 1;
const MiB = 0x100000;
/** The stack the kernel starts on: the spec leaves ESP undefined; fwlab's is below the boot sector address. */
export const MULTIBOOT_STACK = 0x7c00;

/** The mmap as the option ROM stores it: each E820 entry after a 4-byte size (20). */
function writeMmap(wire: CpuWire, at: number): { length: number; entries: Uint8Array[] } {
  const entries = e820Entries(wire);
  let o = 0;
  for (const e of entries) {
    wire.write32(at + o, e.length);
    wire.writeBytes(at + o + 4, e);
    o += 4 + e.length;
  }
  return { length: o, entries };
}

/**
 * mem_upper: from 1 MiB, extend through RAM entries below 4 GiB that contain the current end
 * (32-bit sums, the map unordered: restart after each extension), in KiB.
 */
export function multibootMemUpper(entries: readonly Uint8Array[]): number {
  const dv = (e: Uint8Array): DataView => new DataView(e.buffer, e.byteOffset, e.byteLength);
  let end = MiB;
  for (let i = 0; i < entries.length; i++) {
    const d = dv(entries[i]!);
    if (d.getUint32(16, true) !== E820_RAM || d.getUint32(4, true) !== 0) continue;
    const base = d.getUint32(0, true);
    const top = (base + d.getUint32(8, true)) >>> 0;
    if (end < base || end >= top) continue;
    end = top;
    i = -1;
  }
  return Math.floor((end - MiB) / 1024);
}

export function loadMultiboot(wire: CpuWire, cfg: FwCfg, log: (line: string) => void): ProgramExit {
  const mbi = cfg.readU32(FW_CFG_INITRD_ADDR);
  const mbiSize = cfg.readU32(FW_CFG_INITRD_SIZE);
  const kernelAddr = cfg.readU32(FW_CFG_KERNEL_ADDR);
  const kernelSize = cfg.readU32(FW_CFG_KERNEL_SIZE);
  const entry = cfg.readU32(FW_CFG_KERNEL_ENTRY);
  cfg.readInto(FW_CFG_INITRD_DATA, mbi, mbiSize);
  wire.write32(mbi + MBI_MEM_LOWER, wire.read16(BDA_BASE + BDA.memSizeKb));
  const mmap = writeMmap(wire, wire.read32(mbi + MBI_MMAP_ADDR) >>> 0);
  wire.write16(mbi + MBI_MMAP_LENGTH, mmap.length);
  const memUpper = multibootMemUpper(mmap.entries);
  wire.write32(mbi + MBI_MEM_UPPER, memUpper);
  cfg.readInto(FW_CFG_KERNEL_DATA, kernelAddr, kernelSize);
  const hex = (v: number): string => '0x' + v.toString(16);
  log(`multiboot: ${kernelSize} bytes at ${hex(kernelAddr)}, info at ${hex(mbi)} (mem_upper ${memUpper} KiB, ${mmap.entries.length} mmap entries), entry ${hex(entry)}`);
  return {
    kind: 'x86', cs: FLAT_CODE32_SELECTOR, ip: entry, dl: 0,
    entry: {
      regs: { eax: MULTIBOOT_BOOTLOADER_MAGIC, ebx: mbi, ecx: entry, edx: memUpper, esp: MULTIBOOT_STACK },
      interrupts: false,
      flat32: { gdtBase: FLAT_GDT_ADDR, gdtLimit: FLAT_GDT_ENTRIES * 8 - 1, dataSelector: FLAT_DATA32_SELECTOR },
    },
  };
}
