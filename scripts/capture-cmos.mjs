#!/usr/bin/env node
// Reads the CMOS NVRAM of a real QEMU (Debian's qemu-system-x86_64 7.2) through the qtest
// protocol, before any firmware runs, and writes test/fixtures/qemu-7.2/cmos/<board>-<size>.json.
// Usage: node scripts/capture-cmos.mjs   (needs qemu-system-x86; the tests only read the JSON)
import { spawn } from 'node:child_process';
import { writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

const out = fileURLToPath(new URL('../test/fixtures/qemu-7.2/cmos/', import.meta.url));
mkdirSync(out, { recursive: true });

async function capture(board, mem) {
  const qemu = spawn('qemu-system-x86_64', ['-machine', board, '-m', mem, '-accel', 'tcg', '-S', '-nodefaults',
    '-display', 'none', '-monitor', 'none', '-serial', 'none', '-qtest', 'stdio', '-qtest-log', 'none']);
  const lines = createInterface({ input: qemu.stdout });
  const replies = [];
  let wake;
  lines.on('line', (l) => { if (!l.startsWith('IRQ')) { replies.push(l); wake?.(); } });
  const ask = async (cmd) => {
    qemu.stdin.write(cmd + '\n');
    while (replies.length === 0) await new Promise((r) => { wake = r; });
    return replies.shift();
  };
  const bytes = [];
  for (let i = 0; i < 128; i++) {
    await ask(`outb 0x70 ${i}`);
    const reply = await ask('inb 0x71');
    bytes.push(parseInt(reply.split(' ')[1], 16));
  }
  qemu.kill();
  const version = 'QEMU 7.2 (Debian qemu-system-x86 1:7.2+dfsg-7+deb12u18)';
  const file = `${board}-${mem}.json`;
  writeFileSync(out + file, JSON.stringify({ source: version, command: `-machine ${board} -m ${mem} -nodefaults`, nvram: bytes.map((b) => b.toString(16).padStart(2, '0')).join(' ') }, null, 1) + '\n');
  console.log(file);
}

for (const board of ['pc', 'q35']) for (const mem of ['512M', '4G', '8G']) await capture(board, mem);
