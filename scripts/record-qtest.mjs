#!/usr/bin/env node
// Records what Debian's real QEMU answers to a qtest script, as a trace fwlab's device tests replay.
//   node scripts/record-qtest.mjs test/fixtures/qtest/NAME.qtest   → test/fixtures/qtest/NAME.trace
// A .qtest file: a first line `# qemu: <machine options>` then one qtest command per line
// (outb/inb/outw/inw/outl/inl/readb/readw/readl/writeb/writew/writel; `#` lines are comments).
// QEMU runs with -S, so no CPU code runs and the virtual clock stands still: the trace shows the
// devices' register behaviour from reset, not their timing. A line `#wait MS` is no command: the
// recorder pauses MS milliseconds there so that a request QEMU runs in its thread pool (a CD-ROM
// sector read) has completed, as it would have for a guest that polls; it leaves no trace line.
// A second line `# run: halted-cpu` runs QEMU without -S, on a 64 KiB firmware that only halts
// (`cli; hlt` at the reset vector): the virtual clock then moves with the host's, so a device timer
// (the FDC's READ ID) fires during a `#wait MS`; those waits go into the trace as `#wait MS` lines
// and the replay advances fwlab's virtual clock by as much.
// A line `#qmp {"execute": ...}` is sent to QEMU's QMP monitor (a unix socket, negotiated first) at
// that point, after the commands before it were answered; the trace keeps it with QEMU's reply and
// the events it sent since the previous `#qmp` line up to the reply, as `#qmp JSON<TAB>{"reply": ..., "events": [...]}` (timestamps dropped).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';

const src = process.argv[2];
if (!src || !src.endsWith('.qtest')) {
  console.error('usage: record-qtest.mjs FILE.qtest');
  process.exit(2);
}
const lines = readFileSync(src, 'utf8').split('\n');
const header = lines[0] ?? '';
const m = /^# qemu: (.*)$/.exec(header);
if (!m) {
  console.error(`${src}: first line must be "# qemu: <options>"`);
  process.exit(2);
}
const running = /^# run: halted-cpu$/.test(lines[1] ?? '');
const steps = lines.slice(1).map((l) => l.trim()).filter((l) => l && (!l.startsWith('#') || /^#(wait \d+|qmp \{)/.test(l)));
const commands = steps.filter((l) => !l.startsWith('#') || l.startsWith('#qmp '));
/** Milliseconds to wait before command i. */
const waits = [];
for (let i = 0, pending = 0; i < steps.length; i++) {
  const w = /^#wait (\d+)$/.exec(steps[i]);
  if (w && !steps[i].startsWith('#qmp')) pending += Number(w[1]);
  else { waits.push(pending); pending = 0; }
}
const qmpSock = join(mkdtempSync(join(tmpdir(), 'qtest-qmp-')), 'qmp.sock');
const usesQmp = commands.some((c) => c.startsWith('#qmp '));
let qmp;
let qmpBuf = '';
let qmpWaiter;
const qmpEvents = [];
function qmpConnect() {
  return new Promise((resolve) => {
    const tryConnect = () => {
      const c = createConnection(qmpSock);
      c.on('error', () => setTimeout(tryConnect, 50));
      c.on('connect', () => {
        qmp = c;
        c.on('data', (d) => {
          qmpBuf += d;
          let i;
          while ((i = qmpBuf.indexOf('\n')) >= 0) {
            const line = qmpBuf.slice(0, i).trim();
            qmpBuf = qmpBuf.slice(i + 1);
            if (!line) continue;
            const msg = JSON.parse(line);
            if (msg.event) { const { timestamp: _t, ...e } = msg; qmpEvents.push(e); }
            else qmpWaiter?.(msg);
          }
        });
        qmpWaiter = () => { qmpWaiter = () => resolve(); c.write('{"execute":"qmp_capabilities"}\n'); };
      });
    };
    tryConnect();
  });
}
// The events since the previous #qmp line: those the guest's register accesses caused too.
const qmpRun = (json) => new Promise((resolve) => {
  qmpWaiter = (msg) => resolve(JSON.stringify({ reply: msg, events: qmpEvents.splice(0) }));
  qmp.write(json + '\n');
});
const send = (q, i) => {
  const go = () => {
    if (commands[i].startsWith('#qmp ')) qmpRun(commands[i].slice(5)).then((a) => q.emit('qmp-answer', a));
    else q.stdin.write(commands[i] + '\n');
  };
  if (waits[i]) setTimeout(go, waits[i]);
  else go();
};
let haltRom;
if (running) {
  // cli; hlt; jmp $-2 at F000:FFF0 of a 64 KiB image.
  const rom = Buffer.alloc(0x10000, 0xff);
  Buffer.from([0xfa, 0xf4, 0xeb, 0xfd]).copy(rom, 0xfff0);
  haltRom = join(mkdtempSync(join(tmpdir(), 'qtest-rom-')), 'halt.bin');
  writeFileSync(haltRom, rom);
}
const args = [...m[1].split(/\s+/), ...(running ? ['-bios', haltRom] : ['-S']), '-display', 'none', '-qtest', 'stdio', '-qtest-log', '/dev/null',
  ...(usesQmp ? ['-qmp', `unix:${qmpSock},server=on,wait=off`] : [])];
const answers = await new Promise((resolve) => {
  const q = spawn('qemu-system-x86_64', args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const got = [];
  q.on('qmp-answer', (a) => {
    got.push(a);
    if (got.length < commands.length) send(q, got.length);
    else { clearTimeout(timer); q.kill(); resolve(got); }
  });
  let buf = '';
  const timer = setTimeout(() => { q.kill(); console.error('qemu did not answer in 30 s'); process.exit(1); }, 30_000);
  q.on('error', (e) => { console.error(`qemu-system-x86_64: ${e.message}`); process.exit(2); });
  q.stdout.on('data', (d) => {
    buf += d;
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      if (/^(OK|FAIL|ERR)/.test(line)) {
        got.push(line);
        if (got.length < commands.length) send(q, got.length);
      }
    }
    if (got.length === commands.length) { clearTimeout(timer); q.kill(); resolve(got); }
  });
  // One command at a time: QEMU's main loop runs between them, so a disk request it started completes
  // before the next command, as it would for a guest polling the device.
  if (usesQmp) qmpConnect().then(() => send(q, 0));
  else send(q, 0);
});
const version = spawnSync('qemu-system-x86_64', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0];
const shownArgs = args.map((a) => (a === haltRom ? 'HALT-ROM' : a.replace(qmpSock, 'QMP.sock')));
const out = [`# ${version}`, `# qemu-system-x86_64 ${shownArgs.join(' ')}`, `# qemu: ${m[1]}`, ...(running ? ['# run: halted-cpu'] : [])];
commands.forEach((c, i) => {
  if (running && waits[i]) out.push(`#wait ${waits[i]}`);
  out.push(`${c}\t${answers[i]}`);
});
writeFileSync(src.replace(/\.qtest$/, '.trace'), out.join('\n') + '\n');
console.error(`${commands.length} commands recorded`);
