#!/usr/bin/env node
// What Debian's QEMU 7.2 makes of -boot on pc and q35, before any firmware runs (-S, read through
// qtest): the CMOS boot bytes 0x3D and 0x38, fw_cfg FW_CFG_BOOT_MENU (0x0e) and the files
// bootorder, etc/boot-menu-wait and etc/boot-fail-wait; for a refused option, QEMU's message and exit
// status. Writes test/fixtures/qemu-7.2/boot-order.json.
// Usage: node scripts/capture-boot-order.mjs   (needs qemu-system-x86; the tests only read the JSON)
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const out = fileURLToPath(new URL('../test/fixtures/qemu-7.2/boot-order.json', import.meta.url));
const BOOTS = [
  undefined, 'd', 'order=d', 'order=dc', 'order=ncd', 'order=a', 'order=b', 'once=d', 'order=c,once=d', 'menu=on',
  'menu=on,splash-time=5000', 'reboot-timeout=1000', 'strict=on', 'order=',
  'order=d,order=c', 'reboot-timeout=-1',
  'order=x', 'order=cc', 'order=e', 'order=dcan', 'menu=maybe', 'foo=bar', 'splash-time=70000', 'reboot-timeout=70000', 'splash-time=abc',
  'strict=maybe', 'once=x',
];
const FILES = ['bootorder', 'etc/boot-menu-wait', 'etc/boot-fail-wait'];

async function capture(board, boot) {
  const args = ['-machine', board, '-nodefaults', '-accel', 'tcg', '-S', '-display', 'none', '-monitor', 'none', '-serial', 'none',
    ...(boot === undefined ? [] : ['-boot', boot])];
  const qemu = spawn('qemu-system-x86_64', [...args, '-qtest', 'stdio', '-qtest-log', 'none'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  qemu.stderr.on('data', (d) => { stderr += d; });
  const replies = [];
  let wake;
  createInterface({ input: qemu.stdout }).on('line', (l) => { if (!l.startsWith('IRQ')) { replies.push(l); wake?.(); } });
  let done = false;
  const exited = new Promise((r) => qemu.on('exit', (code) => { done = true; wake?.(); r(code); }));
  const ask = async (cmd) => {
    qemu.stdin.write(cmd + '\n');
    while (replies.length === 0 && !done) await new Promise((r) => { wake = r; });
    return replies.shift();
  };
  const first = await ask('outb 0x70 0x3d');
  if (first === undefined) {
    const code = await exited;
    return { error: stderr.trim().split('\n')[0], exit: code };
  }
  const byte = async (cmd) => parseInt((await ask(cmd)).split(' ')[1], 16);
  const cmos3d = await byte('inb 0x71');
  await ask('outb 0x70 0x38');
  const cmos38 = await byte('inb 0x71');
  const item = async (key, n) => {
    await ask(`outw 0x510 ${key}`);
    const b = [];
    for (let i = 0; i < n; i++) b.push(await byte('inb 0x511'));
    return b;
  };
  const menu = await item('0x0e', 2);
  await ask('outw 0x510 0x19');
  const count = (await item('0x19', 4)).reduce((a, v) => a * 256 + v, 0);
  const dir = await item('0x19', 4 + count * 64);
  const files = {};
  for (let i = 0; i < count; i++) {
    const e = dir.slice(4 + i * 64, 4 + (i + 1) * 64);
    const size = e.slice(0, 4).reduce((a, v) => a * 256 + v, 0);
    const select = (e[4] << 8) | e[5];
    const name = String.fromCharCode(...e.slice(8)).replace(/\0.*$/, '');
    if (FILES.includes(name)) files[name] = Buffer.from(await item(`0x${select.toString(16)}`, size)).toString('hex');
  }
  qemu.kill();
  return { cmos3d, cmos38, bootMenu: Buffer.from(menu).toString('hex'), files };
}

const version = spawnSync('qemu-system-x86_64', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0];
const results = [];
for (const board of ['pc', 'q35']) {
  for (const boot of BOOTS) {
    const r = await capture(board, boot);
    results.push({ board, boot: boot ?? null, ...r });
  }
}
writeFileSync(out, JSON.stringify({ source: version, command: 'qemu-system-x86_64 -machine BOARD -nodefaults -accel tcg -S ... [-boot BOOT] -qtest stdio', results }, null, 1) + '\n');
console.error(`${results.length} runs written to ${out}`);
