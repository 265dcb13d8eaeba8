#!/usr/bin/env node
// CPU hot-plug under the real QEMU (Debian's qemu-system-x86_64 7.2 + SeaBIOS 1.16.2): boots
// guest-images/cpuhp-probe.img with -smp 1,maxcpus=2 paused (-S) with a QMP socket, then over QMP:
// cont; on the probe's "waiting for a cpu" line query-hotpluggable-cpus and device_add of the
// second CPU (core 1: QEMU 7.2 prefers cores); on "done" query-hotpluggable-cpus and device_del
// (refused: no OSPM switched the hot-plug block to its modern interface), then quit.
// The `-reset` runs do system_reset after the first "done" (the probe runs again: CMOS 5Fh now
// counts 2 CPUs, SeaBIOS parks the plugged one, the probe restarts it) and the rest after the second.
// Writes test/fixtures/guest-images/cpuhp-probe[-reset]-<board>/: cmdline.txt, serial.log (COM1),
// qmp.log (every QMP line sent `>` and received `<`).
// Usage: node scripts/capture-cpuhp.mjs   (after scripts/build-guest-images.sh)
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { qmpSession } from './qemu-qmp-session.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixtures = join(root, 'test', 'fixtures', 'guest-images');

for (const [board, reset] of [['pc', false], ['q35', false], ['pc', true], ['q35', true]]) {
  const run = `cpuhp-probe${reset ? '-reset' : ''}-${board}`;
  const dir = join(fixtures, run);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const args = ['-machine', board, '-smp', '1,maxcpus=2', '-nodefaults', '-display', 'none', '-S',
    '-drive', 'file=guest-images/cpuhp-probe.img,format=raw,snapshot=on', '-serial', 'stdio'];
  const q = await qmpSession(run, args, root);
  await q.send({ execute: 'cont' });
  await q.untilSerial('cpuhp-probe: waiting for a cpu');
  await q.send({ execute: 'query-hotpluggable-cpus' });
  await q.send({ execute: 'device_add', arguments: { driver: 'qemu64-x86_64-cpu', id: 'cpu1', 'socket-id': 0, 'core-id': 1, 'thread-id': 0 } });
  await q.untilSerial('cpuhp-probe: done');
  if (reset) {
    await q.send({ execute: 'system_reset' });
    await q.untilSerial('cpuhp-probe: done', 2);
  }
  await q.send({ execute: 'query-hotpluggable-cpus' });
  await q.send({ execute: 'device_del', arguments: { id: 'cpu1' } });
  await q.send({ execute: 'quit' });
  const r = await q.finish();
  writeFileSync(join(dir, 'cmdline.txt'), r.cmdline);
  writeFileSync(join(dir, 'serial.log'), r.serial);
  writeFileSync(join(dir, 'qmp.log'), r.qmp);
  console.log(`${run}: ${r.serial.trim().split('\n').length} COM1 lines, ${r.qmp.trim().split('\n').length} QMP lines`);
}
