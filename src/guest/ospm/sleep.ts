/**
 * Suspend to RAM (S3) and the wake-up, soft-off (S5), in the order of ACPI 6.5 §7.4 (\_TTS, \_PTS, the FACS
 * waking vector, WAK_STS cleared, SLP_TYPx then SLP_TYPx|SLP_EN to PM1x_CNT, §4.8.3.2.1 / §16.1.3.1)
 * and §16.3 on the way back (WAK_STS, \_WAK, \_TTS(0)). The wake-up's reset left the chipset in
 * legacy mode (SCI_EN clear, which neither SeaBIOS nor OVMF sets again): the OSPM enables ACPI mode
 * again through SMI_CMD, as at boot, and re-enables its GPEs (ospm.ts).
 *
 * The guest is a program on the CPU wire: the write of SLP_EN stops the CPU there (the machine
 * unwinds the program), and the firmware's jump to the waking vector enters the program again
 * through its `wake` hook (src/spec/cpu-wire.ts). WAKE_VECTOR is the guest's wake code: a page in
 * conventional memory reachable by the real-mode jump both firmwares make, holding `cli; hlt`
 * so that x86 code jumping there halts rather than running garbage.
 */
import type { CpuWire } from '../../spec/cpu-wire.js';
import {
  ACPI_BITMASK_RT_CLOCK_ENABLE, ACPI_BITMASK_SCI_ENABLE, ACPI_BITMASK_SLEEP_ENABLE, ACPI_BITMASK_SLEEP_TYPE, ACPI_BITMASK_WAKE_STATUS,
} from '../../spec/acpi-pm.js';
import { CMOS_DATA_PORT, CMOS_INDEX_PORT, RTC_HOURS, RTC_MINUTES, RTC_REG_B, RTC_REG_C, RTC_SECONDS } from '../../spec/cmos.js';
import { AmlError, Kind } from '../aml/index.js';
import type { AmlInterpreter, AmlValue } from '../aml/index.js';
import type { FadtInfo } from './acpi-tables.js';
import type { GuestConsole } from './console.js';

/** The guest's waking vector (its real-mode wake code's linear address). */
export const WAKE_VECTOR = 0x9000;
const WAKE_CODE = new Uint8Array([0xfa, 0xf4, 0xeb, 0xfc]);
/** FACS (ACPI 6.5 §5.2.10): Firmware_Waking_Vector, Version, X_Firmware_Waking_Vector. */
const FACS_WAKING_VECTOR = 12;
const FACS_VERSION = 32;
const FACS_X_WAKING_VECTOR = 24;
/** RTC alarm registers (MC146818): seconds, minutes, hours alarm; register B's AIE, BCD and 24-hour bits. */
const RTC_SECONDS_ALARM = 0x01;
const RTC_MINUTES_ALARM = 0x03;
const RTC_HOURS_ALARM = 0x05;
const RTC_REG_B_AIE = 0x20;
const RTC_REG_B_BINARY = 0x04;
const SLP_TYP_SHIFT = 10;
const S3 = 3n;

/** How the guest asks to be woken: the RTC alarm it programs (`rtc:SECONDS`), or someone else (QMP system_wakeup). */
export type WakeSource = { readonly rtcSeconds: number } | 'external';

export interface SleepContext {
  readonly wire: CpuWire;
  readonly aml: AmlInterpreter;
  readonly fadt: FadtInfo;
  readonly console: GuestConsole;
}

const hex = (n: number): string => '0x' + n.toString(16);

function evaluateOptional(c: SleepContext, path: string, args: AmlValue[]): AmlValue | undefined | 'absent' {
  const node = c.aml.node(path);
  if (!node) return 'absent';
  try {
    return c.aml.evaluate(node, args);
  } catch (e) {
    if (!(e instanceof AmlError)) throw e;
    c.console.report('aml-error', e.describe());
    return undefined;
  }
}

/** \_Sx's SLP_TYPa (ACPI 6.5 §7.4.2), or undefined without it (QEMU's disable_s3). */
function slpTypA(c: SleepContext, state: number): number | undefined {
  const v = evaluateOptional(c, `\\_S${state}`, []);
  if (v === undefined || v === 'absent' || typeof v === 'bigint' || v.kind !== Kind.Package) return undefined;
  const a = v.elements[0];
  return typeof a === 'bigint' ? Number(a & 7n) : undefined;
}

function cmos(w: CpuWire, index: number, value?: number): number {
  w.out8(CMOS_INDEX_PORT, index);
  if (value === undefined) return w.in8(CMOS_DATA_PORT);
  w.out8(CMOS_DATA_PORT, value);
  return value;
}

/** The RTC alarm `seconds` from now (24-hour mode, BCD unless register B says binary), AIE on, PM1_EN.RTC_EN. */
function armRtcAlarm(c: SleepContext, seconds: number): void {
  const w = c.wire;
  const binary = (cmos(w, RTC_REG_B) & RTC_REG_B_BINARY) !== 0;
  const dec = (v: number): number => (binary ? v : (v >> 4) * 10 + (v & 15));
  const enc = (v: number): number => (binary ? v : ((Math.floor(v / 10) << 4) | (v % 10)));
  const now = dec(cmos(w, RTC_HOURS)) * 3600 + dec(cmos(w, RTC_MINUTES)) * 60 + dec(cmos(w, RTC_SECONDS));
  const at = (now + seconds) % 86400;
  cmos(w, RTC_SECONDS_ALARM, enc(at % 60));
  cmos(w, RTC_MINUTES_ALARM, enc(Math.floor(at / 60) % 60));
  cmos(w, RTC_HOURS_ALARM, enc(Math.floor(at / 3600)));
  cmos(w, RTC_REG_C);
  cmos(w, RTC_REG_B, cmos(w, RTC_REG_B) | RTC_REG_B_AIE);
  const en = c.fadt.pm1aEvt + (c.fadt.pm1EvtLen >> 1);
  w.out16(en, w.in16(en) | ACPI_BITMASK_RT_CLOCK_ENABLE);
}

/**
 * Enter S3. Returns only when the machine did not sleep (no \_S3, or SLP_EN ignored): the caller
 * stays idle. When it sleeps, the PM1a_CNT write does not return.
 */
export function enterS3(c: SleepContext, facs: number, wake: WakeSource): void {
  const typ = slpTypA(c, 3);
  if (typ === undefined || !c.fadt.pm1aCnt) {
    c.console.report('s3', 'unsupported', '(no \\_S3)');
    return;
  }
  evaluateOptional(c, '\\_TTS', [S3]);
  evaluateOptional(c, '\\_PTS', [S3]);
  const w = c.wire;
  w.writeBytes(WAKE_VECTOR, WAKE_CODE);
  w.write32(facs + FACS_WAKING_VECTOR, WAKE_VECTOR);
  if (w.read8(facs + FACS_VERSION) >= 1) w.write64(facs + FACS_X_WAKING_VECTOR, 0n);
  if (typeof wake === 'object') armRtcAlarm(c, wake.rtcSeconds);
  w.out16(c.fadt.pm1aEvt, ACPI_BITMASK_WAKE_STATUS);
  c.console.report('s3', 'sleep', `slp_typ=${typ}`, `waking-vector=${hex(WAKE_VECTOR)}`, `wake=${typeof wake === 'object' ? `rtc+${wake.rtcSeconds}s` : 'external'}`);
  writeSleep(c, typ);
  c.console.report('s3', 'did-not-sleep');
}

/** SLP_TYPx, then SLP_TYPx|SLP_EN to PM1a_CNT with interrupts off (§4.8.3.2.1); returns if the machine did not sleep. */
function writeSleep(c: SleepContext, typ: number): void {
  const w = c.wire;
  w.setInterruptsEnabled(false);
  const cnt = w.in16(c.fadt.pm1aCnt) & ~(ACPI_BITMASK_SLEEP_TYPE | ACPI_BITMASK_SLEEP_ENABLE);
  w.out16(c.fadt.pm1aCnt, cnt | (typ << SLP_TYP_SHIFT));
  w.out16(c.fadt.pm1aCnt, cnt | (typ << SLP_TYP_SHIFT) | ACPI_BITMASK_SLEEP_ENABLE);
  w.setInterruptsEnabled(true);
}

/**
 * Soft-off (S5, ACPI 6.5 §7.4.2.6 / §16.1.7): \_TTS(5), \_PTS(5), then \_S5's SLP_TYP. The
 * machine is off once SLP_EN is written; returns only if it stayed on.
 */
export function enterS5(c: SleepContext): void {
  const typ = slpTypA(c, 5);
  if (typ === undefined || !c.fadt.pm1aCnt) {
    c.console.report('s5', 'unsupported', '(no \\_S5)');
    return;
  }
  evaluateOptional(c, '\\_TTS', [5n]);
  evaluateOptional(c, '\\_PTS', [5n]);
  c.console.report('s5', 'soft-off', `slp_typ=${typ}`);
  writeSleep(c, typ);
  c.console.report('s5', 'still-on');
}

/** Back at the waking vector: WAK_STS, \_WAK(3), \_TTS(0). Returns false for a vector that is not the guest's. */
export function leaveS3(c: SleepContext, vector: number): boolean {
  if (vector !== WAKE_VECTOR) {
    c.console.report('s3', 'bad-vector', hex(vector));
    return false;
  }
  const w = c.wire;
  const sts = w.in16(c.fadt.pm1aEvt);
  if (sts & ACPI_BITMASK_WAKE_STATUS) w.out16(c.fadt.pm1aEvt, ACPI_BITMASK_WAKE_STATUS);
  const wak = evaluateOptional(c, '\\_WAK', [S3]);
  evaluateOptional(c, '\\_TTS', [0n]);
  const wakText = wak === 'absent' ? 'absent' : wak !== undefined && typeof wak !== 'bigint' && wak.kind === Kind.Package
    ? `(${wak.elements.map((e) => (typeof e === 'bigint' ? hex(Number(e)) : '?')).join(',')})` : 'ok';
  c.console.report('s3', 'wake', `vector=${hex(vector)}`, `pm1a_sts=${hex(sts)}`, `sci_en=${w.in16(c.fadt.pm1aCnt) & ACPI_BITMASK_SCI_ENABLE ? 1 : 0}`, `_WAK=${wakText}`);
  return true;
}
