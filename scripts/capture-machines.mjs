#!/usr/bin/env node
// Captures real QEMU 7.2 (Debian's qemu-system-x86_64) for the machine configurations of
// test/fixtures/qemu-7.2-machines/configs.json: every fw_cfg file after the chipset writes
// SeaBIOS makes first (as `fwlab capture` does) into <name>/fwcfg/, and the well-known keys
// fwlab models (RAM size, CPU counts, the legacy NUMA item) and the CMOS NVRAM into <name>/keys.json.
// Usage: node build.mjs && node scripts/capture-machines.mjs [NAME...]   (tests only read the result)
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { QtestClient } from '../build/src/tools/qtest/qtest-client.js';
import { applyConfigWrites, chipsetWrites } from '../build/src/tools/capture/chipset-setup.js';
import { FwCfgQtestReader } from '../build/src/tools/capture/fw-cfg-qtest.js';
import { boardOf } from '../build/src/tools/capture/capture.js';
import { writeFwCfgDir } from '../build/src/tools/fw-cfg-dir/fw-cfg-dir.js';

const root = fileURLToPath(new URL('../test/fixtures/qemu-7.2-machines/', import.meta.url));
const configs = JSON.parse(readFileSync(root + 'configs.json', 'utf8'));
const only = process.argv.slice(2);
// FW_CFG_RAM_SIZE, NB_CPUS, MAX_CPUS; NUMA's length depends on MAX_CPUS and the node count.
const KEYS = [[0x03, 8], [0x05, 2], [0x0f, 2]];

for (const [name, args] of Object.entries(configs)) {
  if (only.length && !only.includes(name)) continue;
  const argv = ['qemu-system-x86_64', ...args];
  const q = QtestClient.start(argv);
  try {
    const cmos = [];
    for (let i = 0; i < 128; i++) {
      await q.outb(0x70, i);
      cmos.push((await q.inb(0x71)).toString(16).padStart(2, '0'));
    }
    await applyConfigWrites(q, chipsetWrites(boardOf(argv)));
    // PM1_CNT (PM base 0x600 after the chipset writes): SCI_EN is set from reset without SMM.
    const pm1Cnt = await q.inw(0x604);
    const reader = await FwCfgQtestReader.open(q);
    const keys = {};
    for (const [key, len] of KEYS) keys[`0x${key.toString(16).padStart(4, '0')}`] = Buffer.from(await reader.read(key, len)).toString('hex');
    const maxCpus = (await reader.read(0x0f, 2)).reduce((a, b, i) => a + (b << (8 * i)), 0);
    const numaHead = await reader.read(0x0d, 8);
    const nodes = Number(Buffer.from(numaHead).readBigUInt64LE(0));
    keys['0x000d'] = Buffer.from(await reader.read(0x0d, 8 * (1 + maxCpus + nodes))).toString('hex');
    const files = [];
    for (const e of await reader.directory()) files.push({ name: e.name, select: e.select, data: await reader.read(e.select, e.size) });
    rmSync(root + name, { recursive: true, force: true });
    mkdirSync(root + name, { recursive: true });
    writeFwCfgDir(root + name + '/fwcfg', files);
    writeFileSync(root + name + '/keys.json', JSON.stringify({ qemu: argv, keys, cmos: cmos.join(' '), pm1Cnt }, null, 1) + '\n');
    console.log(`${name}: ${files.length} files`);
  } finally {
    await q.close();
  }
}
