/**
 * Debian's SeaBIOS 1.16.2 (/usr/share/seabios/bios-256k.bin) on fwlab's machine, per fixture config:
 * it initialises the chipset and PCI through fwlab's config space and reaches the boot stage; the
 * resulting query-pci equals the fixture's seabios/query-pci.json and SeaBIOS's own PCI lines on the
 * debug console equal those it printed under QEMU 7.2 (seabios/debugcon.log).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createMachine } from '../../src/machine/create-machine.js';
import { runRawFirmware } from '../../src/machine/raw-firmware.js';
import { fixturePath } from '../helpers/paths.js';
import { testWith } from '../helpers/reference.js';
import { DEVICE_CATALOG } from '../../src/machine/devices/catalog.js';
import { CONFIGS } from '../firmware/helpers/fixtures.js';
import { installedTables, normalise } from './installed-tables.js';

const SEABIOS = '/usr/share/seabios/bios-256k.bin';
const seabiosTest = testWith(['seabios']);

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sorted((value as Record<string, unknown>)[k])]));
  }
  return value;
}

/** The fixture's QEMU command line as fwlab machine options (chardevs, qtest, display and drives dropped). */
function fixtureArgs(config: string): string[] {
  const words = readFileSync(fixturePath('qemu-7.2', config, 'seabios', 'cmdline.txt'), 'utf8').trim().split(/\s+/).slice(1);
  const args: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const v = words[i + 1] ?? '';
    if (w === '-serial') { args.push(w, 'null'); i++; continue; }
    if (['-chardev', '-mon', '-qtest', '-qtest-log', '-drive', '-display', '-accel', '-bios', '-global'].includes(w)) { i++; continue; }
    if (w === '-device' && !DEVICE_CATALOG.has(v.split(',')[0]!)) { i++; continue; }
    args.push(w);
  }
  return args;
}

/** Boot SeaBIOS until a console line starts with `marker`. */
function bootUntil(config: string, marker: string) {
  const m = createMachine(fixtureArgs(config));
  const seen = () => m.debugConsole.lines.some((l) => l.startsWith(marker));
  const run = runRawFirmware(m, SEABIOS, new Uint8Array(readFileSync(SEABIOS)), { until: seen, budgetNs: 10e9, noReboot: true });
  m.consoleLines();
  return { m, run, seen: seen(), lines: m.debugConsole.lines };
}

/** SeaBIOS's PCI enumeration and allocation lines. */
const pciLines = (lines: readonly string[]) => lines.filter((l) => /^(=== PCI|PCI: |Found \d+ PCI devices)/.test(l));

for (const config of CONFIGS) {
  seabiosTest(`${config}: Debian's SeaBIOS on fwlab: query-pci, its PCI console lines and the ACPI tables it installs equal QEMU's`, (t) => {
    const { m, seen, lines } = bootUntil(config, 'Scan for VGA option rom');
    t.true(seen, lines.slice(-20).join('\n'));
    const expected = readFileSync(fixturePath('qemu-7.2', config, 'seabios', 'debugcon.log'), 'utf8').split(/\r?\n/);
    t.deepEqual(pciLines(lines), pciLines(expected));
    const queryPci = JSON.parse(readFileSync(fixturePath('qemu-7.2', config, 'seabios', 'query-pci.json'), 'utf8')) as unknown;
    t.deepEqual(sorted(m.pci.queryPci()), sorted(queryPci));
    const dir = fixturePath('qemu-7.2', config, 'seabios', 'acpi-installed');
    const expectedTables = new Map(readdirSync(dir).map((f) => {
      const name = f.replace(/\.dat$/, '');
      const bytes = new Uint8Array(readFileSync(`${dir}/${f}`));
      return [name, name === 'facs' ? bytes : normalise(name === 'facp' ? 'FACP' : name.toUpperCase(), bytes)] as const;
    }));
    const ours = installedTables(m);
    t.deepEqual([...ours.keys()].sort(), [...expectedTables.keys()].sort());
    const differences = [...expectedTables].flatMap(([name, bytes]) => {
      const mine = ours.get(name) ?? new Uint8Array();
      const at = bytes.findIndex((b, i) => mine[i] !== b);
      return mine.length === bytes.length && at < 0 ? [] : [`${name}: ${mine.length} vs ${bytes.length} bytes, first difference at ${at}`];
    });
    t.deepEqual(differences, []);
  });
}

seabiosTest('pc-default: SeaBIOS runs its POST to the boot stage (int 19h) on the x86 core with fwlab\'s PIT, PIC and RTC', (t) => {
  const { seen, lines, run } = bootUntil('pc-default', 'enter handle_19');
  t.true(seen, lines.slice(-20).join('\n'));
  t.deepEqual(run.exit, { kind: 'halt', reason: 'stop condition reached' });
  t.true(lines.includes('PS2 keyboard initialized'));
});
