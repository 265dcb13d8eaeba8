#!/usr/bin/env node
// Captures the SMBIOS that real QEMU 7.2 + Debian's OVMF 2022.11 (-bios /usr/share/ovmf/OVMF.fd)
// installs: runs each configuration of test/fixtures/qemu-7.2-ovmf-smbios/configs.json until OVMF
// has settled (query-pci polled as test/helpers/ovmf-run.ts does: two equal answers, interrupt lines
// written by its boot manager), saves guest RAM below 4 GiB with QMP pmemsave into a temporary file,
// scans it page by page for an `_SM_` / `_SM3_` entry point whose checksum holds (SmbiosDxe allocates
// it in whole pages), and records only the entry point and the table bytes it points at.
// Output: <name>.json {args, entryPoints: [{anchor, address, bytes}], tables: [{address, bytes}]}.
// Usage: node scripts/capture-ovmf-smbios.mjs [NAME...]   (tests only read the result)
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

const dir = fileURLToPath(new URL('../test/fixtures/qemu-7.2-ovmf-smbios/', import.meta.url));
const configs = JSON.parse(readFileSync(dir + 'configs.json', 'utf8'));
const only = process.argv.slice(2);
const OVMF_FD = '/usr/share/ovmf/OVMF.fd';
const PAGE = 4096;

function ramBelow4G(args) {
  const m = args[args.indexOf('-m') + 1] ?? '128M';
  const mib = /G$/.test(m) ? parseInt(m) * 1024 : parseInt(m);
  return Math.min(mib, 2048) * 1024 * 1024;
}

const sum8 = (b) => b.reduce((s, x) => (s + x) & 0xff, 0);

async function capture(args) {
  const tmp = mkdtempSync(tmpdir() + '/ovmf-smbios-');
  const qemu = spawn('qemu-system-x86_64', [...args, '-bios', OVMF_FD, '-accel', 'tcg', '-display', 'none', '-serial', 'none',
    '-monitor', 'none', '-qmp', 'stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const inbox = [];
  let wake;
  createInterface({ input: qemu.stdout }).on('line', (l) => { if (l.trim()) { inbox.push(JSON.parse(l)); wake?.(); } });
  let id = 0;
  const ask = async (execute, args) => {
    const my = ++id;
    qemu.stdin.write(JSON.stringify({ execute, ...(args ? { arguments: args } : {}), id: my }) + '\n');
    for (;;) {
      while (inbox.length === 0) await new Promise((r) => { wake = r; });
      const m = inbox.shift();
      if (m.id === my) { if (m.error) throw new Error(JSON.stringify(m.error)); return m.return; }
    }
  };
  try {
    await ask('qmp_capabilities');
    let last = '';
    for (const start = Date.now(); ; ) {
      if (Date.now() - start > 180_000) throw new Error('OVMF never settled');
      await new Promise((r) => setTimeout(r, 1500));
      const text = JSON.stringify(await ask('query-pci'));
      if (text === last && /"address":\s*[1-9]/.test(text) && !/"irq":\s*255/.test(text)) break;
      last = text;
    }
    const size = ramBelow4G(args);
    await ask('pmemsave', { val: 0, size, filename: tmp + '/ram.bin' });
    const ram = readFileSync(tmp + '/ram.bin');
    const entryPoints = [];
    const tables = [];
    for (let a = 0; a + 32 <= ram.length; a += PAGE) {
      const v2 = ram.toString('latin1', a, a + 4) === '_SM_';
      const v3 = ram.toString('latin1', a, a + 5) === '_SM3_';
      if (!v2 && !v3) continue;
      const len = ram[a + (v2 ? 5 : 6)];
      const ep = ram.subarray(a, a + len);
      if (sum8(ep) !== 0 || (v2 && sum8(ep.subarray(0x10, len)) !== 0)) continue;
      const tAddr = v2 ? ep.readUInt32LE(0x18) : Number(ep.readBigUInt64LE(0x10));
      const tLen = v2 ? ep.readUInt16LE(0x16) : ep.readUInt32LE(0x0c);
      entryPoints.push({ anchor: v2 ? '_SM_' : '_SM3_', address: '0x' + a.toString(16), bytes: ep.toString('hex') });
      tables.push({ address: '0x' + tAddr.toString(16), bytes: ram.subarray(tAddr, tAddr + tLen).toString('hex') });
    }
    return { args, entryPoints, tables };
  } finally {
    qemu.stdin.end();
    qemu.kill();
    rmSync(tmp, { recursive: true, force: true });
  }
}

for (const [name, args] of Object.entries(configs)) {
  if (only.length && !only.includes(name)) continue;
  const c = await capture(args);
  writeFileSync(dir + name + '.json', JSON.stringify(c, null, 1) + '\n');
  console.error(`${name}: ${c.entryPoints.map((e) => `${e.anchor} at ${e.address}`).join(', ') || 'no entry point'}`);
}
