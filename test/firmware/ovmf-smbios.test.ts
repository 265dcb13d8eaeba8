/**
 * The OVMF profile installs SMBIOS as Debian's OVMF 2022.11 does on QEMU 7.2: for each capture of
 * scripts/capture-ovmf-smbios.mjs (real QEMU + OVMF, the entry points found in a RAM dump and the
 * table bytes they point at) the entry points the hand-over record names and their tables equal the
 * captured bytes. Normalised: only the addresses (each entry point's table address field, and the
 * checksum byte that covers it) — OVMF's pages come from its own pool, fwlab's from its high zone.
 * The rest is compared as captured: versions, DocRev, the structures in OVMF's order with OVMF's
 * type 0 and end-of-table, max structure size, counts, lengths. The OSPM guest reports the entry point.
 */
import test from 'ava';
import { readdirSync, readFileSync } from 'node:fs';
import { boot } from '../../src/machine/create-machine.js';
import { HANDOVER_ADDR, HANDOVER_OFFSETS } from '../../src/spec/handover.js';
import { romPath } from '../../src/machine/rom/load-program.js';
import { fixturePath } from '../helpers/paths.js';

const DIR = fixturePath('qemu-7.2-ovmf-smbios');

interface Capture {
  readonly args: readonly string[];
  readonly entryPoints: readonly { anchor: '_SM_' | '_SM3_'; address: string; bytes: string }[];
  readonly tables: readonly { address: string; bytes: string }[];
}

/** The entry point with its table address and the checksums covering it zeroed. */
function normalised(ep: Uint8Array): string {
  const b = Uint8Array.from(ep);
  if (b[3] === 0x33) {
    b[5] = 0;
    b.fill(0, 0x10, 0x18);
  } else {
    b[4] = 0;
    b[0x15] = 0;
    b.fill(0, 0x18, 0x1c);
  }
  return Buffer.from(b).toString('hex');
}

const sum8 = (b: Uint8Array): number => b.reduce((s, x) => (s + x) & 0xff, 0);

for (const file of readdirSync(DIR).filter((f) => f.endsWith('.json') && f !== 'configs.json')) {
  const name = file.replace(/\.json$/, '');
  test(`${name}: the OVMF profile's SMBIOS equals QEMU 7.2 + OVMF's`, async (t) => {
    const cap = JSON.parse(readFileSync(`${DIR}/${file}`, 'utf8')) as Capture;
    const { machine } = await boot(cap.args, { bios: romPath('fwlab-ovmf.mjs') });
    const mem = machine.cpu.wire;
    const ep32 = mem.read32(HANDOVER_ADDR + HANDOVER_OFFSETS.smbios);
    const ep64 = mem.read32(HANDOVER_ADDR + HANDOVER_OFFSETS.smbios3);
    const ours = [ep32, ep64].filter((a) => a !== 0);
    t.is(ours.length, cap.entryPoints.length);
    for (const ref of cap.entryPoints) {
      const at = ref.anchor === '_SM3_' ? ep64 : ep32;
      const refBytes = Buffer.from(ref.bytes, 'hex');
      const ep = mem.readBytes(at, refBytes.length);
      t.is(at % 4096, 0, `${ref.anchor} on a page of its own`);
      t.is(sum8(ep), 0);
      t.is(normalised(ep), normalised(refBytes), ref.anchor);
      const table = ref.anchor === '_SM3_' ? Number(new DataView(ep.buffer, ep.byteOffset).getBigUint64(0x10, true)) : new DataView(ep.buffer, ep.byteOffset).getUint32(0x18, true);
      const refTable = cap.tables[cap.entryPoints.indexOf(ref)]!.bytes;
      t.is(Buffer.from(mem.readBytes(table, refTable.length / 2)).toString('hex'), refTable, `${ref.anchor} table`);
    }
    // The allocation order: EP32 above its table, the 64-bit pair below (top-down pages, as captured).
    if (ep64) t.true(ep64 < ep32);
    const lines = machine.debugConsole.lines;
    const dmi = lines.find((l) => l.startsWith('ospm: smbios '));
    const taken = ep64 || ep32;
    t.regex(dmi ?? '', new RegExp(`^ospm: smbios \\d\\.\\d 0x${taken.toString(16)} .*checksum=ok$`), lines.join('\n'));
  });
}
