#!/usr/bin/env node
// Captures Debian's QEMU 7.2 answering device_add of e1000 with rombar=0 (its default ROM, then
// romfile=''), for test/pci/rombar.test.ts: the QMP replies, in order, as
// test/fixtures/qemu-7.2/catalog/rombar0-hotplug.json.
// Usage: node scripts/capture-rombar-hotplug.mjs
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const commands = [
  { execute: 'qmp_capabilities' },
  { execute: 'device_add', arguments: { driver: 'e1000', rombar: 0, id: 'n1' } },
  { execute: 'device_add', arguments: { driver: 'e1000', rombar: 0, romfile: '', id: 'n2' } },
];
const args = ['-machine', 'pc', '-nodefaults'];
const r = spawnSync('qemu-system-x86_64', [...args, '-display', 'none', '-S', '-qmp', 'stdio'],
  { input: [...commands, { execute: 'quit' }].map((c) => JSON.stringify(c)).join('\n') + '\n', encoding: 'utf8', timeout: 30_000 });
const replies = r.stdout.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l)).filter((m) => 'return' in m || 'error' in m).slice(0, commands.length);
const out = fileURLToPath(new URL('../test/fixtures/qemu-7.2/catalog/rombar0-hotplug.json', import.meta.url));
writeFileSync(out, JSON.stringify({ args, commands, replies }, null, 1) + '\n');
console.log(JSON.stringify(replies));
