/**
 * What a PC BIOS leaves for real-mode code before it boots: the PICs and the PIT programmed as
 * SeaBIOS does, the IVT (every vector at an IRET, the served ones at their trap stubs), the BDA,
 * the EBDA with the e820 map, and the F-segment code (stubs, halt loop, configuration table).
 * Runs while the F-segment is still writable (before it is locked).
 */
import type { CpuWire } from '../../src/spec/cpu-wire.js';
import { BIOS_STUB_SIZE, biosStub } from '../../src/spec/bios-call.js';
import { BDA, BDA_BASE, EBDA_FWLAB, EBDA_SEGMENT, EBDA_SIZE_KB, KBD_BUFFER_SLOTS } from '../../src/spec/bios-data-area.js';
import type { E820Entry } from '../../src/spec/e820.js';
import { EBDA_MAX_PCI_BUS } from './int1a.js';
import { resetCdemu } from './cdemu.js';
import { BIOS_CONFIG_TABLE, BIOS_CONFIG_TABLE_ADDR } from './int15.js';
import { initVideo } from './int10.js';
import { APM_PM_ENTRY_STUB } from './apm.js';
import { APM16_ENTRY_ADDR, APM32_ENTRY_ADDR, DISKETTE_PARAM_TABLE2_ADDR, DISKETTE_PARAM_TABLE_ADDR, FLAT_GDT_ADDR, HALT_LOOP_ADDR, HALT_LOOP_CODE, IRET_ADDR, POST_ENTRY_ADDR, RESET_VECTOR_ADDR, RESUME_VARS_ADDR, SERVED_VECTORS, STUB_BASE } from './layout.js';
import type { Chipset } from '../pci/chipset.js';
import { I440FX_PAM0, Q35_HOST_BRIDGE_PAM0 } from '../pci/regs.js';

const MiB = 1024 * 1024;
/**
 * The diskette parameter table SeaBIOS fills: specify bytes AFh 02h, motor-off ticks 37, 512-byte
 * sectors, 18 sectors, gap 1Bh, DTL FFh, format gap 6Ch, fill F6h, head settle 15 ms, motor start 1 s.
 */
const DISKETTE_PARAM_TABLE = [0xaf, 0x02, 0x25, 0x02, 0x12, 0x1b, 0xff, 0x6c, 0xf6, 0x0f, 0x08];
const DISKETTE_PARAM_VECTOR = 0x1e;
const FOUR_GIB = 2 ** 32;
const COM_PORTS = [0x3f8, 0x2f8, 0x3e8, 0x2e8];
const E820_RAM = 1;

export interface BiosSetup {
  readonly e820: readonly E820Entry[];
  readonly maxPciBus: number;
  /** A VGA-class PCI device exists: its BIOS reports 80x25 colour in the equipment word. */
  readonly vga?: boolean;
  /** Copy int 10h teletype output to the debug console (fw_cfg opt/fwlab/int10-debugcon). */
  readonly teletypeMirror: boolean;
  /** The host bridge: the reset entry's PAM register. */
  readonly chipset: Chipset;
}

/** SeaBIOS's pic_setup: vectors 08h and 70h, everything masked but the cascade, then IRQ 0 and 1. */
export function setupPic(wire: CpuWire): void {
  const icw = (port: number, vector: number, cascade: number): void => {
    wire.out8(port, 0x11);
    wire.out8(port + 1, vector);
    wire.out8(port + 1, cascade);
    wire.out8(port + 1, 0x01);
  };
  icw(0x20, 0x08, 0x04);
  icw(0xa0, 0x70, 0x02);
  wire.out8(0x21, 0xf8);
  wire.out8(0xa1, 0xff);
}

/** PIT channel 0 in mode 2 with the full count: IRQ 0 at 18.2 Hz. */
function setupPit(wire: CpuWire): void {
  wire.out8(0x43, 0x34);
  wire.out8(0x40, 0);
  wire.out8(0x40, 0);
}

/**
 * What runs when booted code jumps to F000:FFF0 to restart the machine (SYSLINUX's reboot.c32, DOS's
 * Ctrl-Alt-Del handlers): POST has run, so, as SeaBIOS's handle_resume → tryReboot → qemu_reboot
 * does, put the ROM back over the shadow (here: the F-segment made writable through PAM0 and
 * HaveRunPost cleared, so the next start is a POST and not a second reboot), then ask the chipset
 * for a hard reset through the reset control register 0xCF9 (full reset, then reset CPU), then
 * pulse the i8042's reset line, then stop.
 */
function resetEntry(chipset: Chipset): Uint8Array {
  const pam0 = chipset === 'q35' ? Q35_HOST_BRIDGE_PAM0 : I440FX_PAM0;
  const cfgAddress = (0x80000000 | (pam0 & 0xfc)) >>> 0;
  const haveRunPost = RESUME_VARS_ADDR - 0xf0000;
  const unshadow = chipset === 'unknown' ? [] : [
    0x66, 0xb8, ...le32(cfgAddress), // mov eax, 8000_00xxh (bus 0, 00.0, the PAM0 dword)
    0xba, 0xf8, 0x0c, 0x66, 0xef, // mov dx, 0CF8h; out dx, eax
    0xba, 0xfc + (pam0 & 3), 0x0c, // mov dx, 0CFCh + PAM0's byte
    0xb0, 0x30, 0xee, // mov al, 30h (F-segment RAM, read/write); out dx, al
    0x2e, 0x66, 0xc7, 0x06, haveRunPost & 0xff, haveRunPost >> 8, 0, 0, 0, 0, // mov dword [cs:HaveRunPost], 0
  ];
  return Uint8Array.of(
    ...unshadow,
    0xba, 0xf9, 0x0c, // mov dx, 0CF9h
    0xb0, 0x02, 0xee, // mov al, 02h; out dx, al
    0xb0, 0x06, 0xee, // mov al, 06h; out dx, al
    0xb0, 0xfe, 0xe6, 0x64, // mov al, 0FEh; out 64h, al
    0xfa, 0xf4, 0xeb, 0xfd, // cli; hlt; jmp $-2
  );
}

const le32 = (v: number): number[] => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24];
/** jmp far F000:E05B */
const RESET_VECTOR = Uint8Array.of(0xea, POST_ENTRY_ADDR & 0xff, (POST_ENTRY_ADDR >> 8) & 0xff, 0x00, 0xf0);

/** A segment descriptor (SDM vol. 3 §3.4.5): `flags` is the G/D-B nibble, `access` P/DPL/S/type. */
function descriptor(base: number, limit: number, access: number, flags: number): Uint8Array {
  return Uint8Array.of(limit & 0xff, (limit >> 8) & 0xff, base & 0xff, (base >> 8) & 0xff, (base >> 16) & 0xff,
    access, (flags << 4) | ((limit >> 16) & 0xf), (base >>> 24) & 0xff);
}

/** Null, flat 32-bit code/data (4 KiB granular, D=1), 16-bit code/data (byte granular); accessed bits set. */
function flatGdt(): Uint8Array {
  const gdt = new Uint8Array(40);
  gdt.set(descriptor(0, 0xfffff, 0x9b, 0xc), 8);
  gdt.set(descriptor(0, 0xfffff, 0x93, 0xc), 16);
  gdt.set(descriptor(0, 0xffff, 0x9f, 0x0), 24);
  gdt.set(descriptor(0, 0xffff, 0x93, 0x0), 32);
  return gdt;
}

const PORT_A20 = 0x92;
const A20_ENABLE = 0x02;
/** Equipment word bits 5:4 = 10b, set by the VGA BIOS (SeaVGABIOS) when a VGA card exists. */
const EQUIPMENT_VIDEO_80X25_COLOUR = 0x0020;
/** CMOS 10h: drive A type in the high nibble, drive B in the low nibble (0 = none). */
const CMOS_FLOPPY_TYPES = 0x10;

/** Equipment word bit 0 (diskette drives present) and bits 7:6 (drives − 1), from CMOS as SeaBIOS's floppy_setup. */
function floppyBits(wire: CpuWire): number {
  wire.out8(0x70, CMOS_FLOPPY_TYPES);
  const types = wire.in8(0x71);
  const drives = (types >> 4 ? 1 : 0) + (types & 0x0f ? 1 : 0);
  return drives === 0 ? 0 : 0x0001 | ((drives - 1) << 6);
}

function bcd(v: number): number {
  return (v >> 4) * 10 + (v & 0xf);
}

function ticksSinceMidnight(wire: CpuWire): number {
  const reg = (r: number): number => {
    wire.out8(0x70, r);
    return wire.in8(0x71);
  };
  const seconds = bcd(reg(4)) * 3600 + bcd(reg(2)) * 60 + bcd(reg(0));
  return Math.floor((seconds * 1193182) / 65536);
}

function comPorts(wire: CpuWire): number[] {
  return COM_PORTS.filter((p) => {
    wire.out8(p + 1, 0x02);
    const ok = wire.in8(p + 1) === 0x02;
    wire.out8(p + 1, 0);
    return ok;
  });
}

/** LPT1 and LPT2 candidates, in the order SeaBIOS's lpt_setup probes them. */
const LPT_PORTS = [0x378, 0x278];
/** SeaBIOS's printer time-out for each port found (BDA 0x78). */
const LPT_TIMEOUT = 0x14;

/** Ports where a parallel port's data latch reads back 0xAA (after the direction bit is cleared). */
function lptPorts(wire: CpuWire): number[] {
  return LPT_PORTS.filter((p) => {
    wire.out8(p + 2, wire.in8(p + 2) & 0xdf);
    wire.out8(p, 0xaa);
    return wire.in8(p) === 0xaa;
  });
}

/** The top of the RAM that starts at 1 MiB, below 4 GiB (SeaBIOS's LegacyRamSize). */
function legacyRamSize(e820: readonly E820Entry[]): number {
  let top = MiB;
  for (const e of e820) {
    if (e.type === E820_RAM && e.address <= top && e.address + e.length > top) top = Math.min(e.address + e.length, FOUR_GIB);
  }
  return top;
}

export function setupBios(wire: CpuWire, s: BiosSetup): void {
  setupPic(wire);
  setupPit(wire);

  wire.write8(IRET_ADDR, 0xcf);
  wire.writeBytes(HALT_LOOP_ADDR, Uint8Array.from(HALT_LOOP_CODE));
  wire.writeBytes(POST_ENTRY_ADDR, resetEntry(s.chipset));
  wire.writeBytes(RESET_VECTOR_ADDR, RESET_VECTOR);
  wire.writeBytes(BIOS_CONFIG_TABLE_ADDR, BIOS_CONFIG_TABLE);
  wire.writeBytes(FLAT_GDT_ADDR, flatGdt());
  wire.writeBytes(APM16_ENTRY_ADDR, APM_PM_ENTRY_STUB);
  wire.writeBytes(APM32_ENTRY_ADDR, APM_PM_ENTRY_STUB);
  for (let v = 0; v < 256; v++) wire.write32(v * 4, ((0xf000 << 16) | (IRET_ADDR - 0xf0000)) >>> 0);
  SERVED_VECTORS.forEach((v, i) => {
    const at = STUB_BASE + i * BIOS_STUB_SIZE;
    wire.writeBytes(at, biosStub(v));
    wire.write32(v * 4, ((0xf000 << 16) | (at - 0xf0000)) >>> 0);
  });

  // SeaBIOS's floppy_setup: the diskette parameter table (1.44 MB values) at F000:EFC7, its extended
  // copy (max track 79, rate 500 kb/s, CMOS type 4) behind int 1Eh.
  wire.writeBytes(DISKETTE_PARAM_TABLE2_ADDR, Uint8Array.of(...DISKETTE_PARAM_TABLE, 79, 0, 4));
  wire.writeBytes(DISKETTE_PARAM_TABLE_ADDR, Uint8Array.of(...DISKETTE_PARAM_TABLE));
  wire.write32(DISKETTE_PARAM_VECTOR * 4, ((0xf000 << 16) | (DISKETTE_PARAM_TABLE2_ADDR - 0xf0000)) >>> 0);

  wire.writeBytes(BDA_BASE, new Uint8Array(0x100));
  const coms = comPorts(wire);
  coms.forEach((p, i) => wire.write16(BDA_BASE + BDA.com + i * 2, p));
  const lpts = lptPorts(wire);
  lpts.forEach((p, i) => {
    wire.write16(BDA_BASE + BDA.lpt + i * 2, p);
    wire.write8(BDA_BASE + BDA.lptTimeout + i, LPT_TIMEOUT);
  });
  const kbd = wire.in8(0x64) !== 0xff;
  wire.write16(BDA_BASE + BDA.equipment,
    0x0002 | (kbd ? 0x0004 : 0) | floppyBits(wire) | (s.vga ? EQUIPMENT_VIDEO_80X25_COLOUR : 0) | (coms.length << 9) | (lpts.length << 14));
  // SeaBIOS leaves the A20 gate open for what it boots (int 15h AX=2402h reads 1).
  wire.out8(PORT_A20, wire.in8(PORT_A20) | A20_ENABLE);
  wire.write16(BDA_BASE + BDA.ebdaSeg, EBDA_SEGMENT);
  wire.write16(BDA_BASE + BDA.memSizeKb, EBDA_SEGMENT / 64);
  wire.write16(BDA_BASE + BDA.kbdBufferStart, BDA.kbdBuffer);
  wire.write16(BDA_BASE + BDA.kbdBufferEnd, BDA.kbdBuffer + KBD_BUFFER_SLOTS * 2);
  wire.write16(BDA_BASE + BDA.kbdHead, BDA.kbdBuffer);
  wire.write16(BDA_BASE + BDA.kbdTail, BDA.kbdBuffer);
  wire.write32(BDA_BASE + BDA.timerTicks, ticksSinceMidnight(wire));
  initVideo(wire, s.vga ?? false);

  const ebda = EBDA_SEGMENT * 16;
  wire.writeBytes(ebda, new Uint8Array(EBDA_SIZE_KB * 1024));
  wire.write8(ebda, EBDA_SIZE_KB);
  const entries = s.e820.slice(0, EBDA_FWLAB.e820Max);
  wire.write16(ebda + EBDA_FWLAB.e820, entries.length);
  entries.forEach((e, i) => {
    const at = ebda + EBDA_FWLAB.e820 + 4 + i * 20;
    wire.write64(at, BigInt(e.address));
    wire.write64(at + 8, BigInt(e.length));
    wire.write32(at + 16, e.type);
  });
  wire.write32(ebda + EBDA_FWLAB.legacyRamSize, legacyRamSize(s.e820));
  wire.write8(ebda + EBDA_MAX_PCI_BUS, s.maxPciBus);
  wire.write8(ebda + EBDA_FWLAB.teletypeMirror, s.teletypeMirror ? 1 : 0);
  resetCdemu(wire);
}
