import test from 'ava';
import { readdirSync, readFileSync } from 'node:fs';
import { createMachine, bootMachine, romPath } from '../../src/inspect.js';
import { fixturePath } from '../helpers/paths.js';
import { canonical } from '../pci/config-cycles.js';

/**
 * OVMF 2022.11's PCI placement on machines with many small BARs (issue 14's OVMF bullet),
 * captured from Debian's QEMU 7.2 with -bios OVMF.fd (scripts/capture-ovmf-pci.mjs), and on every
 * machine of the device catalog (one device alone on pc or q35; ovmf-catalog/,
 * scripts/capture-ovmf-catalog.mjs). edk2's
 * PciParseBar aligns memory BARs to at least 4 KiB, so a 256-byte BAR sorts with the 4 KiB ones
 * in insertion order instead of after them; a BAR whose sizing read-back shows a reserved type
 * (pvpanic-pci's 2-byte BAR) is never allocated.
 */
const captures = ['ovmf-placement', 'ovmf-catalog'].flatMap((d) => readdirSync(fixturePath('qemu-7.2', d))
  .filter((f) => f.endsWith('.json') && f !== 'configs.json').sort().map((f) => [d, f] as const));

for (const [set, file] of captures) {
  const dir = fixturePath('qemu-7.2', set);
  test(`${set} ${file.replace(/\.json$/, '')}: the OVMF profile places PCI as OVMF 2022.11 does`, async (t) => {
    const { args, queryPci } = JSON.parse(readFileSync(`${dir}/${file}`, 'utf8')) as { args: string[]; queryPci: unknown };
    const m = createMachine(args);
    await bootMachine(m, { bios: romPath('fwlab-ovmf.mjs'), guest: 'none' });
    t.deepEqual(canonical(m.pci.queryPci()), canonical(queryPci));
  });
}
