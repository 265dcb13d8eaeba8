import test from 'ava';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createMachine } from '../../src/machine/create-machine.js';
import { DEVICE_CATALOG } from '../../src/machine/devices/catalog.js';
import { fixturePath } from '../helpers/paths.js';
import { dmaReadFile, readDirectory, readKey } from './port-client.js';
import { NOT_SERVED } from '../helpers/installed-roms.js';

const CONFIGS = ['pc-default', 'pc-bridge', 'pc-vmgenid', 'q35-default', 'q35-rootports', 'q35-vmgenid'];
/** Files whose content does not depend on what the firmware did or on the ACPI build. */
const DETERMINISTIC = ['bios-geometry', 'bootorder', 'etc/boot-fail-wait', 'etc/e820', 'etc/smbios/smbios-anchor',
  'etc/smbios/smbios-tables', 'etc/smi/features-ok', 'etc/smi/requested-features', 'etc/smi/supported-features',
  'etc/system-states', 'etc/tpm/log', 'etc/vmgenid_addr', 'etc/vmgenid_guid',
  // Built from the unprogrammed chipset (PM base 0, no MCFG) on the first select, as QEMU does.
  'etc/acpi/rsdp', 'etc/acpi/tables', 'etc/table-loader'];


interface PreIndex {
  cmdline: string[];
  known_keys: Array<{ key: string; name: string; read_len: number; hex: string }>;
  files: Array<{ name: string; select: number; size: number; sha256: string }>;
}

for (const config of CONFIGS) {
  test(`${config}: before any firmware, well-known keys and the file set equal QEMU 7.2's (fwcfg-pre)`, (t) => {
    const pre = JSON.parse(readFileSync(fixturePath('qemu-7.2', config, 'fwcfg-pre', 'index.json'), 'utf8')) as PreIndex;
    const args = pre.cmdline.slice(1);
    const kept: string[] = [];
    for (let i = 0; i < args.length; i++) {
      if (args[i] === '-device' && !DEVICE_CATALOG.has(args[i + 1]!.split(',')[0]!)) {
        i++;
        continue;
      }
      kept.push(args[i]!);
    }
    const m = createMachine(kept);
    for (const k of pre.known_keys) {
      t.is(Buffer.from(readKey(m, Number(k.key), k.read_len)).toString('hex'), k.hex, `${k.key} ${k.name}`);
    }
    const ours = readDirectory(m);
    const expected = pre.files.filter((f) => !NOT_SERVED.has(f.name));
    t.deepEqual(ours.map((e) => [e.name, e.select, e.size]), expected.map((f) => [f.name, f.select, f.size]));
    for (const name of DETERMINISTIC) {
      const f = pre.files.find((e) => e.name === name);
      if (!f) continue;
      t.is(createHash('sha256').update(dmaReadFile(m, name)).digest('hex'), f.sha256, name);
    }
  });
}
