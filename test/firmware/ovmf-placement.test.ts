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
 * (pvpanic-pci's 2-byte BAR) is never allocated. The ovmf-*pxb* captures add expander bridges
 * (decision 0054): OVMF finds the extra root buses from etc/extra-pci-roots, numbers each root's
 * bridges from its own bus number, and allocates each root bridge's requests in turn, first fit
 * from the bottom of the apertures they share (ovmf-pc-pxb-gap: the third root fills the hole
 * the second one's 16 MiB alignment left). The fuzz-* captures are the lines of the OVMF fuzz
 * campaign that differed (decision 0056): PciHotPlugInitDxe sizes a hot-plug bridge's padding from
 * QEMU's reserve hints (io-/mem-/pref32-/pref64-reserve, rounded up to a power of two; 0 drops the
 * default), ovmf-*-reserve* the hints' edge cases; when the apertures run out, PciBusDxe rejects
 * the largest consumer and allocates again: a hot-plug bridge loses its padding (fuzz-50061), an
 * endpoint behind a bridge its BARs (ovmf-pc-io-reject). ovmf-q35-bus-reserve: PciScanBus keeps
 * a hot-plug port's secondary + bus-reserve or what its tree used, whichever is larger (not
 * SeaBIOS's rule), and ignores the hint on a port with hotplug=off.
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

test('a root bridge whose bridges need more bus numbers than it owns halts the OVMF profile with the reason', async (t) => {
  // pxb-pcie at bus 2 leaves bus 0 the numbers 0-1; real OVMF then gives up PCI enumeration
  // (every BAR unassigned, no interrupt line written), which fwlab does not model: it says so.
  const m = createMachine(['-machine', 'q35', '-nodefaults', '-device', 'pcie-root-port,id=r1,chassis=1', '-device', 'pcie-root-port,id=r2,chassis=2',
    '-device', 'pxb-pcie,id=pa,bus_nr=2', '-device', 'pcie-root-port,id=ra,bus=pa,chassis=4']);
  const { report } = await bootMachine(m, { bios: romPath('fwlab-ovmf.mjs'), guest: 'none' });
  const exit = report.firmware?.exit;
  t.regex(exit?.kind === 'halt' ? exit.reason : '', /^OVMF: root bridge 0x0-0x1 ran out of bus numbers/);
});
