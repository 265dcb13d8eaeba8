import test from 'ava';
import { readFileSync } from 'node:fs';
import { createMachine } from '../../src/machine/create-machine.js';
import { DEVICE_CATALOG } from '../../src/machine/devices/catalog.js';
import type { Machine } from '../../src/machine/machine.js';
import { fixturePath } from '../helpers/paths.js';
import { dmaReadFile, readDirectory } from './port-client.js';
import { programLikeSeabios } from './seabios-chipset.js';
import { NOT_SERVED } from '../helpers/installed-roms.js';

const CONFIGS = ['pc-default', 'pc-bridge', 'pc-vmgenid', 'q35-default', 'q35-rootports', 'q35-vmgenid'];

const ACPI_FILES = ['etc/acpi/rsdp', 'etc/acpi/tables', 'etc/table-loader'];
const BYTE_IDENTICAL = [
  'etc/e820', 'etc/system-states', 'etc/boot-fail-wait', 'etc/vmgenid_guid',
  'etc/smbios/smbios-anchor', 'etc/smbios/smbios-tables',
  'etc/smi/supported-features', 'etc/smi/requested-features', 'etc/smi/features-ok',
];

interface IndexEntry {
  name: string;
  select: number;
  size: number;
  file: string;
}

/** The fixture's QEMU command line, minus what only the capture needed and drivers fwlab lacks. */
function machineArgs(config: string, skipped: string[]): string[] {
  const words = readFileSync(fixturePath('qemu-7.2', config, 'cmdline-fwcfg.txt'), 'utf8').trim().split(/\s+/).slice(1);
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === '-device') {
      const driver = words[i + 1]!.split(',')[0]!;
      if (!DEVICE_CATALOG.has(driver)) {
        skipped.push(words[i + 1]!);
        i++;
        continue;
      }
    }
    out.push(w);
  }
  return out;
}


for (const config of CONFIGS) {
  test(`${config}: fw_cfg directory and deterministic files match QEMU 7.2 after SeaBIOS`, (t) => {
    const skipped: string[] = [];
    const m = createMachine(machineArgs(config, skipped));
    if (skipped.length) t.log(`devices fwlab has no driver for yet (they add no fw_cfg files): ${skipped.join(' ')}`);
    const how = programLikeSeabios(m, config);
    t.log(`chipset programmed: ${how}`);
    const dir = readDirectory(m);
    const ours = new Map(dir.map((e) => [e.name, e]));
    const index = JSON.parse(readFileSync(fixturePath('qemu-7.2', config, 'seabios', 'fwcfg-post', 'index.json'), 'utf8')) as IndexEntry[];
    // Only the trailing kvmvapic is missing, so names, sizes and selectors all equal QEMU's.
    const expected = index.filter((e) => !NOT_SERVED.has(e.name));
    t.deepEqual(dir.map((e) => [e.name, e.select, e.size]), expected.map((e) => [e.name, e.select, e.size]));
    for (const name of BYTE_IDENTICAL) {
      const entry = index.find((e) => e.name === name);
      if (!entry) {
        t.false(ours.has(name), `${name} served but QEMU has none`);
        continue;
      }
      const want = readFileSync(fixturePath('qemu-7.2', config, 'seabios', entry.file));
      const got = dmaReadFile(m, name);
      t.is(Buffer.from(got).toString('hex'), want.toString('hex'), name);
    }
    // The ACPI carriers as served after the firmware-like setup: byte-identical to QEMU's (zero checksums and all).
    for (const name of ACPI_FILES) {
      const want = readFileSync(fixturePath('qemu-7.2', config, 'seabios', 'fwcfg-post', name.replace(/\//g, '__')));
      const got = Buffer.from(dmaReadFile(m, name));
      t.true(got.equals(want), `${name} differs from QEMU's`);
    }
  });
}

test('etc/reserved-memory-end appears when maxmem > -m (0x240000000 for -m 1G,slots=2,maxmem=4G)', (t) => {
  const m = createMachine(['-machine', 'q35', '-m', '1G,slots=2,maxmem=4G', '-nodefaults']);
  const got = dmaReadFile(m, 'etc/reserved-memory-end');
  t.is(Buffer.from(got).readBigUInt64LE(0), 0x240000000n);
  const plain = createMachine(['-machine', 'q35', '-m', '1G', '-nodefaults']);
  t.false(readDirectory(plain).some((e) => e.name === 'etc/reserved-memory-end'));
});
