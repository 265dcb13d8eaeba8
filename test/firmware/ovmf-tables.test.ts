/**
 * The OVMF profile installs copies: feeding each fixture's ovmf/fwcfg-post blobs through POST,
 * the tables reachable from the hand-over record's revision-2 RSDP equal ovmf/acpi-installed/*.dat
 * once pointer fields are normalised (to the pointed-at table's signature, or blob+offset).
 */
import test from 'ava';
import { FakeWire } from './helpers/fake-wire.js';
import { FakePci } from './helpers/fake-pci.js';
import { FakeFwCfg, fixtureFiles } from './helpers/fake-fw-cfg.js';
import { CONFIGS, fwcfgPost, installed, summary } from './helpers/fixtures.js';
import { fixturePath } from '../helpers/paths.js';
import { program } from '../../firmware/ovmf.js';
import { findRsdp, sum8 } from '../../firmware/loader/tables.js';
import { HANDOVER_ADDR, HANDOVER_FLAGS, HANDOVER_OFFSETS } from '../../src/spec/handover.js';

interface Found { sig: string; addr: number; len: number }

/** Every table: XSDT entries, plus FACS and DSDT from the FADT. */
function tablesFrom(mem: { read32(a: number): number; read64(a: number): bigint; readBytes(a: number, n: number): Uint8Array }, rsdp: number, xsdtOf: (b: Uint8Array) => number): Found[] {
  const head = (a: number): Found => ({ sig: String.fromCharCode(...mem.readBytes(a, 4)), addr: a, len: mem.read32(a + 4) });
  const xsdt = xsdtOf(mem.readBytes(rsdp, 36));
  const out: Found[] = [head(mem.read32(rsdp + 16)), head(xsdt)];
  const n = (mem.read32(xsdt + 4) - 36) / 8;
  for (let i = 0; i < n; i++) out.push(head(Number(mem.read64(xsdt + 36 + 8 * i))));
  const fadt = out.find((t) => t.sig === 'FACP')!;
  out.push(head(mem.read32(fadt.addr + 36)), head(mem.read32(fadt.addr + 40)));
  return out;
}

/** Pointer fields per table signature: [offset, size]. */
const POINTERS: Record<string, (len: number) => [number, number][]> = {
  FACP: (len) => [[36, 4], [40, 4], ...(len >= 148 ? [[132, 8], [140, 8]] as [number, number][] : [])],
  RSDT: (len) => Array.from({ length: (len - 36) / 4 }, (_, i) => [36 + 4 * i, 4] as [number, number]),
  XSDT: (len) => Array.from({ length: (len - 36) / 8 }, (_, i) => [36 + 8 * i, 8] as [number, number]),
  RSDP: () => [[16, 4], [24, 8]],
};

for (const config of CONFIGS) {
  test(`${config}: OVMF-profile tables equal ovmf/acpi-installed after normalisation`, (t) => {
    const wire = new FakeWire();
    new FakePci(wire, fixturePath('qemu-7.2', config, 'ovmf', 'query-pci.json'));
    const dev = new FakeFwCfg(wire, fixtureFiles(fwcfgPost(config, 'ovmf')));
    t.deepEqual(program.run(wire), { kind: 'handover' }, wire.console);
    t.is(findRsdp(wire, 0xe0000, 0x100000), undefined, 'OVMF leaves nothing in the E/F segment');
    const flags = wire.read32(HANDOVER_ADDR + HANDOVER_OFFSETS.flags);
    t.truthy(flags & HANDOVER_FLAGS.OVMF_PROFILE);
    const rsdp = wire.read32(HANDOVER_ADDR + HANDOVER_OFFSETS.rsdp);
    t.is(sum8(wire.readBytes(rsdp, 20)), 0);
    t.is(sum8(wire.readBytes(rsdp, 36)), 0);
    const ours = tablesFrom(wire, rsdp, (b) => Number(new DataView(b.buffer).getBigUint64(24, true)));
    const s = summary(config, 'ovmf');
    const theirAddr = new Map<number, string>(s.acpi_tables.map((x) => [Number(x.address), x.signature]));
    const ourAddr = new Map<number, string>(ours.map((x) => [x.addr, x.sig]));
    ourAddr.set(rsdp, 'RSDP');
    const guid = dev.file('etc/vmgenid_addr');
    const ourGuid = guid ? Number(new DataView(guid.data.buffer).getBigUint64(0, true)) - 40 : -1;
    const theirGuid = Number((s.loader_replay.inferred_bases as Record<string, string>)['etc/vmgenid_guid'] ?? -1);
    for (const tbl of s.acpi_tables) {
      const mine = tbl.signature === 'RSDP' ? { sig: 'RSDP', addr: rsdp, len: 36 } : ours.find((x) => x.sig === tbl.signature);
      t.truthy(mine, `${tbl.signature} installed`);
      const a = wire.readBytes(mine!.addr, tbl.length).slice();
      const b = installed(config, tbl.file, 'ovmf').slice();
      t.is(a.length, b.length);
      if (tbl.signature !== 'FACS' && tbl.signature !== 'RSDP') t.is(sum8(a), 0, `${tbl.signature} checksum`);
      const fields = [...(POINTERS[tbl.signature]?.(tbl.length) ?? [])];
      if (tbl.signature === 'SSDT' && ourGuid >= 0) fields.push([42, 4]);
      for (const [o, n] of fields) {
        const read = (x: Uint8Array) => { let v = 0; for (let i = n - 1; i >= 0; i--) v = v * 256 + x[o + i]!; return v; };
        const norm = (v: number, map: Map<number, string>, g: number) => (v === 0 ? 'null' : map.get(v) ?? (v === g ? 'vmgenid' : `abs:${v}`));
        t.is(norm(read(a), ourAddr, ourGuid), norm(read(b), theirAddr, theirGuid), `${tbl.signature}+${o}`);
        a.fill(0, o, o + n);
        b.fill(0, o, o + n);
      }
      for (const ck of tbl.signature === 'RSDP' ? [8, 32] : tbl.signature === 'FACS' ? [] : [9]) { a[ck] = 0; b[ck] = 0; }
      t.deepEqual(Buffer.from(a), Buffer.from(b), tbl.signature);
    }
  });
}
