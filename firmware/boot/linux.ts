/**
 * A Linux image from fw_cfg, as QEMU's linuxboot_dma option ROM loads it (Documentation/x86/boot.rst,
 * boot protocol 2.x): setup at SETUP_ADDR, the protected-mode kernel at KERNEL_ADDR, the initrd,
 * the command line; then the 16-bit entry at the setup segment + 20h:0 with DS = ES = FS = GS = SS
 * = the setup segment and SP just below the command line, interrupts off.
 */
import type { CpuWire, ProgramExit } from '../../src/spec/cpu-wire.js';
import {
  FW_CFG_CMDLINE_ADDR, FW_CFG_CMDLINE_DATA, FW_CFG_CMDLINE_SIZE, FW_CFG_INITRD_ADDR, FW_CFG_INITRD_DATA, FW_CFG_INITRD_SIZE,
  FW_CFG_KERNEL_ADDR, FW_CFG_KERNEL_DATA, FW_CFG_KERNEL_SIZE, FW_CFG_SETUP_ADDR, FW_CFG_SETUP_DATA, FW_CFG_SETUP_SIZE,
} from '../../src/spec/fw-cfg.js';
import type { FwCfg } from '../drivers/fw-cfg.js';
import { e801Top } from '../bios/int15.js';

/** Setup header fields (boot.rst "The real-mode kernel header"), from the start of setup. */
const HDR_VERSION = 0x206;
const HDR_RAMDISK_IMAGE = 0x218;
const HDR_INITRD_ADDR_MAX = 0x22c;
/** What a pre-2.03 kernel can take (boot.rst: initrd_addr_max absent means 0x37FFFFFF). */
const OLD_INITRD_ADDR_MAX = 0x37ffffff;
const PAGE_MASK = ~0xfff;
/** The real-mode entry is 0x200 bytes into setup: segment + 20h, offset 0. */
const ENTRY_SEGMENT_OFFSET = 0x20;
const STACK_BELOW_CMDLINE = 16;

export function loadLinux(wire: CpuWire, cfg: FwCfg, log: (line: string) => void): ProgramExit {
  // Every 4-byte item first: the client bounces small reads through low RAM the setup may occupy.
  const setupAddr = cfg.readU32(FW_CFG_SETUP_ADDR);
  const setupSize = cfg.readU32(FW_CFG_SETUP_SIZE);
  let initrdAddr = cfg.readU32(FW_CFG_INITRD_ADDR);
  const initrdSize = cfg.readU32(FW_CFG_INITRD_SIZE);
  const kernelAddr = cfg.readU32(FW_CFG_KERNEL_ADDR);
  const kernelSize = cfg.readU32(FW_CFG_KERNEL_SIZE);
  const cmdlineAddr = cfg.readU32(FW_CFG_CMDLINE_ADDR);
  const cmdlineSize = cfg.readU32(FW_CFG_CMDLINE_SIZE);

  cfg.readInto(FW_CFG_SETUP_DATA, setupAddr, setupSize);
  if (wire.read16(setupAddr + HDR_VERSION) < 0x203) wire.write32(setupAddr + HDR_INITRD_ADDR_MAX, OLD_INITRD_ADDR_MAX);
  // QEMU placed the initrd against initrd_addr_max; when that is not the end of RAM, the ROM moves
  // it to the top of RAM E801 reports.
  const initrdEndPage = ((initrdAddr + initrdSize) & PAGE_MASK) >>> 0;
  const maxPage = (wire.read32(setupAddr + HDR_INITRD_ADDR_MAX) & PAGE_MASK) >>> 0;
  if (initrdEndPage !== 0 && maxPage !== 0 && initrdEndPage !== maxPage) {
    initrdAddr = ((e801Top(wire) - initrdSize) & PAGE_MASK) >>> 0;
    wire.write32(setupAddr + HDR_RAMDISK_IMAGE, initrdAddr);
  }
  if (initrdSize) cfg.readInto(FW_CFG_INITRD_DATA, initrdAddr, initrdSize);
  cfg.readInto(FW_CFG_KERNEL_DATA, kernelAddr, kernelSize);
  cfg.readInto(FW_CFG_CMDLINE_DATA, cmdlineAddr, cmdlineSize);

  const seg = setupAddr >>> 4;
  const hex = (v: number): string => '0x' + v.toString(16);
  log(`linux: setup ${setupSize} bytes at ${hex(setupAddr)} (protocol ${hex(wire.read16(setupAddr + HDR_VERSION))}), kernel ${kernelSize} bytes at ${hex(kernelAddr)}, `
    + `initrd ${initrdSize} bytes at ${hex(initrdAddr)}, cmdline at ${hex(cmdlineAddr)}`);
  return {
    kind: 'x86', cs: seg + ENTRY_SEGMENT_OFFSET, ip: 0, dl: 0,
    entry: {
      regs: { eax: seg + ENTRY_SEGMENT_OFFSET, esp: (cmdlineAddr - setupAddr - STACK_BELOW_CMDLINE) >>> 0 },
      segments: { ds: seg, es: seg, fs: seg, gs: seg, ss: seg },
      interrupts: false,
    },
  };
}
