#!/usr/bin/env node
// Machines on which Debian's OVMF 2022.11 runs out of PCI bus numbers and never reaches its boot
// manager: query-pci after a fixed 40 s (no settle condition: OVMF writes no interrupt line) and
// the number of bytes OVMF wrote to COM1 by then (a normal boot prints its boot manager there).
// Usage: node scripts/capture-ovmf-stuck.mjs [NAME...] → test/fixtures/qemu-7.2/ovmf-stuck/<name>.json
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../test/fixtures/qemu-7.2/ovmf-stuck/', import.meta.url));
const configs = JSON.parse(readFileSync(dir + 'configs.json', 'utf8'));
const only = process.argv.slice(2);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
for (const [name, line] of Object.entries(configs)) {
  if (only.length && !only.includes(name)) continue;
  const args = line.split(/\s+/).filter(Boolean);
  const serial = join(mkdtempSync(join(tmpdir(), 'ovmf-stuck-')), 'com1');
  const qemu = spawn('qemu-system-x86_64', [...args, '-bios', '/usr/share/ovmf/OVMF.fd', '-accel', 'tcg', '-display', 'none',
    '-serial', `file:${serial}`, '-monitor', 'none', '-qmp', 'stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const inbox = [];
  createInterface({ input: qemu.stdout }).on('line', (l) => { if (l.trim()) inbox.push(JSON.parse(l)); });
  qemu.stdin.write('{"execute":"qmp_capabilities"}\n');
  await sleep(40_000);
  qemu.stdin.write('{"execute":"query-pci","id":1}\n');
  await sleep(2_000);
  const queryPci = inbox.find((m) => m.id === 1)?.return;
  qemu.kill();
  writeFileSync(dir + name + '.json', JSON.stringify({ args, serialBytes: statSync(serial).size, queryPci }, null, 1) + '\n');
  console.error(`${name}: captured`);
}
