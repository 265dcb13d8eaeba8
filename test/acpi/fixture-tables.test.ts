import test from 'ava';
import { readFileSync } from 'node:fs';
import { buildAcpiTables } from '../../src/machine/acpi/build-tables.js';
import { fixturePath } from '../helpers/paths.js';
import { CONFIGS, fixtureInput } from './fixture-configs.js';
import { decodeLoader, normalise, walkTables } from './loader-decode.js';

const fx = (config: string, file: string) =>
  new Uint8Array(readFileSync(fixturePath('qemu-7.2', config, 'seabios', 'fwcfg-post', file)));

/** Bytes that legitimately differ between builds: checksums and pointer fields (from the loader). */
function maskedTable(blob: Uint8Array, loader: Uint8Array, file: string, offset: number, length: number): Uint8Array {
  const t = blob.slice(offset, offset + length);
  for (const e of decodeLoader(loader)) {
    if (e.cmd === 'ADD_CHECKSUM' && e.file === file && e.offset >= offset && e.offset < offset + length) t[e.offset - offset] = 0;
    if (e.cmd === 'ADD_POINTER' && e.dest === file && e.offset >= offset && e.offset < offset + length) {
      t.fill(0, e.offset - offset, e.offset - offset + e.size);
    }
  }
  return t;
}

for (const config of CONFIGS) {
  const ours = buildAcpiTables(fixtureInput(config));
  const qemuTables = fx(config, 'etc__acpi__tables');
  const qemuLoader = fx(config, 'etc__table-loader');
  const qemuRsdp = fx(config, 'etc__acpi__rsdp');

  test(`${config}: same tables in the same order, FACS at 0 and DSDT at 64`, (t) => {
    const mine = walkTables(ours.tables).map((x) => `${x.signature}/${x.oemTableId}`);
    const theirs = walkTables(qemuTables).map((x) => `${x.signature}/${x.oemTableId}`);
    t.deepEqual(mine, theirs);
    t.is(walkTables(ours.tables)[0]!.offset, 0);
    t.is(walkTables(ours.tables)[1]!.offset, 64);
    t.is(ours.tables.length, qemuTables.length, 'padded to the same 128 KiB multiple');
  });

  test(`${config}: FACP, APIC, HPET, MCFG, WAET, RSDT, FACS, SSDT byte-identical except checksums and pointers`, (t) => {
    const mine = walkTables(ours.tables);
    const theirs = walkTables(qemuTables);
    for (const [i, q] of theirs.entries()) {
      if (q.signature === 'DSDT') continue; // compared on its own below
      const m = mine[i]!;
      t.is(m.length, q.length, `${q.signature} length`);
      t.deepEqual(
        Buffer.from(maskedTable(ours.tables, ours.tableLoader, 'etc/acpi/tables', m.offset, m.length)).toString('hex'),
        Buffer.from(maskedTable(qemuTables, qemuLoader, 'etc/acpi/tables', q.offset, q.length)).toString('hex'),
        `${q.signature} bytes`,
      );
    }
  });

  test(`${config}: RSDP byte-identical except checksum and RSDT address`, (t) => {
    t.is(ours.rsdp.length, 20);
    t.deepEqual(Buffer.from(maskedTable(ours.rsdp, ours.tableLoader, 'etc/acpi/rsdp', 0, 20)),
      Buffer.from(maskedTable(qemuRsdp, qemuLoader, 'etc/acpi/rsdp', 0, 20)));
  });

  test(`${config}: etc/table-loader equals QEMU's command for command`, (t) => {
    const mineT = walkTables(ours.tables);
    const theirT = walkTables(qemuTables);
    const mine = decodeLoader(ours.tableLoader).map((e) => normalise(e, mineT));
    const theirs = decodeLoader(qemuLoader).map((e) => normalise(e, theirT));
    t.deepEqual(mine, theirs);
    t.is(ours.tableLoader.length, qemuLoader.length, 'padded to 4 KiB');
  });

  test(`${config}: DSDT byte-identical to QEMU's (and the whole served blobs)`, (t) => {
    const m = walkTables(ours.tables)[1]!;
    const q = walkTables(qemuTables)[1]!;
    t.is(m.length, q.length);
    t.true(Buffer.from(ours.tables.subarray(m.offset, m.offset + m.length)).equals(qemuTables.subarray(q.offset, q.offset + q.length)));
    t.true(Buffer.from(ours.tables).equals(qemuTables), 'etc/acpi/tables');
    t.true(Buffer.from(ours.tableLoader).equals(qemuLoader), 'etc/table-loader');
    t.true(Buffer.from(ours.rsdp).equals(qemuRsdp), 'etc/acpi/rsdp');
  });
}
