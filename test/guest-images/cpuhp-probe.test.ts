/**
 * CPU hot-plug with a core (decision 0062). guest-images/cpuhp-probe.img on `-smp 1,maxcpus=2`
 * announces that it waits for a CPU, then sends INIT-SIPI-SIPI to APIC ID 1 every ~20 ms until the
 * AP checks in, prints the AP's local APIC ID and CPUID initial APIC ID and the fixed IPI it took.
 * QEMU 7.2 + SeaBIOS 1.16.2 ran it with the QMP session of scripts/capture-cpuhp.mjs
 * (test/fixtures/guest-images/cpuhp-probe-*): query-hotpluggable-cpus and device_add of core 1 after
 * the announcement, query-hotpluggable-cpus and device_del (refused: the block is still in its legacy
 * interface) after `done`. fwlab, with the same commands at virtual times in the same windows
 * (`--qmp-at`), must print the same COM1 text and give the same replies — under its TypeScript
 * firmware and under Debian's SeaBIOS on fwlab's x86 cores. Without a core for the plugged CPU the
 * probe prints "no cpu checked in" after ~10 s (past this run's 4 s).
 * The `-reset` captures add a system_reset after the first `done`: the probe runs again and reads
 * CMOS 5Fh = 1 (QEMU's pc_cpu_plug counts the plugged CPU there and in fw_cfg NB_CPUS), the firmware
 * starts and parks the plugged CPU and the probe restarts it; under fwlab's firmware and Debian's
 * SeaBIOS on fwlab. After the system_reset the firmware reboots once more itself (HaveRunPost):
 * one guest RESET under fwlab, one or two under QEMU (test/guest-images/system-reset.test.ts).
 */
import test from 'ava';
import type { ExecutionContext } from 'ava';
import { fwlabChild } from '../aml-suite/fwlab-cli.js';
import { capture, fwlabArgsOf, qemuTranscript, qmpAtTranscript } from '../helpers/guest-captures.js';
import { testWith } from '../helpers/reference.js';

const SEABIOS = '/usr/share/seabios/bios-256k.bin';
/** The probe announces its wait at ~10-400 ms of virtual time and is done ~30 ms after the plug. */
const QMP_AT = [
  '--qmp-at', '1s:{"execute":"query-hotpluggable-cpus"}',
  '--qmp-at', '1001ms:{"execute":"device_add","arguments":{"driver":"qemu64-x86_64-cpu","id":"cpu1","socket-id":0,"core-id":1,"thread-id":0}}',
  '--qmp-at', '3s:{"execute":"query-hotpluggable-cpus"}',
  '--qmp-at', '3001ms:{"execute":"device_del","arguments":{"id":"cpu1"}}',
];

const probeLines = (serial: string): string => serial.split('\n').filter((l) => l.startsWith('cpuhp-probe: ')).join('\n');

for (const board of ['pc', 'q35'] as const) {
  const run = `cpuhp-probe-${board}`;
  const args = fwlabArgsOf(run).map((a) => (a === 'null' ? 'stdio' : a));
  const boot = (bios: string[]) => fwlabChild(['boot', ...args, ...bios, ...QMP_AT, '--run-for', '4s'], 120_000);

  const title = (name: string) => `${board}: ${name}: a CPU plugged by device_add starts on INIT-SIPI-SIPI and takes an IPI; COM1 and the QMP transcript equal QEMU's`;
  const check = async (t: ExecutionContext, bios: string[]) => {
    const r = await boot(bios);
    t.is(r.code, 0, r.err);
    const serial = capture(run, 'serial.log');
    t.true(serial.includes('cpuhp-probe: cpu checked in: apic 01'), 'QEMU\'s AP checked in');
    t.is(probeLines(r.out), probeLines(serial));
    t.deepEqual(qmpAtTranscript(r.err ?? ''), qemuTranscript(run));
    return r.out;
  };
  test(title('fwlab\'s firmware'), async (t) => {
    const first = await check(t, []);
    const again = await boot([]);
    t.is(again.out, first, 'the same run twice: the same output, virtual time included');
  });
  testWith(['seabios'])(title('Debian\'s SeaBIOS on fwlab'), (t) => check(t, ['--bios', SEABIOS]));

  const reset = `cpuhp-probe-reset-${board}`;
  const resetTitle = (name: string) => `${board}: ${name}: after a system_reset CMOS 5Fh counts the plugged CPU and the firmware parks it; the probe restarts it as under QEMU`;
  const checkReset = async (t: ExecutionContext, bios: string[]) => {
    const r = await fwlabChild(['boot', ...fwlabArgsOf(reset).map((a) => (a === 'null' ? 'stdio' : a)), ...bios, ...QMP_AT.slice(0, 4),
      '--qmp-at', '2s:{"execute":"system_reset"}',
      '--qmp-at', '4s:{"execute":"query-hotpluggable-cpus"}',
      '--qmp-at', '4001ms:{"execute":"device_del","arguments":{"id":"cpu1"}}', '--run-for', '5s'], 120_000);
    t.is(r.code, 0, r.err);
    const serial = capture(reset, 'serial.log');
    t.true(serial.includes('cpuhp-probe: bsp apic 00 cpus 02'), 'QEMU\'s CMOS 5Fh counted the plugged CPU');
    t.is(probeLines(r.out), probeLines(serial));
    // QEMU's firmware reboot after the reset gives one or two guest RESETs (system-reset.test.ts); fwlab's one.
    const oneReset = (items: string[]): string[] => items.filter((x, i) => !(x === 'event RESET' && items[i - 1] === 'event RESET'));
    t.deepEqual(oneReset(qmpAtTranscript(r.err ?? '')), oneReset(qemuTranscript(reset)));
  };
  test(resetTitle('fwlab\'s firmware'), (t) => checkReset(t, []));
  testWith(['seabios'])(resetTitle('Debian\'s SeaBIOS on fwlab'), (t) => checkReset(t, ['--bios', SEABIOS]));
}
