#!/usr/bin/env node
// Captures query-pci after Debian's OVMF 2022.11 (-bios /usr/share/ovmf/OVMF.fd) placed PCI on every
// machine of the device catalog (test/fixtures/qemu-7.2/catalog/<board>-<device>.json: one catalog
// device alone on pc or q35) → test/fixtures/qemu-7.2/ovmf-catalog/<board>-<device>.json.
// Machines whose device needs a backend server ($SOCKDIR: swtpm, ivshmem-server) are left out.
// Usage: node build.mjs --fast && node scripts/capture-ovmf-catalog.mjs [NAME...]
import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ovmfQueryPci } from '../build/test/helpers/ovmf-run.js';

const catalog = fileURLToPath(new URL('../test/fixtures/qemu-7.2/catalog/', import.meta.url));
const out = fileURLToPath(new URL('../test/fixtures/qemu-7.2/ovmf-catalog/', import.meta.url));
mkdirSync(out, { recursive: true });
const only = process.argv.slice(2);
for (const file of readdirSync(catalog).filter((f) => f.endsWith('.json') && f !== 'devices.json').sort()) {
  const name = file.replace(/\.json$/, '');
  if (only.length ? !only.includes(name) : existsSync(out + file)) continue;
  const { args } = JSON.parse(readFileSync(catalog + file, 'utf8'));
  if (args.some((a) => a.includes('$SOCKDIR'))) { console.error(`${name}: needs a backend server, left out`); continue; }
  try {
    const queryPci = await ovmfQueryPci(args);
    writeFileSync(out + file, JSON.stringify({ args, queryPci }) + '\n');
    console.error(`${name}: captured`);
  } catch (e) {
    console.error(`${name}: ${e.message}`);
  }
}
