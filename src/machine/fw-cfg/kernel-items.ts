import type { FwCfgDevice } from './fw-cfg-device.js';
import {
  FW_CFG_CMDLINE_ADDR, FW_CFG_CMDLINE_DATA, FW_CFG_CMDLINE_SIZE, FW_CFG_INITRD_ADDR, FW_CFG_INITRD_DATA, FW_CFG_INITRD_SIZE,
  FW_CFG_KERNEL_ADDR, FW_CFG_KERNEL_DATA, FW_CFG_KERNEL_ENTRY, FW_CFG_KERNEL_SIZE, FW_CFG_SETUP_ADDR, FW_CFG_SETUP_DATA,
  FW_CFG_SETUP_SIZE,
} from '../../spec/fw-cfg.js';
import { le16, le32, setLe16, setLe32 } from '../../lib/bytes.js';
import { UsageError } from '../../lib/errors.js';
import type { KernelBoot } from '../options/machine-config.js';

/** Linux boot protocol (Documentation/x86/boot.rst): "HdrS" at 0x202, version at 0x206. */
const HDRS_MAGIC = 0x53726448;
const MULTIBOOT_MAGIC = 0x1badb002;
/** QEMU looks at this much of the file for the setup header or the multiboot header. */
const HEADER_SCAN = 8192;
/** QEMU keeps the ACPI tables' size (0x20000) plus 0x8000 free below the top of low RAM for the initrd. */
const ACPI_DATA_SIZE = 0x28000;
/** type_of_loader QEMU writes (0xB0: "Qemu", boot.rst's loader id 0xB). */
const LOADER_TYPE_QEMU = 0xb0;
const LOADED_HIGH = 0x01;
const CAN_USE_HEAP = 0x80;
const XLF_CAN_BE_LOADED_ABOVE_4G = 0x02;
/** QEMU's multiboot.c: the e820 copy at 0x9000 and the info structure at 0x9500 (the option ROM fills both). */
const ADDR_E820_MAP = 0x9000;
const ADDR_MBI = 0x9500;
const MBI_SIZE = 88;
const MB_MOD_SIZE = 16;
const PAGE = 4096;
/** Multiboot info flags QEMU sets: mem, boot_device, cmdline, mods, mmap, boot_loader_name. */
const MBI_FLAGS_QEMU = 0x001 | 0x002 | 0x004 | 0x008 | 0x040 | 0x200;
const MB_BOOT_DEVICE = 0x8000ffff;
const MB_BOOTLOADER_NAME = 'qemu';

export interface KernelItemsResult {
  /** The option ROM QEMU adds under genroms/ to run the kernel. */
  readonly optionRom: string;
}

function u32(v: number): Uint8Array {
  const b = new Uint8Array(4);
  setLe32(b, 0, v);
  return b;
}
function pageAlign(n: number): number {
  return Math.ceil(n / PAGE) * PAGE;
}
function cstr(s: string): Uint8Array {
  const t = new TextEncoder().encode(s);
  const b = new Uint8Array(t.length + 1);
  b.set(t);
  return b;
}

/** What QEMU 7.2's x86_load_linux puts into fw_cfg for `-kernel/-initrd/-append` (multiboot v1 or Linux bzImage). */
export function addKernelItems(fw: FwCfgDevice, kb: KernelBoot, below4g: number, dma: boolean): KernelItemsResult {
  const k = kb.kernel;
  if (k.length >= 0x206 && le32(k, 0x202) === HDRS_MAGIC) return addLinux(fw, kb, below4g, dma);
  // QEMU 7.2 names multiboot_dma.bin with or without fw_cfg DMA (the ROM falls back to port I/O; captured).
  if (addMultiboot(fw, kb)) return { optionRom: 'multiboot_dma.bin' };
  return addLinux(fw, kb, below4g, dma);
}

function addLinux(fw: FwCfgDevice, kb: KernelBoot, below4g: number, dma: boolean): KernelItemsResult {
  const header = new Uint8Array(HEADER_SCAN);
  header.set(kb.kernel.subarray(0, HEADER_SCAN));
  const protocol = le32(header, 0x202) === HDRS_MAGIC ? le16(header, 0x206) : 0;
  const cmdlineBytes = cstr(kb.cmdline);
  // Low kernels get the command line just below 0x9a000, in a 16-byte-rounded slot.
  const cmdlineSlot = (kb.cmdline.length + 16) & ~15;
  let realAddr: number;
  let cmdlineAddr: number;
  let protAddr: number;
  if (protocol < 0x200 || !(header[0x211]! & LOADED_HIGH)) {
    [realAddr, cmdlineAddr, protAddr] = [0x90000, 0x9a000 - cmdlineSlot, 0x10000];
  } else if (protocol < 0x202) {
    [realAddr, cmdlineAddr, protAddr] = [0x90000, 0x9a000 - cmdlineSlot, 0x100000];
  } else {
    [realAddr, cmdlineAddr, protAddr] = [0x10000, 0x20000, 0x100000];
  }
  let initrdMax: number;
  if (protocol >= 0x20c && le16(header, 0x236) & XLF_CAN_BE_LOADED_ABOVE_4G) initrdMax = 0xffffffff;
  else if (protocol >= 0x203) initrdMax = le32(header, 0x22c);
  else initrdMax = 0x37ffffff;
  if (initrdMax >= below4g - ACPI_DATA_SIZE) initrdMax = below4g - ACPI_DATA_SIZE - 1;

  fw.setItem(FW_CFG_CMDLINE_ADDR, u32(cmdlineAddr));
  fw.setItem(FW_CFG_CMDLINE_SIZE, u32(cmdlineBytes.length));
  fw.setItem(FW_CFG_CMDLINE_DATA, cmdlineBytes);
  // The old cmd_line_magic/offset pair: QEMU 7.2.22 (Debian) writes it for 0x200/0x201 headers and
  // leaves a header-less (protocol 0) image's setup bytes as they are (captured).
  if (protocol >= 0x202) setLe32(header, 0x228, cmdlineAddr);
  else if (protocol >= 0x200) {
    setLe16(header, 0x20, 0xa33f);
    setLe16(header, 0x22, cmdlineAddr - realAddr);
  }
  const vga = videoMode(kb.cmdline);
  if (vga !== undefined) setLe16(header, 0x1fa, vga);
  if (protocol >= 0x200) header[0x210] = LOADER_TYPE_QEMU;
  if (protocol >= 0x201) {
    header[0x211] = header[0x211]! | CAN_USE_HEAP;
    setLe16(header, 0x224, cmdlineAddr - realAddr - 0x200);
  }
  const initrd = kb.initrds[0];
  if (initrd) {
    if (protocol < 0x200) throw new UsageError('-initrd: the linux kernel is too old to load a ram disk');
    const size = initrd.data.length;
    if (size >= initrdMax) throw new UsageError(`-initrd: initrd is too large (max: ${initrdMax}, need ${size})`);
    const addr = (initrdMax - size) & ~(PAGE - 1);
    fw.setItem(FW_CFG_INITRD_ADDR, u32(addr >>> 0));
    fw.setItem(FW_CFG_INITRD_SIZE, u32(size));
    fw.setItem(FW_CFG_INITRD_DATA, initrd.data);
    setLe32(header, 0x218, addr >>> 0);
    setLe32(header, 0x21c, size);
  }
  const setupSects = header[0x1f1] || 4;
  const setupSize = (setupSects + 1) * 512;
  if (setupSize > kb.kernel.length) throw new UsageError(`-kernel ${kb.path}: invalid kernel header`);
  const setup = kb.kernel.slice(0, setupSize);
  setup.set(header.subarray(0, Math.min(HEADER_SCAN, setupSize)));
  const kernel = kb.kernel.slice(setupSize);
  fw.setItem(FW_CFG_KERNEL_ADDR, u32(protAddr));
  fw.setItem(FW_CFG_KERNEL_SIZE, u32(kernel.length));
  fw.setItem(FW_CFG_KERNEL_DATA, kernel);
  fw.setItem(FW_CFG_SETUP_ADDR, u32(realAddr));
  fw.setItem(FW_CFG_SETUP_SIZE, u32(setupSize));
  fw.setItem(FW_CFG_SETUP_DATA, setup);
  return { optionRom: dma ? 'linuxboot_dma.bin' : 'linuxboot.bin' };
}

/** `vga=normal|ext|ask|N` in the command line: the setup header's vid_mode. */
function videoMode(cmdline: string): number | undefined {
  // QEMU looks for "vga=" anywhere in the line (strstr), not only at a word start.
  const at = cmdline.indexOf('vga=');
  if (at < 0) return undefined;
  const v = cmdline.slice(at + 4);
  if (v.startsWith('normal')) return 0xffff;
  if (v.startsWith('ext')) return 0xfffe;
  if (v.startsWith('ask')) return 0xfffd;
  const m = /^(0x[0-9a-f]+|0[0-7]*|[1-9][0-9]*)(?: |$)/i.exec(v);
  if (!m) throw new UsageError("-append: invalid 'vga=' kernel parameter");
  const t = m[1]!;
  const n = /^0x/i.test(t) ? parseInt(t, 16) : t.length > 1 && t.startsWith('0') ? parseInt(t, 8) : parseInt(t, 10);
  if (n > 0xffffffff) throw new UsageError("-append: invalid 'vga=' kernel parameter");
  return n & 0xffff;
}

interface MbImage {
  readonly loadAddr: number;
  readonly entry: number;
  readonly image: Uint8Array;
}

/** QEMU's load_multiboot: false when the file has no valid multiboot v1 header in its first 8 KiB. */
function addMultiboot(fw: FwCfgDevice, kb: KernelBoot): boolean {
  const k = kb.kernel;
  let at = -1;
  for (let i = 0; i + 12 <= Math.min(k.length, HEADER_SCAN); i += 4) {
    if (le32(k, i) === MULTIBOOT_MAGIC && ((le32(k, i + 4) + le32(k, i + 8) + MULTIBOOT_MAGIC) >>> 0) === 0) {
      at = i;
      break;
    }
  }
  if (at < 0) return false;
  const flags = le32(k, at + 4);
  const img = flags & 0x10000 ? aoutKludge(kb, at) : elfImage(kb);

  const modArgs = kb.initrds.map((m) => m.arg);
  let cmdlineLen = kb.path.length + 1 + kb.cmdline.length + 1;
  if (kb.initrds.length) cmdlineLen += kb.initrdOption.length + 1;
  const mbinfo = pageAlign(img.image.length);
  let size = pageAlign(mbinfo + cmdlineLen + MB_MOD_SIZE * modArgs.length + MB_BOOTLOADER_NAME.length + 1);
  const parts: { off: number; data: Uint8Array }[] = [{ off: 0, data: img.image }];
  let cmdlines = mbinfo + modArgs.length * MB_MOD_SIZE;
  const bootloader = cmdlines + cmdlineLen;
  const addCmdline = (s: string): number => {
    const b = cstr(s);
    parts.push({ off: cmdlines, data: b });
    const addr = img.loadAddr + cmdlines;
    cmdlines += b.length;
    return addr;
  };
  kb.initrds.forEach((m, n) => {
    const off = size;
    const c = addCmdline(m.arg);
    size = pageAlign(off + m.data.length);
    parts.push({ off, data: m.data });
    const mod = new Uint8Array(MB_MOD_SIZE);
    setLe32(mod, 0, img.loadAddr + off);
    setLe32(mod, 4, img.loadAddr + off + m.data.length);
    setLe32(mod, 8, c);
    parts.push({ off: mbinfo + n * MB_MOD_SIZE, data: mod });
  });
  const info = new Uint8Array(MBI_SIZE);
  setLe32(info, 16, addCmdline(`${kb.path} ${kb.cmdline}`));
  parts.push({ off: bootloader, data: cstr(MB_BOOTLOADER_NAME) });
  setLe32(info, 64, img.loadAddr + bootloader);
  setLe32(info, 24, img.loadAddr + mbinfo);
  setLe32(info, 20, kb.initrds.length);
  setLe32(info, 0, MBI_FLAGS_QEMU);
  setLe32(info, 12, MB_BOOT_DEVICE);
  setLe32(info, 48, ADDR_E820_MAP);
  const buf = new Uint8Array(size);
  for (const p of parts) buf.set(p.data, p.off);

  fw.setItem(FW_CFG_KERNEL_ENTRY, u32(img.entry));
  fw.setItem(FW_CFG_KERNEL_ADDR, u32(img.loadAddr));
  fw.setItem(FW_CFG_KERNEL_SIZE, u32(size));
  fw.setItem(FW_CFG_KERNEL_DATA, buf);
  fw.setItem(FW_CFG_INITRD_ADDR, u32(ADDR_MBI));
  fw.setItem(FW_CFG_INITRD_SIZE, u32(MBI_SIZE));
  fw.setItem(FW_CFG_INITRD_DATA, info);
  return true;
}

/** Multiboot header flag 16: load/bss/entry addresses come from the header (multiboot spec §3.1.3). */
function aoutKludge(kb: KernelBoot, at: number): MbImage {
  const k = kb.kernel;
  const headerAddr = le32(k, at + 12);
  const loadAddr = le32(k, at + 16);
  const loadEnd = le32(k, at + 20);
  const bssEnd = le32(k, at + 24);
  const entry = le32(k, at + 28);
  if (headerAddr < loadAddr) throw new UsageError(`-kernel ${kb.path}: invalid mh_load_addr address`);
  const textOffset = at - (headerAddr - loadAddr);
  let loadSize: number;
  if (loadEnd) {
    if (loadEnd < loadAddr) throw new UsageError(`-kernel ${kb.path}: invalid mh_load_end_addr address`);
    loadSize = loadEnd - loadAddr;
  } else {
    if (k.length < textOffset) throw new UsageError(`-kernel ${kb.path}: invalid kernel_file_size`);
    loadSize = k.length - textOffset;
  }
  if (bssEnd && bssEnd < loadAddr + loadSize) throw new UsageError(`-kernel ${kb.path}: invalid mh_bss_end_addr address`);
  if (textOffset < 0 || textOffset + loadSize > k.length) throw new UsageError(`-kernel ${kb.path}: multiboot image is shorter than its header says`);
  const image = new Uint8Array(bssEnd ? bssEnd - loadAddr : loadSize);
  image.set(k.subarray(textOffset, textOffset + loadSize));
  return { loadAddr, entry, image };
}

const EM_X86_64 = 62;
const EM_386 = 3;
const PT_LOAD = 1;

/** An ELF32 multiboot kernel: its PT_LOAD segments laid out flat from the lowest physical address. */
function elfImage(kb: KernelBoot): MbImage {
  const k = kb.kernel;
  const bad = (why: string): UsageError => new UsageError(`-kernel ${kb.path}: ${why}`);
  if (k.length < 52 || le32(k, 0) !== 0x464c457f) throw bad('Error while loading elf kernel');
  if (le16(k, 18) === EM_X86_64) throw bad('Cannot load x86-64 image, give a 32bit one.');
  if (k[4] !== 1 || le16(k, 18) !== EM_386) throw bad('Error while loading elf kernel');
  const phoff = le32(k, 28);
  const phentsize = le16(k, 42);
  const phnum = le16(k, 44);
  const segs: { paddr: number; off: number; filesz: number; memsz: number }[] = [];
  for (let n = 0; n < phnum; n++) {
    const o = phoff + n * phentsize;
    if (o + 32 > k.length) throw bad('Error while loading elf kernel');
    if (le32(k, o) !== PT_LOAD) continue;
    const s = { off: le32(k, o + 4), paddr: le32(k, o + 12), filesz: le32(k, o + 16), memsz: le32(k, o + 20) };
    if (s.off + s.filesz > k.length) throw bad('Error while loading elf kernel');
    segs.push(s);
  }
  if (!segs.length) throw bad('Error while loading elf kernel');
  const low = Math.min(...segs.map((s) => s.paddr));
  const high = Math.max(...segs.map((s) => s.paddr + s.memsz));
  const image = new Uint8Array(high - low);
  for (const s of segs) image.set(k.subarray(s.off, s.off + s.filesz), s.paddr - low);
  return { loadAddr: low, entry: le32(k, 24), image };
}
