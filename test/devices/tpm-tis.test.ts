/**
 * tpm-tis: the DSDT device against QEMU 7.2's bytes, the TIS response path and fwlab's built-in
 * TPM against the TCG specs (the register behaviour from reset is in the qtest trace
 * test/fixtures/qtest/tpm-tis.trace), and the option errors against QEMU 7.2's messages.
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { encode } from '../../src/machine/acpi/aml/index.js';
import { tpmTisAml } from '../../src/machine/devices/tpm-tis-acpi.js';
import { createMachine } from '../../src/machine/create-machine.js';
import type { Machine } from '../../src/machine/machine.js';
import { fixturePath } from '../helpers/paths.js';

const TPM = ['-chardev', 'socket,id=chrtpm,path=/tmp/none.sock', '-tpmdev', 'emulator,id=tpm0,chardev=chrtpm', '-device', 'tpm-tis,tpmdev=tpm0'];
const BASE = 0xfed40000;
const STS = BASE + 0x18;
const FIFO = BASE + 0x24;

test('Device (TPM) in the DSDT is byte for byte QEMU 7.2\'s (MSFT0101, PPI 1.3 _DSM, MOR _DSM)', (t) => {
  const want = readFileSync(fixturePath('tpm', 'tpm-device.aml'));
  t.deepEqual(Buffer.from(encode(tpmTisAml())), want);
});

function machine(): Machine {
  const m = createMachine(['-machine', 'pc', '-nodefaults', ...TPM]);
  m.reset();
  m.memory.write(BASE, 1, 0x02); // request locality 0
  return m;
}

/** Sends one command through the FIFO as the PTP §5.5 protocol does; returns the response bytes. */
function exchange(m: Machine, command: number[]): { response: number[]; stsAfterGo: number; stsAfterRead: number } {
  m.memory.write(STS, 1, 0x40);
  for (const b of command) m.memory.write(FIFO, 1, b);
  m.memory.write(STS, 1, 0x20);
  const stsAfterGo = m.memory.read(STS, 4);
  const burst = (stsAfterGo >>> 8) & 0xffff;
  const response = Array.from({ length: burst }, () => m.memory.read(FIFO, 1));
  return { response, stsAfterGo, stsAfterRead: m.memory.read(STS, 4) };
}

const startup = [0x80, 0x01, 0, 0, 0, 0x0c, 0, 0, 0x01, 0x44, 0, 0];
const rc = (r: number[]) => ((r[6]! << 24) | (r[7]! << 16) | (r[8]! << 8) | r[9]!) >>> 0;

test('TPM2_Startup through the FIFO: dataAvail with a burst count of the 10-byte response, then stsValid alone', (t) => {
  const m = machine();
  const r = exchange(m, startup);
  // PTP §5.5.2.2: stsValid (7) + dataAvail (4), burstCount = bytes left, TPM family 2.0 (bits 27:26 = 01).
  t.is(r.stsAfterGo, 0x04000000 | (10 << 8) | 0x80 | 0x10);
  t.deepEqual(r.response, [0x80, 0x01, 0, 0, 0, 0x0a, 0, 0, 0, 0]);
  t.is(r.stsAfterRead & 0xff, 0x80);
  t.is(m.memory.read(FIFO, 1), 0xff, 'reading past the response gives no data');
});

test('the built-in TPM: a second Startup is TPM_RC_INITIALIZE, SelfTest sets selfTestDone, an unimplemented command is TPM_RC_COMMAND_CODE', (t) => {
  const m = machine();
  t.is(rc(exchange(m, startup).response), 0);
  t.is(rc(exchange(m, startup).response), 0x100);
  const self = exchange(m, [0x80, 0x01, 0, 0, 0, 0x0b, 0, 0, 0x01, 0x43, 0x01]);
  t.is(rc(self.response), 0);
  t.truthy(self.stsAfterRead & 0x04, 'STS.selfTestDone');
  t.is(rc(exchange(m, [0x80, 0x01, 0, 0, 0, 0x0c, 0, 0, 0x01, 0x7b, 0, 0x08]).response), 0x143);
  m.reset();
  m.memory.write(BASE, 1, 0x02);
  t.is(rc(exchange(m, startup).response), 0, 'a machine reset is a TPM reset');
});

test('guest misuse is dropped: FIFO writes without the locality, a GO before the command is complete', (t) => {
  const m = createMachine(['-machine', 'pc', '-nodefaults', ...TPM]);
  m.reset();
  m.memory.write(FIFO, 1, 0x80);
  t.is(m.memory.read(STS, 4), 0xffffffff, 'no active locality: STS reads all-ones');
  m.memory.write(BASE, 1, 0x02);
  m.memory.write(STS, 1, 0x40);
  for (const b of startup.slice(0, 8)) m.memory.write(FIFO, 1, b);
  m.memory.write(STS, 1, 0x20);
  t.is(m.memory.read(STS, 1) & 0x18, 0x08, 'still expecting bytes, no data available');
  t.is(m.memory.read(FIFO, 1), 0xff);
});

test('-tpmdev/-device tpm-tis errors are QEMU 7.2\'s', (t) => {
  const err = (args: string[]) => t.throws(() => createMachine(['-machine', 'pc', '-nodefaults', ...args]))?.message;
  t.is(err(['-device', 'tpm-tis']), "-device tpm-tis: 'tpmdev' property is required");
  t.is(err(['-device', 'tpm-tis,tpmdev=nope']), "-device tpm-tis,tpmdev=nope: Property 'tpm-tis.tpmdev' can't find value 'nope'");
  t.is(err(['-tpmdev', 'emulator,id=x']), "-tpmdev emulator,id=x: tpm-emulator: parameter 'chardev' is missing");
  t.is(err(['-tpmdev', 'emulator,chardev=c']), "-tpmdev emulator,chardev=c: Parameter 'id' is missing");
  t.is(err(['-tpmdev', 'emulator,id=t0,chardev=nochr']), "-tpmdev t0: tpm-emulator: tpm chardev 'nochr' not found");
  t.regex(err(['-tpmdev', 'foo,id=x']) ?? '', /^-tpmdev foo,id=x: Parameter 'type' expects a TPM backend type/);
  t.is(err([...TPM, '-tpmdev', 'emulator,id=t1,chardev=chrtpm']), "-tpmdev emulator,id=t1,chardev=chrtpm: Only one TPM is allowed.");
  t.is(err([...TPM, '-device', 'tpm-tis,tpmdev=tpm0']), "-device tpm-tis,tpmdev=tpm0: TPM backend 'tpm0' is already initialized");
});
