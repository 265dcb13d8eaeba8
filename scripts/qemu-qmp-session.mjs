// A QEMU process driven over QMP for capture scripts: COM1 on stdout, a QMP unix socket, and a log
// of every QMP line sent (`> `) and received (`< `). `untilSerial(text, times)` waits for COM1 output (its `times`-th occurrence),
// `next(pred)` for a QMP message, `send(cmd)` returns its reply; `finish()` waits for the exit and
// returns the command line (socket path as QMP.sock), COM1 and the QMP log.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function quote(args) {
  return args.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a}'`)).join(' ');
}

export async function qmpSession(name, args, cwd) {
  const sock = join(tmpdir(), `fwlab-${name}-${process.pid}.sock`);
  rmSync(sock, { force: true });
  const all = [...args, '-qmp', `unix:${sock},server=on,wait=off`];
  const qemu = spawn('qemu-system-x86_64', all, { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
  let serial = '';
  const serialWaiters = [];
  qemu.stdout.on('data', (d) => {
    serial += d.toString('latin1');
    for (const w of serialWaiters.splice(0)) if (!w(serial)) serialWaiters.push(w);
  });
  const exited = new Promise((r) => qemu.on('exit', r));
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
  const greeting = next((m) => m.QMP !== undefined);
  const session = {
    next,
    send(obj) {
      const reply = next((m) => m.return !== undefined || m.error !== undefined);
      log.push(`> ${JSON.stringify(obj)}`);
      qmp.write(JSON.stringify(obj) + '\n');
      return reply;
    },
    untilSerial(text, times = 1) {
      return new Promise((resolve) => {
        const check = (s) => (s.split(text).length > times ? (resolve(), true) : false);
        if (!check(serial)) serialWaiters.push(check);
      });
    },
    async finish() {
      await exited;
      qmp.destroy();
      rmSync(sock, { force: true });
      return { cmdline: `qemu-system-x86_64 ${quote(all).replaceAll(sock, 'QMP.sock')}\n`, serial, qmp: log.join('\n') + '\n' };
    },
  };
  await greeting;
  await session.send({ execute: 'qmp_capabilities' });
  return session;
}
