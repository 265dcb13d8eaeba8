import test from 'ava';
import { createMachine } from '../../src/machine/create-machine.js';
import { NOT_SERVED, cmosBytes, firstDifference, machineCaptures, servedFiles, servedKey, strayCaptureDirs } from './machine-captures.js';

/**
 * Real QEMU 7.2 command lines (test/fixtures/qemu-7.2-machines/configs.json, captured by
 * scripts/capture-machines.mjs) given to fwlab as they are: the same fw_cfg directory,
 * every file byte for byte (ACPI tables, loader script, e820, SMBIOS...) and the CPU/NUMA keys.
 */
for (const cap of machineCaptures()) {
  test(`${cap.name}: qemu-system-x86_64 ${cap.args.join(' ')} → fw_cfg equals QEMU 7.2's`, (t) => {
    const m = createMachine([...cap.args]);
    // 0x00-0x09 are the time of day (QEMU's is the host clock; fwlab's a fixed date).
    const hex = (a: readonly number[]) => a.slice(0x0a).map((b) => b.toString(16).padStart(2, '0')).join(' ');
    t.is(hex(cmosBytes(m)), hex(cap.cmos), 'CMOS 0x0a-0x7f');
    const ours = servedFiles(m);
    t.deepEqual([...ours].map(([name, f]) => [name, f.select]), [...cap.files].filter(([n]) => !NOT_SERVED.has(n)).map(([n, f]) => [n, f.select]), 'directory');
    const differences: string[] = [];
    for (const [name, f] of cap.files) {
      if (NOT_SERVED.has(name)) continue;
      const got = ours.get(name)?.data ?? new Uint8Array(0);
      if (!Buffer.from(got).equals(Buffer.from(f.data))) differences.push(`${name}: ${firstDifference(got, f.data)}`);
    }
    for (const [key, hex] of Object.entries(cap.keys)) {
      const got = servedKey(m, key, hex.length);
      if (got !== hex) differences.push(`key ${key}: ${got} vs ${hex}`);
    }
    const pm1Cnt = m.ports.read(0x604, 2);
    if (pm1Cnt !== cap.pm1Cnt) differences.push(`PM1_CNT: ${pm1Cnt} vs ${cap.pm1Cnt}`);
    t.deepEqual(differences, []);
  });
}

test('every capture directory is listed in configs.json', (t) => {
  t.deepEqual(strayCaptureDirs(), []);
});
