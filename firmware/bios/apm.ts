/**
 * The APM BIOS, int 15h AH=53h, as SeaBIOS 1.16.2 answers it (apm.c): APM 1.2 with the 16- and 32-bit
 * protected-mode interfaces, whose segments are the BIOS segment F000h with 0FFF0h-byte limits; most
 * functions succeed without doing anything; CPU idle returns at once (SeaBIOS waits for an interrupt:
 * only the time differs); set power state "off" for all devices turns the machine off through PM1a_CNT
 * (SLP_EN with SLP_TYP 0, S5 on QEMU's PIIX4 and ICH9) and stops the caller; the functions SeaBIOS
 * leaves out set CF and keep AH.
 */
import type { CpuWire } from '../../src/spec/cpu-wire.js';
import { BIOS_FRAME, FLAGS_CF } from '../../src/spec/bios-call.js';
import type { BiosFrame } from './frame.js';
import { readResumeVars } from '../s3/resume-vars.js';
import { APM16_ENTRY_ADDR, APM32_ENTRY_ADDR, HALT_LOOP_ADDR } from './layout.js';

const SEG_BIOS = 0xf000;
const SEGMENT_LENGTH = 0xfff0;
const APM_VERSION = 0x0102;
/** 'P', 'M': the installation check's signature in BH, BL. */
const APM_SIGNATURE = 0x504d;
/** Bit 0: 16-bit, bit 1: 32-bit protected-mode interface. */
const APM_FLAGS = 0x0003;
const RET_ENOEVENT = 0x80;
const ALL_DEVICES = 0x0001;
const STATE_STANDBY = 1;
const STATE_SUSPEND = 2;
const STATE_OFF = 3;
const PM1_CNT_OFFSET = 4;
const PM1_CNT_SLP_EN = 0x2000;
const DEBUG_PORT = 0x402;

/**
 * What the protected-mode entry points at APM16_ENTRY_ADDR / APM32_ENTRY_ADDR do: answer "not
 * supported" (AH=86h, CF) and return (`mov ah, 86h; stc; retf`, a far return of the segment's size).
 */
export const APM_PM_ENTRY_STUB = Uint8Array.of(0xb4, 0x86, 0xf9, 0xcb);

function debugLine(wire: CpuWire, text: string): void {
  for (const c of text + '\n') wire.out8(DEBUG_PORT, c.charCodeAt(0));
}

function powerOff(wire: CpuWire, f: BiosFrame): void {
  const pmBase = readResumeVars(wire)?.pmBase ?? 0;
  if (pmBase) wire.out16(pmBase + PM1_CNT_OFFSET, PM1_CNT_SLP_EN);
  // apm_shutdown: cli; hlt for ever.
  wire.write16(f.address + BIOS_FRAME.cs, SEG_BIOS);
  wire.write16(f.address + BIOS_FRAME.ip, HALT_LOOP_ADDR - 0xf0000);
}

export function apm(wire: CpuWire, f: BiosFrame): void {
  switch (f.lo('eax')) {
    case 0x00:
      f.set16('eax', APM_VERSION);
      f.set16('ebx', APM_SIGNATURE);
      f.set16('ecx', APM_FLAGS);
      break;
    case 0x02:
      f.set16('ebx', APM16_ENTRY_ADDR - SEG_BIOS * 16);
      f.set16('eax', SEG_BIOS);
      f.set16('esi', SEGMENT_LENGTH);
      f.set16('ecx', SEG_BIOS);
      f.set16('edi', SEGMENT_LENGTH);
      break;
    case 0x03:
      f.set16('eax', SEG_BIOS);
      f.set32('ebx', APM32_ENTRY_ADDR - SEG_BIOS * 16);
      f.set16('ecx', SEG_BIOS);
      // The 32-bit code segment's length in SI, the 16-bit one's in the high half.
      f.set32('esi', (SEGMENT_LENGTH << 16 | SEGMENT_LENGTH) >>> 0);
      f.set16('edx', SEG_BIOS);
      f.set16('edi', SEGMENT_LENGTH);
      break;
    case 0x07:
      if (f.get16('ebx') === ALL_DEVICES) {
        const state = f.get16('ecx');
        if (state === STATE_STANDBY) debugLine(wire, 'APM standby request');
        else if (state === STATE_SUSPEND) debugLine(wire, 'APM suspend request');
        else if (state === STATE_OFF) return powerOff(wire, f);
      }
      break;
    case 0x0a:
      f.set16('ebx', 0x01ff); // AC line on, battery status unknown
      f.set16('ecx', 0x80ff); // no system battery, remaining charge unknown
      f.set16('edx', 0xffff); // remaining time unknown
      f.set16('esi', 0);
      break;
    case 0x0b:
      f.fail(RET_ENOEVENT);
      return;
    case 0x0e:
      f.set16('eax', APM_VERSION);
      break;
    case 0x10:
      f.setLo('ebx', 0);
      f.set16('ecx', 0);
      break;
    case 0x01: case 0x04: case 0x05: case 0x06: case 0x08: case 0x0f:
      break;
    default:
      f.setFlag(FLAGS_CF, true);
      return;
  }
  f.ok();
}
