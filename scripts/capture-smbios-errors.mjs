#!/usr/bin/env node
// Runs Debian's qemu-system-x86_64 (7.2) with each -smbios / smbios-entry-point-type case of the list
// below and records what it says on stderr (first line; "" when it starts), into
// test/fixtures/qemu-7.2-bios-tables/smbios-messages.json.
// Usage: node scripts/capture-smbios-errors.mjs   (the tests only read the JSON)
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CASES = [
  ['pc', ['-smbios', 'type=5']], ['pc', ['-smbios', 'type=300']], ['pc', ['-smbios', 'vendor=x']], ['pc', ['-smbios', 'type=0,foo=1']],
  ['pc', ['-smbios', 'type=0,release=abc']], ['pc', ['-smbios', 'type=0,release=1.2.3']], ['pc', ['-smbios', 'type=0,release=300.1']],
  ['pc', ['-smbios', 'type=0,uefi=maybe']], ['pc', ['-smbios', 'type=1,uuid=nope']], ['pc', ['-smbios', 'type=17,speed=fast']],
  ['pc', ['-smbios', 'type=11,value=a,path=/nonexistent/file']], ['pc', ['-smbios', 'type=11']], ['pc', ['-smbios', 'file=/nonexistent/smbios.bin']],
  ['pc', ['-smbios', 'type=1,serial=x', '-smbios', 'type=1,serial=y']], ['q35,smbios-entry-point-type=16', []], ['q35,smbios-entry-point-type=64', []],
  ['q35,smbios-entry-point-type=32', []], ['pc', ['-smbios', 'type=4,sock_pfx=S', '-smp', '2,sockets=2']],
  ['pc', ['-smbios', 'file=test/fixtures/qemu-7.2-bios-tables/type8-port.bin']], ['pc', ['-smbios', 'type=127']], ['pc', ['-smbios', 'type=2,foo=bar']],
  ['pc', ['-smbios', 'type=1,family=F', '-smbios', 'file=test/fixtures/qemu-7.2-bios-tables/type8-port.bin']], ['pc', ['-smbios', 'type=0', '-smbios', 'type=0,vendor=v']],
];
const out = [];
for (const [machine, args] of CASES) {
  const r = spawnSync('qemu-system-x86_64', ['-machine', machine, '-nodefaults', '-display', 'none', '-S', '-accel', 'tcg', '-qtest', 'stdio', ...args], { input: '', encoding: 'utf8', timeout: 20000 });
  const line = r.stderr.split('\n').find((l) => l.startsWith('qemu-system-x86_64: ') && !l.includes('GLib')) ?? '';
  out.push({ machine, args, stderr: line.replace(/^qemu-system-x86_64: /, '') });
}
const file = fileURLToPath(new URL('../test/fixtures/qemu-7.2-bios-tables/smbios-messages.json', import.meta.url));
writeFileSync(file, JSON.stringify(out, null, 1) + '\n');
console.log(`${out.length} cases`);
