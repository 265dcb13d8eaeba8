/**
 * Sleep states through PM1a_CNT as QEMU 7.2's acpi_pm1_cnt_write: SLP_TYP 1 suspends (CPU stopped
 * by CpuSuspendSignal, CMOS 0Fh = FEh from the RTC's suspend notifier), the \_S4 value (2) reports
 * SUSPEND_DISK and powers off; a wake-up request (QMP system_wakeup = reason "other", an RTC alarm
 * with PM1_EN.RTC_EN, a PM timer overflow with TMR_EN) then the wake-up's reset leaves PM1_STS with
 * WAK_STS and the reason's bit. PM1a_STS = 8101h after system_wakeup is what the probe read on
 * QEMU 7.2 (test/fixtures/guest-images/s3-probe-pc/serial.log: WAK_STS, PWRBTN_STS, and TMR_STS,
 * which reads set after every reset until cleared). The host bridge's PAM survives a reset (QEMU
 * resets neither i440FX's nor the MCH's) but not a power cycle.
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { createMachine } from '../../src/machine/create-machine.js';
import { CpuPowerOffSignal, CpuSuspendSignal } from '../../src/machine/cpu/cpu-core.js';
import { sleepUntilWakeup } from '../../src/machine/suspend-wait.js';
import { fixturePath } from '../helpers/paths.js';

const PM1_CNT = 4;
const SLP_EN = 1 << 13;
const sleepValue = (typ: number) => (typ << 10) | SLP_EN;
const pm1Sts = (m: ReturnType<typeof createMachine>) => m.acpiPm.pm1.read(0, 2);
const cmos = (m: ReturnType<typeof createMachine>, i: number) => m.cmos.nvram[i];

function machine(board = 'pc') {
  const m = createMachine(['-machine', board, '-nodefaults']);
  m.reset();
  return m;
}

function suspend(m: ReturnType<typeof createMachine>): void {
  try {
    m.acpiPm.pm1.write(PM1_CNT, 2, sleepValue(1));
  } catch (e) {
    if (e instanceof CpuSuspendSignal) return;
    throw e;
  }
  throw new Error('SLP_TYP 1 did not suspend');
}

test('S3: suspended (CMOS 0Fh FEh), system_wakeup, then the reset leaves WAK_STS|PWRBTN_STS|TMR_STS as QEMU shows', (t) => {
  const m = machine();
  t.is(m.requestWakeup('other'), 'Unable to wake up: guest is not in suspended state');
  suspend(m);
  t.true(m.isAsleep);
  t.is(cmos(m, 0x0f), 0xfe);
  t.true(m.events.includes('suspend (S3)'));
  t.is(m.requestWakeup('other'), undefined);
  t.false(m.isAsleep);
  m.wakeupReset();
  t.is(cmos(m, 0x0f), 0xfe, 'the shutdown byte survives the reset for the firmware');
  const probe = readFileSync(fixturePath('guest-images', 's3-probe-pc', 'serial.log'), 'latin1');
  t.is(pm1Sts(m).toString(16).padStart(8, '0'), /PM1a_STS=([0-9a-f]{8})/.exec(probe)![1]!);
  t.is(m.requestWakeup('other'), 'Unable to wake up: guest is not in suspended state');
});

test('S3: an RTC alarm wakes the machine only with PM1_EN.RTC_EN; RTC_STS tells why', (t) => {
  for (const rtcEn of [false, true]) {
    const m = machine();
    for (const i of [1, 3, 5]) m.cmos.nvram[i] = 0xc0; // alarm: any second
    m.ports.write(0x70, 1, 0x0b);
    m.ports.write(0x71, 1, 0x02 | 0x20); // 24h, AIE
    if (rtcEn) m.acpiPm.pm1.write(2, 2, 0x0400);
    suspend(m);
    const end = m.clock.now() + 3e9;
    const exit = sleepUntilWakeup(m, end);
    if (!rtcEn) {
      t.is(exit?.kind, 'halt');
      t.true(m.isAsleep);
      continue;
    }
    t.is(exit, undefined);
    m.wakeupReset();
    t.is(pm1Sts(m) & 0x8400, 0x8400);
    t.is(pm1Sts(m) & 0x0100, 0);
  }
});

test('S3: with TMR_EN and TMR_STS cleared, the PM timer overflow wakes the machine (TMR_STS set)', (t) => {
  const m = machine();
  m.acpiPm.pm1.write(2, 2, 0x0001);
  m.acpiPm.pm1.write(0, 2, 0x0001);
  t.is(pm1Sts(m) & 1, 0);
  suspend(m);
  const before = m.clock.now();
  t.is(sleepUntilWakeup(m, before + 10e9), undefined);
  t.true(m.clock.now() - before <= 2.35e9, 'within half a PM timer period');
  t.true(m.events.includes('wakeup (pmtimer)'));
});

test('S4 (the \\_S4 SLP_TYP 2): SUSPEND_DISK then power off, as acpi_pm1_cnt_write; other values are ignored', (t) => {
  const m = machine('q35');
  t.throws(() => m.acpiPm.pm1.write(PM1_CNT, 2, sleepValue(2)), { instanceOf: CpuPowerOffSignal, message: 'powered off (S4)' });
  t.true(m.isPoweredOff);
  t.deepEqual(m.events.slice(-2), ['suspend to disk (S4)', 'power off (S4)']);
  const n = machine();
  n.acpiPm.pm1.write(PM1_CNT, 2, sleepValue(5));
  t.false(n.isPoweredOff);
  t.false(n.isAsleep);
});

for (const [board, pam0] of [['pc', 0x59], ['q35', 0x90]] as const) {
  test(`${board}: the PAM registers survive a reset (shadow RAM kept, as QEMU), not a power cycle`, (t) => {
    const m = machine(board);
    m.ports.write(0xcf8, 4, (0x80000000 | (pam0 & 0xfc)) >>> 0);
    m.ports.write(0xcfc + (pam0 & 3), 1, 0x30);
    t.is(m.pam.modes().at(-1), 3);
    m.reset();
    t.is(m.pam.modes().at(-1), 3);
    m.ports.write(0xcf8, 4, (0x80000000 | (pam0 & 0xfc)) >>> 0);
    t.is(m.ports.read(0xcfc + (pam0 & 3), 1), 0x30);
    m.powerCycle();
    t.is(m.pam.modes().at(-1), 0);
  });
}
