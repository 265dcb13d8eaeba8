// `fwlab why ADDR` on the legacy tables in the F-segment, at the addresses real QEMU 7.2 + SeaBIOS
// used for the same command line (test/fixtures/qemu-7.2-bios-tables/pc-smbios-types, pc-smp2-sockets2).
import test from 'ava';
import { readFileSync } from 'node:fs';
import { fixturePath } from '../helpers/paths.js';
import { boot } from '../../src/index.js';
import { whyAddress, formatWhyAddress } from '../../src/tools/why/why-address.js';

function capture(name: string): { args: string[]; copies: Record<string, number>; tables: number; anchor: Uint8Array } {
  const cap = JSON.parse(readFileSync(fixturePath('qemu-7.2-bios-tables', name, 'capture.json'), 'utf8')) as
    { qemu: string[]; smbios: { address: string }[]; fwcfg: Record<string, string> };
  const log = readFileSync(fixturePath('qemu-7.2-bios-tables', name, 'debugcon.log'), 'latin1');
  const copies: Record<string, number> = {};
  for (const m of log.matchAll(/^Copying (PIR|MPTABLE|SMBIOS) from \S+ to 0x([0-9a-f]+)$/gm)) copies[m[1]!] = parseInt(m[2]!, 16);
  return { args: cap.qemu.slice(1), copies, tables: parseInt(cap.smbios[0]!.address, 16), anchor: Buffer.from(cap.fwcfg['etc/smbios/smbios-anchor']!, 'hex') };
}

test('why: SMBIOS entry point, the firmware\'s type 0 and QEMU\'s structures, at SeaBIOS\'s addresses', async (t) => {
  const c = capture('pc-smbios-types');
  const { machine, report } = await boot(c.args, { guest: 'none' });
  const ep = whyAddress(machine, report.chain, c.copies.SMBIOS! + 0x18);
  t.deepEqual(ep.biosTable, {
    table: 'SMBIOS 2.1 entry point', address: `0x${c.copies.SMBIOS!.toString(16)}`, offset: 0x18, part: 'structure table address',
    origin: 'etc/smbios/smbios-anchor+0x18, rewritten by the firmware',
  });
  t.regex(formatWhyAddress(ep).join('\n'), /SMBIOS 2\.1 entry point at 0x[0-9a-f]+, offset 24: structure table address/);
  // QEMU gave a type 0 here (-smbios type=0,...): the first structure is the file's first byte.
  const first = whyAddress(machine, report.chain, c.tables);
  t.is(first.biosTable?.part, 'type 0 handle 0x0, +0 (formatted area)');
  t.is(first.biosTable?.origin, 'etc/smbios/smbios-tables+0x0');
});

test('why: without -smbios type=0 the first structure is the firmware\'s type 0, QEMU\'s follow it', async (t) => {
  const c = capture('pc-smp2-sockets2');
  const { machine, report } = await boot(c.args, { guest: 'none' });
  t.is(whyAddress(machine, report.chain, c.tables + 4).biosTable?.origin, 'type 0 added by the firmware (QEMU gave no BIOS Information)');
  const t0len = 0x18 + 'SeaBIOS'.length + 1 + '1.16.2-debian-1.16.2-1'.length + 1 + '04/01/2014'.length + 2;
  const type1 = whyAddress(machine, report.chain, c.tables + t0len);
  t.is(type1.biosTable?.part, 'type 1 handle 0x100, +0 (formatted area)');
  t.is(type1.biosTable?.origin, 'etc/smbios/smbios-tables+0x0');
  const mp = whyAddress(machine, report.chain, c.copies.MPTABLE! + 16 + 44 + 20);
  t.is(mp.biosTable?.table, 'MP configuration table');
  t.is(mp.biosTable?.part, 'entry 1: processor');
  t.is(whyAddress(machine, report.chain, c.copies.PIR! + 40).biosTable?.part, 'slot entry 0');
});

test('the boot report lists the legacy tables at SeaBIOS\'s addresses, checksums ok', async (t) => {
  const c = capture('pc-smp2-sockets2');
  const { report } = await boot(c.args, { guest: 'none' });
  const at = (n: number) => `0x${n.toString(16)}`;
  t.deepEqual(report.chain.biosTables.map((x) => [x.table, x.address, x.checksum]), [
    ['SMBIOS 2.1 entry point', at(c.copies.SMBIOS!), 'ok'],
    ['SMBIOS structures', at(c.tables), 'none'],
    ['MP floating pointer', at(c.copies.MPTABLE!), 'ok'],
    ['MP configuration table', at(c.copies.MPTABLE! + 16), 'ok'],
    ['$PIR', at(c.copies.PIR!), 'ok'],
  ]);
});
