#!/usr/bin/env node
// S3 suspend and resume under the real QEMU (Debian's qemu-system-x86_64 7.2 + SeaBIOS 1.16.2):
// boots guest-images/s3-probe.img paused (-S) with a QMP socket, then over QMP: system_wakeup while
// running (QEMU's error), cont, waits for the SUSPEND event, query-status, system_wakeup, waits for
// the probe's last line, query-status, quit. The powerdown runs send system_powerdown while the
// machine is suspended (QEMU 7.2 emits POWERDOWN and stays suspended) before the wake-up. Writes test/fixtures/guest-images/s3-probe-<run>/:
// cmdline.txt (the exact command line, from the repository root), serial.log (COM1), debugcon.log
// (port 0x402: SeaBIOS's POST and resume lines, the probe's), qmp.log (every QMP line sent `>` and
// received `<`, the socket path as QMP.sock; timestamps are QEMU's wall clock).
// Usage: node scripts/capture-s3.mjs   (after scripts/build-guest-images.sh)
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { qmpSession } from './qemu-qmp-session.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixtures = join(root, 'test', 'fixtures', 'guest-images');
const GUID = '324e6eaf-d1d1-4bf6-bf41-b9bb6c91fb87';
const RUNS = [
  ['pc', ['-machine', 'pc']],
  ['q35', ['-machine', 'q35']],
  ['pc-vmgenid', ['-machine', 'pc', '-device', `vmgenid,guid=${GUID}`]],
  ['q35-vmgenid', ['-machine', 'q35', '-device', `vmgenid,guid=${GUID}`]],
  ['powerdown-pc', ['-machine', 'pc'], true],
  ['powerdown-q35', ['-machine', 'q35'], true],
];

async function capture(name, machineArgs, powerdown) {
  const run = `s3-probe-${name}`;
  const dir = join(fixtures, run);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const args = [...machineArgs, '-nodefaults', '-display', 'none', '-S',
    '-drive', 'file=guest-images/s3-probe.img,format=raw,snapshot=on', '-serial', 'stdio',
    '-chardev', `file,id=dbg,path=test/fixtures/guest-images/${run}/debugcon.log`, '-device', 'isa-debugcon,iobase=0x402,chardev=dbg'];
  const q = await qmpSession(run, args, root);
  await q.send({ execute: 'system_wakeup' });
  const suspended = q.next((m) => m.event === 'SUSPEND');
  await q.send({ execute: 'cont' });
  await suspended;
  if (powerdown) {
    await q.send({ execute: 'system_powerdown' });
    await new Promise((r) => setTimeout(r, 500));
  }
  await q.send({ execute: 'query-status' });
  await q.send({ execute: 'system_wakeup' });
  await q.untilSerial('s3-probe: done');
  await q.send({ execute: 'query-status' });
  await q.send({ execute: 'quit' });
  const r = await q.finish();
  writeFileSync(join(dir, 'cmdline.txt'), r.cmdline);
  writeFileSync(join(dir, 'serial.log'), r.serial);
  writeFileSync(join(dir, 'qmp.log'), r.qmp);
  console.log(`${run}: ${r.serial.trim().split('\n').length} COM1 lines, ${r.qmp.trim().split('\n').length} QMP lines`);
}

for (const [name, machineArgs, powerdown] of RUNS) await capture(name, machineArgs, powerdown);
