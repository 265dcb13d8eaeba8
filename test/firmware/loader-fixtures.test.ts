import test from 'ava';
import { FakeWire } from './helpers/fake-wire.js';
import { FakeFwCfg, fixtureFiles } from './helpers/fake-fw-cfg.js';
import { CONFIGS, fwcfgPost, installed, summary } from './helpers/fixtures.js';
import { FwCfg } from '../../firmware/drivers/fw-cfg.js';
import { Zone } from '../../firmware/memory/zone.js';
import { fwCfgLoaderHost } from '../../firmware/loader/fw-cfg-host.js';
import { executeLoader } from '../../firmware/loader/execute.js';
import { decodeScript } from '../../firmware/loader/script.js';
import { findRsdp, sum8 } from '../../firmware/loader/tables.js';

function setup(config: string, high: [number, number], fseg: [number, number], placement?: Map<string, number>) {
  const wire = new FakeWire();
  const dev = new FakeFwCfg(wire, fixtureFiles(fwcfgPost(config)));
  const fwcfg = FwCfg.detect(wire);
  if (!fwcfg) throw new Error('no fw_cfg');
  const HIGH = new Zone('high');
  HIGH.addRange(...high);
  const FSEG = new Zone('fseg');
  FSEG.addRange(...fseg);
  const host = fwCfgLoaderHost(wire, fwcfg, { HIGH, FSEG }, placement);
  const script = dev.file('etc/table-loader')!.data;
  const result = executeLoader(host, script, 'seabios');
  return { wire, dev, result, script };
}

for (const config of CONFIGS) {
  test(`${config}: with SeaBIOS's allocation addresses, installed tables are byte-identical`, (t) => {
    const s = summary(config);
    const placement = new Map(Object.entries(s.loader_replay.inferred_bases).map(([k, v]) => [k, Number(v)]));
    const { wire, dev, result } = setup(config, [0x1f000000, 0x20000000], [0xf5000, 0xf6000], placement);
    t.true(result.ok);
    t.deepEqual(result.findings, []);
    for (const tbl of s.acpi_tables) {
      const expected = installed(config, tbl.file);
      t.deepEqual(Buffer.from(wire.readBytes(Number(tbl.address), expected.length)), Buffer.from(expected), `${tbl.signature} at ${tbl.address}`);
    }
    for (const wp of s.loader_replay.write_pointers) {
      t.is(Buffer.from(dev.file(wp.fw_cfg_file)!.data).toString('hex'), wp.value);
    }
  });

  test(`${config}: with fwlab's own zones, tables equal the fixture once pointers are normalised`, (t) => {
    const s = summary(config);
    const { wire, result, script } = setup(config, [0x3f000000, 0x40000000], [0xe8000, 0xe9000]);
    t.true(result.ok);
    const ourBases = new Map(result.blobs.map((b) => [b.name, { addr: b.addr, size: b.size }]));
    const theirBases = new Map(Object.entries(s.loader_replay.inferred_bases).map(([k, v]) => [k, Number(v)]));
    const rsdp = findRsdp(wire, 0xe8000, 0xe9000);
    t.truthy(rsdp, 'RSDP found by the 16-byte scan');
    // Pointer fields (from the script's ADD_POINTERs), by blob and offset.
    const pointers = decodeScript(script).flatMap((c) => (c.kind === 'ADD_POINTER' ? [c] : []));
    const normalise = (v: number, bases: (name: string) => number | undefined): string => {
      for (const name of ourBases.keys()) {
        const b = bases(name)!;
        if (v >= b && v < b + ourBases.get(name)!.size) return `${name}+${v - b}`;
      }
      return `abs:${v}`;
    };
    for (const tbl of s.acpi_tables) {
      const theirAddr = Number(tbl.address);
      const blobName = [...theirBases.entries()].find(([n, b]) => theirAddr >= b && theirAddr < b + ourBases.get(n)!.size)![0];
      const offInBlob = theirAddr - theirBases.get(blobName)!;
      const ours = wire.readBytes(ourBases.get(blobName)!.addr + offInBlob, tbl.length);
      const theirs = installed(config, tbl.file).slice();
      if (tbl.signature !== 'FACS') t.is(sum8(tbl.signature === 'RSDP' ? ours.subarray(0, 20) : ours), 0, `${tbl.signature} checksum`);
      const mine = ours.slice();
      for (const p of pointers) {
        if (p.dest.name !== blobName || p.offset < offInBlob || p.offset >= offInBlob + tbl.length) continue;
        const o = p.offset - offInBlob;
        const read = (b: Uint8Array) => { let v = 0; for (let i = p.size - 1; i >= 0; i--) v = v * 256 + b[o + i]!; return v; };
        t.is(normalise(read(mine), (n) => ourBases.get(n)?.addr), normalise(read(theirs), (n) => theirBases.get(n)),
          `${tbl.signature} pointer at +${o}`);
        mine.fill(0, o, o + p.size);
        theirs.fill(0, o, o + p.size);
      }
      const ck = tbl.signature === 'RSDP' ? 8 : tbl.signature === 'FACS' ? -1 : 9;
      if (ck >= 0) { mine[ck] = 0; theirs[ck] = 0; }
      t.deepEqual(Buffer.from(mine), Buffer.from(theirs), `${tbl.signature} bytes`);
    }
  });
}
