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

/**
 * Out of bus numbers (scripts/capture-ovmf-stuck.mjs): real OVMF never reaches its boot manager
 * (nothing on COM1 after 40 s), every BAR unassigned, no interrupt line; the bus numbers stay as
 * PciScanBus left them (q35-bus-wrap: past bus 255 the sum wraps and the sixth port gets secondary
 * 0 with the root's last bus as subordinate; q35-pxb-low-bus: bus 0 owns only 0-1). fwlab halts
 * there with the reason.
 */
const stuckDir = fixturePath('qemu-7.2', 'ovmf-stuck');
for (const file of readdirSync(stuckDir).filter((f) => f.endsWith('.json') && f !== 'configs.json').sort()) {
  test(`ovmf-stuck ${file.replace(/\.json$/, '')}: out of bus numbers, the OVMF profile halts with PCI as OVMF leaves it`, async (t) => {
    const { args, serialBytes, queryPci } = JSON.parse(readFileSync(`${stuckDir}/${file}`, 'utf8')) as { args: string[]; serialBytes: number; queryPci: unknown };
    t.is(serialBytes, 0, 'the reference never booted');
    const m = createMachine(args);
    const { report } = await bootMachine(m, { bios: romPath('fwlab-ovmf.mjs'), guest: 'none' });
    const exit = report.firmware?.exit;
    t.regex(exit?.kind === 'halt' ? exit.reason : '', /^OVMF: root bridge 0x0-0x[0-9a-f]+ (ran out of|bus numbers wrapped)/);
    t.deepEqual(canonical(m.pci.queryPci()), canonical(queryPci));
  });
}
