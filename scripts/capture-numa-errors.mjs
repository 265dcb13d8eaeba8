#!/usr/bin/env node
// Runs Debian's qemu-system-x86_64 (7.2) with each -numa command line below and records the first
// line it prints on stderr ("" when it starts, warnings kept) into
// test/fixtures/qemu-7.2-machines/numa-messages.json.  Usage: node scripts/capture-numa-errors.mjs
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const B = ['-object', 'memory-backend-ram,id=m0,size=64M', '-object', 'memory-backend-ram,id=m1,size=64M'];
const CASES = [
  ['-m', '128M', '-smp', '2', ...B, '-numa', 'node,nodeid=0,cpus=0,memdev=m0', '-numa', 'node,nodeid=1,cpus=1,memdev=m0'],
  ['-m', '256M', '-smp', '2', ...B, '-numa', 'node,nodeid=0,cpus=0,memdev=m0', '-numa', 'node,nodeid=1,cpus=1,memdev=m1'],
  ['-m', '128M', '-smp', '2', ...B, '-numa', 'node,nodeid=0,cpus=0,memdev=m0', '-numa', 'node,nodeid=0,cpus=1,memdev=m1'],
  ['-m', '128M', '-smp', '2', ...B, '-numa', 'node,nodeid=0,cpus=0,memdev=m0', '-numa', 'node,nodeid=1,cpus=5,memdev=m1'],
  ['-m', '128M', '-smp', '2', ...B, '-numa', 'node,nodeid=0,cpus=0,memdev=m0', '-numa', 'node,nodeid=1,cpus=1,memdev=m1', '-numa', 'dist,src=0,dst=1,val=5'],
  ['-m', '128M', '-smp', '2', ...B, '-numa', 'node,nodeid=0,cpus=0,memdev=m0', '-numa', 'node,nodeid=1,cpus=1,memdev=m1', '-numa', 'dist,src=1,dst=1,val=20'],
  ['-m', '128M', '-smp', '2', ...B, '-numa', 'node,nodeid=0,cpus=0,memdev=m0', '-numa', 'node,nodeid=1,cpus=1,memdev=m1', '-numa', 'foo,x=1'],
  ['-m', '128M', '-smp', '2', ...B, '-numa', 'node,nodeid=0,cpus=0,memdev=m0', '-numa', 'node,nodeid=2,cpus=1,memdev=m1'],
  ['-m', '128M', '-smp', '2', ...B, '-numa', 'node,nodeid=0,cpus=0,memdev=m0', '-numa', 'node,nodeid=1,cpus=1,memdev=m1', '-numa', 'dist,src=0,dst=1,val=20'],
  ['-m', '128M', '-smp', '3', ...B, '-numa', 'node,nodeid=0,cpus=0,memdev=m0', '-numa', 'node,nodeid=1,cpus=1,memdev=m1', '-numa', 'node,nodeid=2', '-numa', 'dist,src=0,dst=1,val=20'],
  ['-m', '128M', '-smp', '2', ...B, '-numa', 'node,nodeid=0,memdev=m0', '-numa', 'node,nodeid=1,memdev=m1', '-numa', 'cpu,node-id=1,socket-id=0,core-id=1,thread-id=0', '-numa', 'cpu,node-id=0,socket-id=0,core-id=0,thread-id=0'],
  ['-m', '128M', '-smp', '2', ...B, '-numa', 'node,nodeid=0,cpus=0,mem=64M', '-numa', 'node,nodeid=1,cpus=1,memdev=m1'],
];
const out = [];
for (const args of CASES) {
  const r = spawnSync('qemu-system-x86_64', ['-nodefaults', '-display', 'none', '-S', '-accel', 'tcg', '-qtest', 'stdio', ...args], { input: '', encoding: 'utf8', timeout: 20000 });
  const line = r.stderr.split('\n').find((l) => l.startsWith('qemu-system-x86_64: ') && !l.includes('GLib')) ?? '';
  out.push({ args, stderr: line.replace(/^qemu-system-x86_64: /, '') });
}
writeFileSync(fileURLToPath(new URL('../test/fixtures/qemu-7.2-machines/numa-messages.json', import.meta.url)), JSON.stringify(out, null, 1) + '\n');
console.log(`${out.length} cases`);
