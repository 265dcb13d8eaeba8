import test from 'ava';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAcpiTables } from '../../src/machine/acpi/build-tables.js';
import { CONFIGS, fixtureInput } from './fixture-configs.js';
import { walkTables } from './loader-decode.js';
import { whenPresent } from '../helpers/reference.js';


if (whenPresent(['iasl'], 'iasl -d disassembles every fwlab table without errors')) {
  for (const config of CONFIGS) {
    test(`${config}: iasl -d disassembles every table without errors`, (t) => {
      const r = buildAcpiTables(fixtureInput(config));
      const dir = mkdtempSync(join(tmpdir(), 'fwlab-iasl-'));
      try {
        const tables = walkTables(r.tables);
        for (const [i, tb] of tables.entries()) {
          const file = join(dir, `${i}-${tb.signature.toLowerCase()}.dat`);
          writeFileSync(file, r.tables.subarray(tb.offset, tb.offset + tb.length));
          const run = spawnSync('iasl', ['-d', file], { encoding: 'utf8', cwd: dir });
          const out = `${run.stdout}\n${run.stderr}`;
          t.is(run.status, 0, `${tb.signature}: ${out}`);
          t.notRegex(out, /\bError\b/i, tb.signature);
          const dsl = readFileSync(file.replace(/\.dat$/, '.dsl'), 'utf8');
          t.regex(dsl, new RegExp(`(Signature\\s*:?\\s*"${tb.signature}"|DefinitionBlock \\("", "${tb.signature}")`), tb.signature);
        }
        // Not the RSDP: iasl 20200925 refuses a bare 20-byte RSDP ("does not contain a valid
        // ACPI table"), QEMU's own acpi-installed/rsdp.dat included; the fixture tests compare it.
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
}
