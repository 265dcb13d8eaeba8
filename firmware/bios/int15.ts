/**
 * int 15h, the system services a loader uses: the memory map (E820, E801, 88h), the A20 gate,
 * a microsecond wait, the configuration table and the extended-memory block move, with
 * SeaBIOS 1.16.2's results (src/system.c) and its error convention (AH=86h, CF set).
 */
import type { CpuWire } from '../../src/spec/cpu-wire.js';
import { EBDA_FWLAB, EBDA_SEGMENT } from '../../src/spec/bios-data-area.js';
import type { BiosFrame } from './frame.js';
import { apm } from './apm.js';

const RET_EUNSUPPORTED = 0x86;
const SMAP = 0x534d4150;
const E820_ENTRY = 20;
const MiB = 1024 * 1024;
const PORT_A20 = 0x92;
const A20_BIT = 0x02;
/** F000:E6F5, where IBM-compatible BIOSes keep the system configuration table (int 15h AH=C0h). */
export const BIOS_CONFIG_TABLE_ADDR = 0xfe6f5;
/** Size 8, model FCh, submodel 0, revision 1, feature 1: second PIC, RTC, EBDA; feature 2: int 16h AH=09h. */
export const BIOS_CONFIG_TABLE = Uint8Array.of(8, 0, 0xfc, 0x00, 0x01, 0x64, 0x40, 0, 0, 0);

const ebda = (off: number): number => EBDA_SEGMENT * 16 + off;

/** The 20-byte entries E820 hands out, in order (the EBDA copy of the firmware's map). */
export function e820Entries(wire: CpuWire): Uint8Array[] {
  const count = wire.read16(ebda(EBDA_FWLAB.e820));
  return Array.from({ length: count }, (_, i) => wire.readBytes(ebda(EBDA_FWLAB.e820) + 4 + i * E820_ENTRY, E820_ENTRY));
}

/** What E801 reports, as linuxboot_dma's get_e801_addr turns it into bytes: the top of RAM below 4 GiB. */
export function e801Top(wire: CpuWire): number {
  const rs = legacyRamSize(wire);
  return rs > 16 * MiB ? 16 * MiB + Math.floor((rs - 16 * MiB) / (64 * 1024)) * 65536 : rs;
}

function e820(wire: CpuWire, f: BiosFrame): void {
  const count = wire.read16(ebda(EBDA_FWLAB.e820));
  const index = f.get16('ebx');
  if (f.get32('edx') !== SMAP || f.get32('ebx') >= count || f.get32('ecx') < E820_ENTRY) {
    f.fail(RET_EUNSUPPORTED);
    return;
  }
  const entry = wire.readBytes(ebda(EBDA_FWLAB.e820) + 4 + index * E820_ENTRY, E820_ENTRY);
  wire.writeBytes(f.linear('es', f.get16('edi')), entry);
  f.set32('ebx', index === count - 1 ? 0 : index + 1);
  f.set32('eax', SMAP);
  f.set32('ecx', E820_ENTRY);
  f.ok();
}

function legacyRamSize(wire: CpuWire): number {
  return wire.read32(ebda(EBDA_FWLAB.legacyRamSize)) >>> 0;
}

function e801(wire: CpuWire, f: BiosFrame): void {
  const rs = legacyRamSize(wire);
  const below16 = rs > 16 * MiB ? 15 * 1024 : (rs - MiB) / 1024;
  const above16 = rs > 16 * MiB ? Math.floor((rs - 16 * MiB) / (64 * 1024)) : 0;
  f.set16('ecx', below16);
  f.set16('edx', above16);
  f.set16('eax', below16);
  f.set16('ebx', above16);
  f.ok();
}

/** AH=87h: copy CX words between the source (GDT+10h) and destination (GDT+18h) descriptors at ES:SI. */
function blockMove(wire: CpuWire, f: BiosFrame): void {
  const gdt = f.linear('es', f.get16('esi'));
  const base = (d: number): number => (wire.read16(d + 2) | (wire.read8(d + 4) << 16) | (wire.read8(d + 7) << 24)) >>> 0;
  const src = base(gdt + 0x10);
  const dst = base(gdt + 0x18);
  const bytes = f.get16('ecx') * 2;
  wire.writeBytes(dst, wire.readBytes(src, bytes));
  f.setHi('eax', 0);
  f.ok();
}

export function int15(wire: CpuWire, f: BiosFrame): void {
  const ah = f.hi('eax');
  const al = f.lo('eax');
  if (ah === 0x24) {
    const port = wire.in8(PORT_A20);
    switch (al) {
      case 0x00: wire.out8(PORT_A20, port & ~A20_BIT); break;
      case 0x01: wire.out8(PORT_A20, port | A20_BIT); break;
      case 0x02: f.setLo('eax', (port & A20_BIT) >> 1); break;
      case 0x03: f.set16('ebx', 3); break;
      default: f.fail(RET_EUNSUPPORTED); return;
    }
    f.setHi('eax', 0);
    f.ok();
    return;
  }
  switch (ah) {
    case 0x53:
      apm(wire, f);
      return;
    case 0x86: // wait CX:DX microseconds
      wire.delay(((f.get16('ecx') << 16) | f.get16('edx')) * 1000);
      f.ok();
      return;
    case 0x87:
      blockMove(wire, f);
      return;
    case 0x88: {
      const rs = legacyRamSize(wire);
      f.set16('eax', rs > 64 * MiB ? 63 * 1024 : (rs - MiB) / 1024);
      f.ok();
      return;
    }
    case 0xc0:
      f.setSeg('es', 0xf000);
      f.set16('ebx', BIOS_CONFIG_TABLE_ADDR - 0xf0000);
      f.setHi('eax', 0);
      f.ok();
      return;
    case 0xc1:
      f.setSeg('es', EBDA_SEGMENT);
      f.ok();
      return;
    case 0xe8:
      if (al === 0x20) return e820(wire, f);
      if (al === 0x01) return e801(wire, f);
      f.fail(RET_EUNSUPPORTED);
      return;
    default:
      f.fail(RET_EUNSUPPORTED);
  }
}
