/**
 * int 1Ah: the tick count in the BDA, the RTC's time and date from the CMOS (BCD, as the RTC
 * keeps them), and the PCI BIOS (AX=B1xxh) over configuration mechanism #1.
 */
import type { CpuWire } from '../../src/spec/cpu-wire.js';
import { BDA, BDA_BASE, EBDA_SEGMENT } from '../../src/spec/bios-data-area.js';
import { PciConfig } from '../pci/config.js';
import type { BiosFrame } from './frame.js';

const PORT_CMOS_INDEX = 0x70;
const PORT_CMOS_DATA = 0x71;
const RTC_STATUS_A = 0x0a;
const RTC_UIP = 0x80;
const CMOS_CENTURY = 0x32;
/** The CMOS registers behind CH, CL, DH, DL: time (hours, minutes, seconds) and date (century, year, month, day). */
const RTC_TIME = [4, 2, 0, 0x0b] as const;
const RTC_DATE = [CMOS_CENTURY, 9, 8, 7] as const;
/** Where the firmware records the last PCI bus number (EBDA offset). */
export const EBDA_MAX_PCI_BUS = 0x398;

const RET_FUNC_NOT_SUPPORTED = 0x81;
const RET_BAD_VENDOR_ID = 0x83;
const RET_DEVICE_NOT_FOUND = 0x86;
const RET_BAD_REGISTER = 0x87;

function cmos(wire: CpuWire, reg: number): number {
  wire.out8(PORT_CMOS_INDEX, reg);
  return wire.in8(PORT_CMOS_DATA);
}
function setCmos(wire: CpuWire, reg: number, v: number): void {
  wire.out8(PORT_CMOS_INDEX, reg);
  wire.out8(PORT_CMOS_DATA, v);
}

function pcibios(wire: CpuWire, f: BiosFrame): void {
  const cfg = new PciConfig(wire);
  const al = f.lo('eax');
  const maxBus = wire.read8(EBDA_SEGMENT * 16 + EBDA_MAX_PCI_BUS);
  const find = (match: (bdf: number) => boolean): void => {
    let n = f.get16('esi');
    for (let bus = 0; bus <= maxBus; bus++) {
      for (let devfn = 0; devfn < 256; devfn++) {
        const bdf = (bus << 8) | devfn;
        const id = cfg.read32(bdf, 0) >>> 0;
        if (id === 0xffffffff || id === 0) {
          if ((devfn & 7) === 0) devfn += 7;
          continue;
        }
        if (match(bdf) && n-- === 0) {
          f.set16('ebx', bdf);
          f.setHi('eax', 0);
          f.ok();
          return;
        }
        if ((devfn & 7) === 0 && !(cfg.read8(bdf, 0x0e) & 0x80)) devfn += 7;
      }
    }
    f.fail(RET_DEVICE_NOT_FOUND);
  };
  const bdf = f.get16('ebx');
  const reg = f.get16('edi');
  const checkReg = (align: number): boolean => {
    if (reg > 0xff || reg % align) {
      f.fail(RET_BAD_REGISTER);
      return false;
    }
    return true;
  };
  switch (al) {
    case 0x01:
      f.setLo('eax', 0x01); // configuration mechanism #1
      f.set16('ebx', 0x0210); // PCI 2.10
      f.setLo('ecx', maxBus);
      f.set32('edx', 0x20494350); // "PCI "
      f.set32('edi', 0);
      f.setHi('eax', 0);
      f.ok();
      return;
    case 0x02:
      if (f.get16('edx') === 0xffff) return f.fail(RET_BAD_VENDOR_ID);
      return find((b) => (cfg.read32(b, 0) >>> 0) === ((f.get16('ecx') << 16) | f.get16('edx')) >>> 0);
    case 0x03:
      return find((b) => (cfg.read32(b, 8) >>> 8) === (f.get32('ecx') & 0xffffff));
    case 0x08: if (checkReg(1)) { f.setLo('ecx', cfg.read8(bdf, reg)); f.setHi('eax', 0); f.ok(); } return;
    case 0x09: if (checkReg(2)) { f.set16('ecx', cfg.read16(bdf, reg)); f.setHi('eax', 0); f.ok(); } return;
    case 0x0a: if (checkReg(4)) { f.set32('ecx', cfg.read32(bdf, reg)); f.setHi('eax', 0); f.ok(); } return;
    case 0x0b: if (checkReg(1)) { cfg.write8(bdf, reg, f.lo('ecx')); f.setHi('eax', 0); f.ok(); } return;
    case 0x0c: if (checkReg(2)) { cfg.write16(bdf, reg, f.get16('ecx')); f.setHi('eax', 0); f.ok(); } return;
    case 0x0d: if (checkReg(4)) { cfg.write32(bdf, reg, f.get32('ecx')); f.setHi('eax', 0); f.ok(); } return;
    default:
      f.fail(RET_FUNC_NOT_SUPPORTED);
  }
}

export function int1a(wire: CpuWire, f: BiosFrame): void {
  const ah = f.hi('eax');
  const ticks = BDA_BASE + BDA.timerTicks;
  switch (ah) {
    case 0x00: {
      const t = wire.read32(ticks) >>> 0;
      f.set16('ecx', t >>> 16);
      f.set16('edx', t & 0xffff);
      f.setLo('eax', wire.read8(BDA_BASE + BDA.timerRollover));
      wire.write8(BDA_BASE + BDA.timerRollover, 0);
      f.ok();
      return;
    }
    case 0x01:
      wire.write32(ticks, ((f.get16('ecx') << 16) | f.get16('edx')) >>> 0);
      wire.write8(BDA_BASE + BDA.timerRollover, 0);
      f.setHi('eax', 0);
      f.ok();
      return;
    case 0x02:
    case 0x04: {
      if (cmos(wire, RTC_STATUS_A) & RTC_UIP) return f.fail(0);
      const [ch, cl, dh, dl] = ah === 0x02 ? RTC_TIME : RTC_DATE;
      f.setHi('ecx', cmos(wire, ch));
      f.setLo('ecx', cmos(wire, cl));
      f.setHi('edx', cmos(wire, dh));
      f.setLo('edx', ah === 0x02 ? cmos(wire, 0x0b) & 1 : cmos(wire, dl));
      f.setHi('eax', 0);
      // SeaBIOS's handle_1a02/1a04 also copy CH (hours, century) into AL.
      f.setLo('eax', f.hi('ecx'));
      f.ok();
      return;
    }
    case 0x03:
    case 0x05: {
      const regs = ah === 0x03 ? RTC_TIME : RTC_DATE;
      const values = [f.hi('ecx'), f.lo('ecx'), f.hi('edx'), f.lo('edx')];
      // AH=03h sets hours, minutes and seconds (DL, the DST flag, is not stored).
      regs.slice(0, ah === 0x03 ? 3 : 4).forEach((reg, i) => setCmos(wire, reg, values[i]!));
      f.setHi('eax', 0);
      f.ok();
      return;
    }
    case 0xb1:
      pcibios(wire, f);
      return;
    default:
      f.fail(0x86);
  }
}
