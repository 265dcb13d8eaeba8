#!/usr/bin/env node
// Captures what real QEMU 7.2 + SeaBIOS 1.16.2 (Debian's packages) leave for an OS in the
// F-segment: runs each configuration of test/fixtures/qemu-7.2-bios-tables/configs.json without
// a boot device until SeaBIOS gives up booting, then reads through qtest the ZoneFSeg part that
// holds the PIR, the MP table, the SMBIOS entry point (+ tables when they fit) and the RSDP
// (fseg.bin, 0xF5000-0xF5D00), the SMBIOS tables wherever the entry point says they are, and
// SeaBIOS's debug console log. A second, paused run reads etc/smbios/* from fw_cfg.
// Usage: node build.mjs && node scripts/capture-bios-tables.mjs [NAME...]   (tests only read the result)
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { QtestClient } from '../build/src/tools/qtest/qtest-client.js';
import { applyConfigWrites, chipsetWrites } from '../build/src/tools/capture/chipset-setup.js';
import { FwCfgQtestReader } from '../build/src/tools/capture/fw-cfg-qtest.js';
import { boardOf } from '../build/src/tools/capture/capture.js';

const root = fileURLToPath(new URL('../test/fixtures/qemu-7.2-bios-tables/', import.meta.url));
const configs = JSON.parse(readFileSync(root + 'configs.json', 'utf8'));
const only = process.argv.slice(2);
const FSEG_START = 0xf5000;
const FSEG_END = 0xf5d00;

async function runSeabios(args, tmp) {
  const log = tmp + '/debugcon.log';
  const child = spawn('qemu-system-x86_64', [...args, '-accel', 'tcg', '-display', 'none', '-chardev', `file,id=dbg,path=${log}`,
    '-device', 'isa-debugcon,iobase=0x402,chardev=dbg', '-qtest', 'stdio', '-qtest-log', 'none'], { stdio: 'pipe' });
  const replies = [];
  let wake;
  createInterface({ input: child.stdout }).on('line', (l) => { if (!l.startsWith('IRQ')) { replies.push(l); wake?.(); } });
  const ask = async (cmd) => {
    child.stdin.write(cmd + '\n');
    while (replies.length === 0) await new Promise((r) => { wake = r; });
    return replies.shift();
  };
  const read = async (addr, size) => new Uint8Array(Buffer.from((await ask(`b64read 0x${addr.toString(16)} ${size}`)).slice(3).trim(), 'base64'));
  const t0 = Date.now();
  while (!(existsSync(log) && readFileSync(log, 'latin1').includes('No bootable device'))) {
    if (Date.now() - t0 > 60000) throw new Error('SeaBIOS did not reach "No bootable device" in 60 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  const fseg = await read(FSEG_START, FSEG_END - FSEG_START);
  const text = readFileSync(log, 'latin1');
  const tables = [];
  for (const m of text.matchAll(/Copying SMBIOS(?: 3\.0)? from 0x[0-9a-f]+ to 0x([0-9a-f]+)/g)) {
    const ep = await read(parseInt(m[1], 16), 0x20);
    const v3 = ep[3] === 0x33;
    const dv = new DataView(ep.buffer);
    const addr = v3 ? Number(dv.getBigUint64(0x10, true)) : dv.getUint32(0x18, true);
    const len = v3 ? dv.getUint32(0x0c, true) : dv.getUint16(0x16, true);
    tables.push({ entryPoint: '0x' + m[1], address: '0x' + addr.toString(16), length: len, data: Buffer.from(await read(addr, len)).toString('hex') });
  }
  child.kill();
  return { fseg, text, tables };
}

async function smbiosFiles(args) {
  const argv = ['qemu-system-x86_64', ...args];
  const q = QtestClient.start(argv);
  try {
    await applyConfigWrites(q, chipsetWrites(boardOf(argv)));
    const reader = await FwCfgQtestReader.open(q);
    const out = {};
    for (const e of await reader.directory()) {
      if (e.name.startsWith('etc/smbios/')) out[e.name] = Buffer.from(await reader.read(e.select, e.size)).toString('hex');
    }
    return out;
  } finally {
    await q.close();
  }
}

for (const [name, args] of Object.entries(configs)) {
  if (only.length && !only.includes(name)) continue;
  const tmp = mkdtempSync(tmpdir() + '/fwlab-bios-tables-');
  const { fseg, text, tables } = await runSeabios(args, tmp);
  const files = await smbiosFiles(args);
  rmSync(root + name, { recursive: true, force: true });
  mkdirSync(root + name, { recursive: true });
  writeFileSync(root + name + '/fseg.bin', fseg);
  // Up to the boot attempt: POST's own lines (later lines repeat every boot retry).
  const post = text.slice(0, text.indexOf('No bootable device') + 'No bootable device'.length) + '\n';
  writeFileSync(root + name + '/debugcon.log', post);
  writeFileSync(root + name + '/capture.json', JSON.stringify({
    qemu: ['qemu-system-x86_64', ...args], fseg: { base: `0x${FSEG_START.toString(16)}`, file: 'fseg.bin' }, smbios: tables, fwcfg: files,
  }, null, 1) + '\n');
  rmSync(tmp, { recursive: true, force: true });
  console.log(`${name}: ${tables.map((t) => `SMBIOS ep ${t.entryPoint} tables ${t.address}+${t.length}`).join(', ') || 'no SMBIOS'}`);
}
