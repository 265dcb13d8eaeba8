// Traces over the wire (src/spec/trace.ts): the firmware's loader trace under DEBUG=fwlab:loader,
// the guest's AML trace and the machine's PCI trace in the report, checked against QEMU 7.2's
// captures (the loader script and blobs QEMU served, the BARs SeaBIOS placed, the SSDT's _E05).
import test from 'ava';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fixturePath, repoRoot } from '../helpers/paths.js';
import { readFwCfgDir } from '../../src/tools/fw-cfg-dir/fw-cfg-dir.js';
import { parseLoaderScript } from '../../src/tools/loader/loader-script.js';
import { boot, createMachine, setVmGenerationId } from '../../src/index.js';

const bin = join(repoRoot(), 'bin', 'fwlab.js');

function fixtureArgs(config: string): string[] {
  const line = readFileSync(fixturePath('qemu-7.2', config, 'seabios', 'cmdline.txt'), 'utf8').trim();
  // The capture's boot disk ($T/bootdisk.img) is not kept: these tests are about the loader and the AML.
  const words = line.split(/\s+/).slice(1).map((w) => w.replace(/\$T/g, '/tmp'));
  return words.filter((w, i) => w !== '-drive' && words[i - 1] !== '-drive');
}

const le = (bytes: string): bigint => bytes.split(' ').reverse().reduce((v, b) => (v << 8n) | BigInt(parseInt(b, 16)), 0n);
const leText = (v: bigint, n: number): string => Array.from({ length: n }, (_x, i) => Number((v >> BigInt(8 * i)) & 0xffn).toString(16).padStart(2, '0')).join(' ');

test('DEBUG=fwlab:loader fwlab boot prints one line per executed command of QEMU\'s script, with the bytes each patch changed', (t) => {
  const r = spawnSync(process.execPath, [bin, 'boot', ...fixtureArgs('q35-vmgenid'), '--guest', 'none'], {
    encoding: 'utf8', env: { ...process.env, DEBUG: 'fwlab:loader', DEBUG_COLORS: '0' },
  });
  t.is(r.status, 0, r.stderr);
  const lines = r.stderr.split('\n').flatMap((l) => /fwlab:loader (#\d+ .*)$/.exec(l)?.[1] ?? []);
  const files = readFwCfgDir(fixturePath('qemu-7.2', 'q35-vmgenid', 'seabios', 'fwcfg-post'));
  const data = files.get('etc/table-loader')!.data;
  const script = parseLoaderScript(data);
  // QEMU pads the script with zero entries (4 KiB); the executor steps over each of those too.
  t.is(lines.length, data.length / 128, 'one line per 128-byte entry of QEMU\'s etc/table-loader');
  const real = new Set(script.commands.map((c) => c.index));
  t.true(lines.every((l, i) => real.has(i) || l === `#${i} UNKNOWN padding entry (command 0), ignored`), lines.join('\n'));
  const blobAt = new Map<string, bigint>();
  script.commands.forEach((c) => {
    const line = lines[c.index]!;
    t.true(line.startsWith(`#${c.index} ${c.kind === 'UNKNOWN' ? 'UNKNOWN' : c.kind} `), `${line} is not command #${c.index} ${c.kind}`);
    if (c.kind === 'ALLOCATE') {
      const m = /^#\d+ ALLOCATE (\S+) \((\d+) bytes, (HIGH|FSEG), align (\d+)\) at (0x[0-9a-f]+)$/.exec(line);
      t.truthy(m, line);
      t.deepEqual([m![1], Number(m![2]), m![3], Number(m![4])], [c.file, files.get(c.file)!.data.length, c.zone === 2 ? 'FSEG' : 'HIGH', c.align]);
      t.is(BigInt(m![5]!) % BigInt(c.align), 0n, `${c.file} aligned`);
      blobAt.set(c.file, BigInt(m![5]!));
    } else if (c.kind === 'ADD_POINTER') {
      const m = /^#\d+ ADD_POINTER (\S+)\+(0x[0-9a-f]+) at 0x[0-9a-f]+ \((\d)\s*bytes\) \+= (\S+) 0x[0-9a-f]+: ([0-9a-f ]+) -> ([0-9a-f ]+)$/.exec(line);
      t.truthy(m, line);
      t.deepEqual([m![1], Number(m![2]), Number(m![3]), m![4]], [c.destFile, c.offset, c.size, c.srcFile]);
      // The bytes before are QEMU's (the pointee-relative value it wrote into the blob).
      const original = files.get(c.destFile)!.data.subarray(c.offset, c.offset + c.size);
      t.is(m![5], Array.from(original, (b) => b.toString(16).padStart(2, '0')).join(' '), line);
      const sum = (le(m![5]!) + blobAt.get(c.srcFile)!) & ((1n << BigInt(8 * c.size)) - 1n);
      t.is(m![6], leText(sum, c.size), line);
    } else if (c.kind === 'WRITE_POINTER') {
      const m = /^#\d+ WRITE_POINTER (\S+)\+(0x[0-9a-f]+) \((\d) bytes\) = (\S+)\+(0x[0-9a-f]+) (0x[0-9a-f]+): <- ([0-9a-f ]+)$/.exec(line);
      t.truthy(m, line);
      t.deepEqual([m![1], Number(m![2]), Number(m![3]), m![4], Number(m![5])], [c.destFile, c.dstOffset, c.size, c.srcFile, c.srcOffset]);
      t.is(BigInt(m![6]!), blobAt.get(c.srcFile)! + BigInt(c.srcOffset));
    } else if (c.kind === 'ADD_CHECKSUM') {
      t.regex(line, new RegExp(`^#\\d+ ADD_CHECKSUM ${c.file.replace(/[/]/g, '\\/')}\\+0x${c.resultOffset.toString(16)} at 0x[0-9a-f]+ over \\+0x${c.start.toString(16)}\\.\\.\\+0x${(c.start + c.length).toString(16)}: `));
    }
  });
});

test('--trace aml,pci: the guest\'s AML trace and QEMU-named PCI events reach the report; a GUID change traces GPE _E05 and its Notify', async (t) => {
  const { machine, report } = await boot(fixtureArgs('q35-vmgenid'), { trace: ['aml', 'pci'] });
  const section = report.sections['trace'] as { areas: string[]; records: Array<{ area: string; text: string }> };
  t.deepEqual(section.areas, ['aml', 'pci']);
  const aml = section.records.filter((r) => r.area === 'aml').map((r) => r.text);
  t.true(aml.some((l) => /^call \\_SB_\.PCI0\.\S+ \(.*\) @DSDT\+0x[0-9a-f]+$/.test(l)), 'the guest traced its DSDT calls');
  // BARs as SeaBIOS placed them in QEMU (query-pci.json): each appears as a pci_update_mappings_add.
  const adds = section.records.filter((r) => r.area === 'pci' && r.text.startsWith('pci_update_mappings_add ')).map((r) => r.text);
  type Region = { bar: number; address: number; size: number };
  type Device = { bus: number; slot: number; function: number; regions: Region[] };
  const qemu = JSON.parse(readFileSync(fixturePath('qemu-7.2', 'q35-vmgenid', 'seabios', 'query-pci.json'), 'utf8')) as Array<{ devices: Device[] }>;
  const bars = qemu.flatMap((b) => b.devices.flatMap((d) => d.regions.map((r) => ({ d, r }))));
  t.true(bars.length > 0);
  for (const { d, r } of bars) {
    const bdf = `${d.bus.toString(16).padStart(2, '0')}:${d.slot.toString(16).padStart(2, '0')}.${d.function}`;
    t.true(adds.includes(`pci_update_mappings_add ${bdf} ${r.bar},0x${r.address.toString(16)}+0x${r.size.toString(16)}`), `${bdf} BAR${r.bar}: ${adds.join('\n')}`);
  }
  t.true(section.records.some((r) => r.area === 'pci' && /^pci_cfg_write \S+ 00:1f\.2 @0x20 <- 0x/.test(r.text)), 'the firmware\'s BAR4 write to the SATA controller');

  // The SSDT QEMU built: Method (\_GPE._E05) { Notify (\_SB.VGEN, 0x80) } (iasl -d of the capture).
  const ssdt = readFileSync(fixturePath('qemu-7.2', 'q35-vmgenid', 'seabios', 'acpica', 'ssdt.dsl'), 'utf8');
  t.regex(ssdt, /Method \(\\_GPE\._E05, 0, NotSerialized\)[^]*?Notify \(\\_SB\.VGEN, 0x80\)/);
  const before = section.records.length;
  setVmGenerationId(machine, '8f0c6a1e-5b2d-4c3a-9e7f-1a2b3c4d5e6f');
  const after = section.records.slice(before).filter((r) => r.area === 'aml').map((r) => r.text);
  const gpe = after.indexOf('gpe 0x05 dispatch \\_GPE._E05 (edge)');
  const call = after.findIndex((l) => /^call \\_GPE\._E05 \(\) @SSDT\+0x[0-9a-f]+$/.test(l));
  const notify = after.indexOf('  notify \\_SB_.VGEN 0x80');
  t.true(gpe >= 0 && call > gpe && notify > call, after.join('\n'));
});

test('the debug console routes marker lines of known areas to the trace, drops others, and keeps console lines apart', (t) => {
  const m = createMachine(['-machine', 'pc', '-fw_cfg', 'name=opt/fwlab/trace,string=loader']);
  const say = (text: string) => {
    for (const ch of text) m.ports.write(0x402, 1, ch.charCodeAt(0));
    m.ports.write(0x402, 1, 0x0a);
  };
  say('\x1eloader #0 ALLOCATE x');
  say('\x1enot-an-area whatever');
  say('\x1eaml call \\X ()');
  say('plain console line');
  m.debugConsole.flush();
  t.deepEqual(m.traceRecords, [{ area: 'loader', text: '#0 ALLOCATE x' }], 'only the areas asked for are recorded');
  t.deepEqual(m.debugConsole.lines, ['plain console line']);
});
