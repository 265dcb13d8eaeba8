/**
 * Must-show 2 from the command line: `fwlab boot -kernel mb-vmgenid-probe.elf -device vmgenid,guid=G
 * --qmp-at 'T:set-vm-generation-id'` prints G, then the new GUID, read by x86 code — the lines QEMU 7.2
 * printed on the source and then the destination of its migration (test/fixtures/guest-images/
 * mb-vmgenid-probe-qmp-pc), the RSDP address aside (SMBIOS, see multiboot.test.ts).
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fwlabChild } from '../aml-suite/fwlab-cli.js';
import { fixturePath, repoRoot } from '../helpers/paths.js';

const run = 'mb-vmgenid-probe-qmp-pc';
const capture = (file: string): string => readFileSync(fixturePath('guest-images', run, file), 'latin1');

test('fwlab boot --qmp-at: the probe prints the -device GUID, then the one set-vm-generation-id gave, as QEMU after its migration', async (t) => {
  const [dst, src] = [...capture('cmdline.txt').matchAll(/vmgenid,guid=([0-9a-f-]{36})/g)].map((m) => m[1]!);
  const cmd = JSON.stringify({ execute: 'set-vm-generation-id', arguments: { guid: dst } });
  const r = await fwlabChild(['boot', '-machine', 'pc', '-nodefaults', '-kernel', join(repoRoot(), 'guest-images', 'mb-vmgenid-probe.elf'),
    '-device', `vmgenid,guid=${src}`, '-serial', 'stdio', '-device', 'isa-debug-exit,iobase=0xf4,iosize=0x04', '--qmp-at', `300ms:${cmd}`], 60_000);
  t.is(r.code, 0, r.err);
  // The RSDP's F-segment address depends on what the firmware allocated there before it (SMBIOS).
  const rsdp = /^rsdp 000f5[0-9a-f]{3}\r$/m;
  const expected = (capture('serial-source.log') + capture('serial-destination.log')).replace(rsdp, 'rsdp F-SEGMENT\r');
  t.regex(r.out, rsdp);
  t.is(r.out.replace(rsdp, 'rsdp F-SEGMENT\r').slice(0, expected.length), expected);
  t.regex(r.err ?? '', new RegExp(`^fwlab: qmp-at 300\\.000 ms .* -> \\{"return":\\{"guid":"${dst}"`, 'm'));
  t.regex(r.out, /isa-debug-exit 0xf4\n\s+exitStatus: 1/);
  // The multiboot entry: flat CS 08h at the ELF's e_entry.
  const entry = readFileSync(join(repoRoot(), 'guest-images', 'mb-vmgenid-probe.elf')).readUInt32LE(24);
  t.true(r.out.includes(`booted x86 code at 0008:${entry.toString(16).padStart(8, '0')} (32-bit protected mode)`));
});

const BAD: ReadonlyArray<readonly [string, string]> = [['soon:{"execute":"quit"}', 'expected TIME:JSON'], ['5ms:{nope', 'not JSON'], ['5ms:[1]', 'expected a QMP command']];
for (const [value, why] of BAD) {
  test(`fwlab boot --qmp-at '${value}': one line, exit 2`, async (t) => {
    const r = await fwlabChild(['boot', '--qmp-at', value], 30_000);
    t.is(r.code, 2);
    t.regex(r.err ?? '', new RegExp(`^fwlab: --qmp-at .*${why.replace(/[[\]]/g, '\\$&')}`));
    t.is((r.err ?? '').trim().split('\n').length, 1);
  });
}
