#!/usr/bin/env node
// The ACPI power button under the real QEMU (Debian's qemu-system-x86_64 7.2 + SeaBIOS 1.16.2):
// boots guest-images/pwrbtn-probe.img paused (-S) with a QMP socket, then over QMP: cont; on the
// probe's "waiting" line system_powerdown (PWRBTN_EN still clear); on its "waiting for the button"
// system_powerdown again; the probe then soft-offs through \_S5 and QEMU exits (SHUTDOWN).
// Writes test/fixtures/guest-images/pwrbtn-probe-<board>/: cmdline.txt, serial.log (COM1),
// qmp.log (every QMP line sent `>` and received `<`; timestamps are QEMU's wall clock).
// Usage: node scripts/capture-powerdown.mjs   (after scripts/build-guest-images.sh)
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { qmpSession } from './qemu-qmp-session.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixtures = join(root, 'test', 'fixtures', 'guest-images');

for (const board of ['pc', 'q35']) {
  const run = `pwrbtn-probe-${board}`;
  const dir = join(fixtures, run);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const args = ['-machine', board, '-nodefaults', '-display', 'none', '-S',
    '-drive', 'file=guest-images/pwrbtn-probe.img,format=raw,snapshot=on', '-serial', 'stdio'];
  const q = await qmpSession(run, args, root);
  await q.send({ execute: 'cont' });
  await q.untilSerial('pwrbtn-probe: waiting');
  await q.send({ execute: 'system_powerdown' });
  await q.untilSerial('waiting for the button');
  const shutdown = q.next((m) => m.event === 'SHUTDOWN');
  await q.send({ execute: 'system_powerdown' });
  await shutdown;
  const r = await q.finish();
  writeFileSync(join(dir, 'cmdline.txt'), r.cmdline);
  writeFileSync(join(dir, 'serial.log'), r.serial);
  writeFileSync(join(dir, 'qmp.log'), r.qmp);
  console.log(`${run}: ${r.serial.trim().split('\n').length} COM1 lines, ${r.qmp.trim().split('\n').length} QMP lines`);
}
