#!/usr/bin/env node
// Captures the device catalog fixtures from Debian's QEMU 7.2 + SeaBIOS: for every device of
// test/fixtures/qemu-7.2/catalog/devices.json alone on pc and on q35, the bus-0 config spaces
// before firmware (qtest), query-pci after SeaBIOS's POST (QMP) and every fw_cfg file's sha256
// after the same programming (fwlab capture --pci). Writes catalog/<board>-<device>.json.
// Usage: node build.mjs --fast && node scripts/capture-catalog.mjs [DEVICE-SUBSTRING...]
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { qemuView } from '../build/test/helpers/machine-compare.js';
import { catalogArgs, catalogKey, withBackends } from '../build/test/helpers/catalog-configs.js';

const dir = fileURLToPath(new URL('../test/fixtures/qemu-7.2/catalog/', import.meta.url));
const only = process.argv.slice(2);
const devices = JSON.parse(readFileSync(dir + 'devices.json', 'utf8')).filter((d) => only.length === 0 || only.some((o) => d.includes(o)));
for (const device of devices) for (const board of ['pc', 'q35']) {
  const args = catalogArgs(board, device);
  const view = await qemuView(args, withBackends);
  writeFileSync(dir + catalogKey(board, device) + '.json', JSON.stringify({ ...view, args }, null, 1) + '\n');
  console.error(`${catalogKey(board, device)}: ${view.error ?? 'ok'}`);
}
