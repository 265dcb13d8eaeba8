#!/usr/bin/env node
// Captures query-pci after Debian's OVMF 2022.11 (-bios /usr/share/ovmf/OVMF.fd) placed PCI, for
// every config of test/fixtures/qemu-7.2/ovmf-placement/configs.json → <name>.json.
// Usage: node build.mjs --fast && node scripts/capture-ovmf-pci.mjs [NAME...]
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ovmfQueryPci } from '../build/test/helpers/ovmf-run.js';

const dir = fileURLToPath(new URL('../test/fixtures/qemu-7.2/ovmf-placement/', import.meta.url));
const configs = JSON.parse(readFileSync(dir + 'configs.json', 'utf8'));
const only = process.argv.slice(2);
for (const [name, line] of Object.entries(configs)) {
  if (only.length && !only.includes(name)) continue;
  const args = line.split(/\s+/).filter(Boolean);
  try {
    const queryPci = await ovmfQueryPci(args);
    writeFileSync(dir + name + '.json', JSON.stringify({ args, queryPci }, null, 1) + '\n');
    console.error(`${name}: captured`);
  } catch (e) {
    console.error(`${name}: ${e.message}`);
  }
}
