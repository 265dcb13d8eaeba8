#!/usr/bin/env node
// Captures real QEMU 7.2 + SeaBIOS 1.16.2 for the pasted-command-line cases of
// test/fixtures/qemu-7.2/cmdlines/cmdlines.json (QEMU's defaults, -serial/-parallel, -nic/-net/-netdev,
// -usb, USB devices, -device aliases): bus-0 config spaces, query-pci after POST and the fw_cfg
// files (the view the config fuzzer records), or QEMU's error and its message. Writes cmdlines/<name>.json.
// Usage: node build.mjs && node scripts/capture-cmdlines.mjs [NAME...]
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { qemuView } from '../build/test/helpers/machine-compare.js';

const dir = fileURLToPath(new URL('../test/fixtures/qemu-7.2/cmdlines/', import.meta.url));
const lines = JSON.parse(readFileSync(dir + 'cmdlines.json', 'utf8'));
const only = process.argv.slice(2);
for (const [name, args] of Object.entries(lines)) {
  if (only.length && !only.includes(name)) continue;
  const view = await qemuView(args);
  if (view.error) {
    // QEMU's own message for a refused line (its first stderr line, program name removed).
    const r = spawnSync('qemu-system-x86_64', [...args, '-display', 'none', '-S'], { encoding: 'utf8', timeout: 10_000 });
    view.qemuMessage = r.stderr.split('\n')[0].replace(/^qemu-system-x86_64: /, '');
  }
  writeFileSync(dir + name + '.json', JSON.stringify(view) + '\n');
  console.error(`${name}: ${view.error ?? 'ok'}`);
}
