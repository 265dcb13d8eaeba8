#!/usr/bin/env node
// Runs Debian's qemu-system-x86_64 (7.2) with each pxb / pxb-pcie command line below and records
// what it says on stderr (first line without the "qemu-system-x86_64: -device ...: " prefix; ""
// when it starts), into test/fixtures/qemu-7.2/pxb/messages.json.
// Usage: node scripts/capture-pxb-errors.mjs   (the tests only read the JSON)
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const NUMA2 = ['-m', '256M', '-smp', '2', '-object', 'memory-backend-ram,id=m0,size=128M', '-object', 'memory-backend-ram,id=m1,size=128M',
  '-numa', 'node,nodeid=0,cpus=0,memdev=m0', '-numa', 'node,nodeid=1,cpus=1,memdev=m1'];
const CASES = [
  ['pc', ['-device', 'pxb,id=p1']],
  ['pc', ['-device', 'pxb,id=p1,bus_nr=0']],
  ['pc', ['-device', 'pxb,id=p1,bus_nr=5,numa_node=3']],
  ['pc', ['-device', 'pxb,id=p1,bus_nr=5,numa_node=0']],
  ['pc', [...NUMA2, '-device', 'pxb,id=p1,bus_nr=5,numa_node=1']],
  ['pc', [...NUMA2, '-device', 'pxb,id=p1,bus_nr=5,numa_node=2']],
  ['pc', ['-device', 'pxb,id=p1,bus_nr=5', '-device', 'pxb,id=p2,bus_nr=5,bus=pci.0']],
  ['pc', ['-device', 'pxb,id=p1,bus_nr=5', '-device', 'pxb,id=p2,bus_nr=6']],
  ['pc', ['-device', 'pxb,id=p1,bus_nr=5', '-device', 'pxb,id=p2,bus_nr=6,bus=pci.0']],
  ['pc', ['-device', 'pxb,id=p1,bus_nr=5', '-device', 'pxb,id=p2,bus_nr=8,bus=p1']],
  ['pc', ['-device', 'pci-bridge,id=b,chassis_nr=1', '-device', 'pxb,id=p2,bus_nr=8,bus=b']],
  ['pc', ['-device', 'pxb,bus_nr=300']],
  ['pc', ['-device', 'pxb,bus_nr=5,numa_node=70000']],
  ['pc', ['-device', 'pxb,bus_nr=5,bypass_iommu=on']],
  ['pc', ['-device', 'pxb,id=p1,bus_nr=255']],
  ['pc', ['-device', 'pxb,id=p1,bus_nr=5,addr=0']],
  ['pc', ['-device', 'pxb,id=p1,bus_nr=5,addr=6']],
  ['pc', ['-device', 'pxb,id=p1,bus_nr=5', '-device', 'e1000']],
  ['pc', ['-device', 'pxb,id=p1,bus_nr=5', '-device', 'e1000,bus=pci.0']],
  ['pc', ['-device', 'pxb,id=p1,bus_nr=5', '-device', 'e1000,bus=p1']],
  ['pc', ['-device', 'pxb,id=p1,bus_nr=5', '-device', 'pci-bridge,chassis_nr=2,shpc=off']],
  ['pc', ['-device', 'pxb,id=p1,bus_nr=5', '-device', 'pci-bridge,chassis_nr=5,id=b2,bus=pci.0']],
  ['pc', ['-device', 'pxb-pcie,id=p1,bus_nr=5']],
  ['q35', ['-device', 'pxb,id=p1,bus_nr=5']],
  ['q35', ['-device', 'pxb-pcie,id=p1']],
  ['q35', ['-device', 'pxb-pcie,id=p1,bus_nr=5']],
  ['q35', ['-device', 'pxb-pcie,id=p1,bus_nr=5', '-device', 'pxb-pcie,id=p2,bus_nr=5']],
  ['q35', ['-device', 'pxb-pcie,id=p1,bus_nr=5', '-device', 'pxb-pcie,id=p2,bus_nr=5,bus=pcie.0']],
  ['q35', ['-device', 'pxb-pcie,id=p1,bus_nr=5', '-device', 'pxb-pcie,id=p2,bus_nr=7,bus=p1']],
  ['q35', ['-device', 'pxb-pcie,id=p1,bus_nr=5', '-device', 'e1000e']],
  ['q35', ['-device', 'pxb-pcie,id=p1,bus_nr=5', '-device', 'e1000e,bus=p1']],
  ['q35', ['-device', 'pxb-pcie,id=p1,bus_nr=5', '-device', 'pcie-root-port,chassis=1']],
  ['q35', ['-device', 'pxb-pcie,id=p1,bus_nr=5', '-device', 'pcie-root-port,id=r,bus=p1,chassis=1', '-device', 'e1000e,bus=r']],
  ['q35', ['-device', 'pxb-pcie,id=p1,bus_nr=5', '-device', 'pcie-root-port,bus=p1,chassis=1,addr=0']],
  ['q35', ['-device', 'pxb-pcie,id=p1,bus_nr=5,numa_node=1']],
  ['q35', [...NUMA2, '-device', 'pxb-pcie,id=p1,bus_nr=5,numa_node=1']],
  ['pc', ['-device', 'e1000,id=n1,addr=5', '-device', 'pxb,bus_nr=3,addr=5']],
];
const out = [];
for (const [machine, args] of CASES) {
  const r = spawnSync('qemu-system-x86_64', ['-machine', machine, '-nodefaults', '-display', 'none', '-S', '-accel', 'tcg', '-qtest', 'stdio', ...args], { input: '', encoding: 'utf8', timeout: 20000 });
  const line = r.stderr.split('\n').find((l) => l.startsWith('qemu-system-x86_64: ') && !l.includes('GLib') && !l.includes('warning:')) ?? '';
  out.push({ machine, args, stderr: line.replace(/^qemu-system-x86_64: (-device [^ ]*: )?/, '') });
}
const file = fileURLToPath(new URL('../test/fixtures/qemu-7.2/pxb/messages.json', import.meta.url));
writeFileSync(file, JSON.stringify(out, null, 1) + '\n');
console.log(`${out.length} cases`);
