#!/usr/bin/env node
// QMP system_reset under the real QEMU (Debian's qemu-system-x86_64 7.2 + SeaBIOS 1.16.2), each run
// booted paused (-S) with a QMP socket and COM1 on stdout:
//  - reset-<board>: guest-images/bootsect-hello.img; after its `done` line system_reset, then the
//    second `done` (SeaBIOS finds HaveRunPost in the shadow QEMU kept, logs "In resume (status=0)" and
//    reboots through 0xCF9 itself: RESET guest-reset once or twice, as its vCPU races QEMU's main
//    loop), quit. debugcon.log holds SeaBIOS's lines.
//  - reset-noreboot-pc: the same with -no-reboot: SHUTDOWN host-qmp-system-reset, QEMU exits.
//  - reset-suspended-pc: guest-images/s3-probe.img; once suspended query-status, system_reset,
//    query-status ("prelaunch": the machine stays stopped), quit.
// Writes test/fixtures/guest-images/system-<run>/: cmdline.txt, serial.log, qmp.log (+ debugcon.log).
// Usage: node scripts/capture-system-reset.mjs   (after scripts/build-guest-images.sh)
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { qmpSession } from './qemu-qmp-session.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixtures = join(root, 'test', 'fixtures', 'guest-images');
const pause = (ms) => new Promise((r) => setTimeout(r, ms));

async function capture(run, args, script) {
  const dir = join(fixtures, `system-${run}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const all = [...args, '-nodefaults', '-display', 'none', '-S', '-serial', 'stdio',
    '-chardev', `file,id=dbg,path=test/fixtures/guest-images/system-${run}/debugcon.log`, '-device', 'isa-debugcon,iobase=0x402,chardev=dbg'];
  const q = await qmpSession(run, all, root);
  await q.send({ execute: 'cont' });
  await script(q);
  const r = await q.finish();
  writeFileSync(join(dir, 'cmdline.txt'), r.cmdline);
  writeFileSync(join(dir, 'serial.log'), r.serial);
  writeFileSync(join(dir, 'qmp.log'), r.qmp);
  console.log(`system-${run}: ${r.serial.trim().split('\n').length} COM1 lines, ${r.qmp.trim().split('\n').length} QMP lines`);
}

const hello = ['-drive', 'file=guest-images/bootsect-hello.img,format=raw,snapshot=on'];
for (const board of ['pc', 'q35']) {
  await capture(`reset-${board}`, ['-machine', board, ...hello], async (q) => {
    await q.untilSerial('bootsect-hello: done\r\n');
    await pause(300);
    await q.send({ execute: 'system_reset' });
    await q.untilSerial('bootsect-hello: done\r\n', 2);
    await pause(200);
    await q.send({ execute: 'quit' });
  });
}
await capture('reset-noreboot-pc', ['-machine', 'pc', '-no-reboot', ...hello], async (q) => {
  await q.untilSerial('bootsect-hello: done\r\n');
    await pause(300);
  const shutdown = q.next((m) => m.event === 'SHUTDOWN');
  await q.send({ execute: 'system_reset' });
  await shutdown;
});
await capture('reset-suspended-pc', ['-machine', 'pc', '-drive', 'file=guest-images/s3-probe.img,format=raw,snapshot=on'], async (q) => {
  await q.next((m) => m.event === 'SUSPEND');
  await q.send({ execute: 'query-status' });
  await q.send({ execute: 'system_reset' });
  await pause(1000);
  await q.send({ execute: 'query-status' });
  await q.send({ execute: 'quit' });
});
