#!/usr/bin/env node
// Captures real QEMU 7.2 + SeaBIOS 1.16.2 (Debian's packages) with PCI expander bridges, for the
// command lines of test/fixtures/qemu-7.2/pxb/configs.json: after SeaBIOS's POST ("No bootable
// device") the config space of every function on every bus, QMP query-pci and every fw_cfg file
// as SeaBIOS received it (etc/acpi/tables, etc/extra-pci-roots...). Writes <name>/view.json,
// <name>/fwcfg/, HMP info pci <name>/info-pci.txt and SeaBIOS's log <name>/debugcon.log; with iasl installed also <name>/dsdt.dsl
// (iasl -d of QEMU's DSDT, for reading only).
// Usage: node build.mjs --fast && node scripts/capture-pxb.mjs [NAME...]   (tests only read the result)
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { qemuPostView } from '../build/test/helpers/post-view.js';
import { writeFwCfgDir } from '../build/src/tools/fw-cfg-dir/fw-cfg-dir.js';
import { tablesFromFwCfgDir } from '../build/src/tools/acpi/table-source.js';

const root = fileURLToPath(new URL('../test/fixtures/qemu-7.2/pxb/', import.meta.url));
const configs = JSON.parse(readFileSync(root + 'configs.json', 'utf8'));
const only = process.argv.slice(2);
for (const [name, args] of Object.entries(configs)) {
  if (only.length && !only.includes(name)) continue;
  const view = await qemuPostView(args);
  rmSync(root + name, { recursive: true, force: true });
  mkdirSync(root + name, { recursive: true });
  writeFwCfgDir(root + name + '/fwcfg', view.fwcfg);
  writeFileSync(root + name + '/view.json', JSON.stringify({ args, queryPci: view.queryPci, config: view.config }, null, 1) + '\n');
  writeFileSync(root + name + '/debugcon.log', view.log);
  writeFileSync(root + name + '/info-pci.txt', view.infoPci);
  const dsdt = tablesFromFwCfgDir(root + name + '/fwcfg').find((t) => t.signature === 'DSDT');
  if (dsdt && spawnSync('iasl', ['-v']).status === 0) {
    writeFileSync('/tmp/fwlab-pxb-dsdt.dat', dsdt.data);
    spawnSync('iasl', ['-d', '/tmp/fwlab-pxb-dsdt.dat'], { stdio: 'ignore' });
    writeFileSync(root + name + '/dsdt.dsl', readFileSync('/tmp/fwlab-pxb-dsdt.dsl', 'utf8').split('\n').filter((l) => !/^ \* (Disassembly of|Original Table Header|ACPI Data Table)|^ \*\s+(Checksum|Compiler|iASL)/.test(l)).join('\n'));
  }
  console.log(`${name}: ${view.config.length} functions, ${view.fwcfg.length} fw_cfg files`);
}
