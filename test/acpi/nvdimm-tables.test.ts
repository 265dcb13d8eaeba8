import test from 'ava';
import { readFileSync } from 'node:fs';
import { buildAcpiTables } from '../../src/machine/acpi/build-tables.js';
import { fixturePath } from '../helpers/paths.js';
import { decodeLoader, normalise, walkTables } from './loader-decode.js';
import { MEMORY_CONFIGS, memoryConfigInput } from './nvdimm-configs.js';

const cap = (config: string, file: string) => new Uint8Array(readFileSync(fixturePath('qemu-7.2', 'qtest-captures', config, file)));

for (const config of MEMORY_CONFIGS) {
  const ours = buildAcpiTables(memoryConfigInput(config));
  const qemuTables = cap(config, 'etc__acpi__tables');

  test(`${config}: same tables in the same order (SRAT, NVDIMM SSDT, NFIT where QEMU has them)`, (t) => {
    t.deepEqual(walkTables(ours.tables).map((x) => `${x.signature}/${x.oemTableId}`),
      walkTables(qemuTables).map((x) => `${x.signature}/${x.oemTableId}`));
  });

  test(`${config}: every table byte-identical to QEMU's, DSDT memory hot-plug AML included`, (t) => {
    const theirs = walkTables(qemuTables);
    const mine = walkTables(ours.tables);
    for (const [i, q] of theirs.entries()) {
      const m = mine[i]!;
      t.true(Buffer.from(ours.tables.subarray(m.offset, m.offset + m.length)).equals(qemuTables.subarray(q.offset, q.offset + q.length)),
        `${q.signature}/${q.oemTableId}`);
    }
    t.true(Buffer.from(ours.rsdp).equals(cap(config, 'etc__acpi__rsdp')));
  });

  test(`${config}: etc/table-loader equals QEMU's command for command`, (t) => {
    const qemuLoader = cap(config, 'etc__table-loader');
    t.deepEqual(decodeLoader(ours.tableLoader).map((e) => normalise(e, walkTables(ours.tables))),
      decodeLoader(qemuLoader).map((e) => normalise(e, walkTables(qemuTables))));
  });

  if (config !== 'pc-memhp') {
    test(`${config}: etc/acpi/nvdimm-mem is served as QEMU serves it (4 KiB of zeros)`, (t) => {
      t.deepEqual(ours.extraFiles.get('etc/acpi/nvdimm-mem'), cap(config, 'etc__acpi__nvdimm-mem'));
    });
  }
}
