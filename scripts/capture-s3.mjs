#!/usr/bin/env node
// S3 suspend and resume under the real QEMU (Debian's qemu-system-x86_64 7.2 + SeaBIOS 1.16.2):
// boots guest-images/s3-probe.img paused (-S) with a QMP socket, then over QMP: system_wakeup while
// running (QEMU's error), cont, waits for the SUSPEND event, query-status, system_wakeup, waits for
// the probe's last line, query-status, quit. Writes test/fixtures/guest-images/s3-probe-<run>/:
// cmdline.txt (the exact command line, from the repository root), serial.log (COM1), debugcon.log
// (port 0x402: SeaBIOS's POST and resume lines, the probe's), qmp.log (every QMP line sent `>` and
// received `<`, the socket path as QMP.sock; timestamps are QEMU's wall clock).
// Usage: node scripts/capture-s3.mjs   (after scripts/build-guest-images.sh)
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixtures = join(root, 'test', 'fixtures', 'guest-images');
const GUID = '324e6eaf-d1d1-4bf6-bf41-b9bb6c91fb87';
const RUNS = [
  ['pc', ['-machine', 'pc']],
  ['q35', ['-machine', 'q35']],
  ['pc-vmgenid', ['-machine', 'pc', '-device', `vmgenid,guid=${GUID}`]],
  ['q35-vmgenid', ['-machine', 'q35', '-device', `vmgenid,guid=${GUID}`]],
];

function quote(args) {
  return args.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a}'`)).join(' ');
}

async function capture(name, machineArgs) {
  const run = `s3-probe-${name}`;
  const dir = join(fixtures, run);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const sock = join(tmpdir(), `fwlab-s3-${process.pid}-${name}.sock`);
  rmSync(sock, { force: true });
  const args = [...machineArgs, '-nodefaults', '-display', 'none', '-S',
    '-drive', 'file=guest-images/s3-probe.img,format=raw,snapshot=on', '-serial', 'stdio',
    '-chardev', `file,id=dbg,path=test/fixtures/guest-images/${run}/debugcon.log`, '-device', 'isa-debugcon,iobase=0x402,chardev=dbg',
    '-qmp', `unix:${sock},server=on,wait=off`];
  const qemu = spawn('qemu-system-x86_64', args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  let serial = '';
  const serialWaiters = [];
  qemu.stdout.on('data', (d) => {
    serial += d.toString('latin1');
    for (const w of serialWaiters.splice(0)) if (!w(serial)) serialWaiters.push(w);
  });
  const exited = new Promise((r) => qemu.on('exit', r));
  const until = (text) => new Promise((resolve) => {
    const check = (s) => (s.includes(text) ? (resolve(), true) : false);
    if (!check(serial)) serialWaiters.push(check);
  });
  await new Promise((r) => setTimeout(r, 300));
  const log = [];
  const qmp = createConnection(sock);
  qmp.on('error', () => {});
  let buffered = '';
  const waiters = [];
  qmp.on('data', (d) => {
    buffered += d.toString();
    let nl;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl).trim();
      buffered = buffered.slice(nl + 1);
      if (!line) continue;
      log.push(`< ${line}`);
      const msg = JSON.parse(line);
      for (const w of waiters.splice(0)) if (!w(msg)) waiters.push(w);
    }
  });
  const next = (pred) => new Promise((resolve) => waiters.push((m) => (pred(m) ? (resolve(m), true) : false)));
  const send = async (obj) => {
    const reply = next((m) => m.return !== undefined || m.error !== undefined);
    log.push(`> ${JSON.stringify(obj)}`);
    qmp.write(JSON.stringify(obj) + '\n');
    return reply;
  };
  await next((m) => m.QMP !== undefined);
  await send({ execute: 'qmp_capabilities' });
  await send({ execute: 'system_wakeup' });
  const suspended = next((m) => m.event === 'SUSPEND');
  await send({ execute: 'cont' });
  await suspended;
  await send({ execute: 'query-status' });
  await send({ execute: 'system_wakeup' });
  await until('s3-probe: done');
  await send({ execute: 'query-status' });
  await send({ execute: 'quit' });
  await exited;
  qmp.destroy();
  rmSync(sock, { force: true });
  writeFileSync(join(dir, 'cmdline.txt'), `qemu-system-x86_64 ${quote(args).replaceAll(sock, 'QMP.sock')}\n`);
  writeFileSync(join(dir, 'serial.log'), serial);
  writeFileSync(join(dir, 'qmp.log'), log.join('\n') + '\n');
  console.log(`${run}: ${readFileSync(join(dir, 'serial.log'), 'latin1').trim().split('\n').length} COM1 lines, ${log.length} QMP lines`);
}

for (const [name, machineArgs] of RUNS) await capture(name, machineArgs);
