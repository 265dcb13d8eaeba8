#!/usr/bin/env node
// Runs Debian's qemu-system-x86_64 (7.2) with each -smp value of the list below and records what it
// says on stderr (first line; "" when it starts), into test/fixtures/qemu-7.2-machines/smp-messages.json.
// Usage: node scripts/capture-smp-errors.mjs   (the tests only read the JSON)
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CASES = [
  ['pc', '4'], ['q35', '4,sockets=2,cores=3'], ['pc', '4,maxcpus=2'], ['q35', '4,clusters=2'], ['pc', '4,clusters=1'],
  ['q35', '300'], ['pc', '300'], ['pc', '256'], ['pc', '1,maxcpus=300'], ['pc', '4,foo=1'], ['pc', 'abc'], ['pc', '4,sockets=2,cores=2,threads=2'],
  ['pc', 'maxcpus=4'], ['pc', '4,books=2'], ['pc', '3,cores=2'], ['pc', '4,sockets=3'], ['q35', 'sockets=2,maxcpus=4'],
  ['q35', '1,maxcpus=288'], ['q35', '1,sockets=2,cores=128,maxcpus=256'], ['pc', '1,maxcpus=255'], ['pc', '2,dies=2'],
  ['pc', '8,sockets=2,dies=2,cores=2'], ['q35', 'cores=4,threads=1'], ['pc', '2,threads=2,sockets=1'],
];
const out = [];
for (const [machine, smp] of CASES) {
  const r = spawnSync('qemu-system-x86_64', ['-machine', machine, '-nodefaults', '-display', 'none', '-S', '-accel', 'tcg', '-qtest', 'stdio', '-smp', smp], { input: '', encoding: 'utf8', timeout: 20000 });
  const line = r.stderr.split('\n').find((l) => l.startsWith('qemu-system-x86_64: ') && !l.includes('GLib')) ?? '';
  out.push({ machine, smp, stderr: line.replace(/^qemu-system-x86_64: /, '') });
}
const file = fileURLToPath(new URL('../test/fixtures/qemu-7.2-machines/smp-messages.json', import.meta.url));
writeFileSync(file, JSON.stringify(out, null, 1) + '\n');
console.log(`${out.length} cases`);
