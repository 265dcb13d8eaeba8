import test from 'ava';
import { readFileSync } from 'node:fs';
import { AmlInterpreter, toJson } from '../../src/guest/aml/index.js';
import { buildAcpiTables } from '../../src/machine/acpi/build-tables.js';
import { fixturePath } from '../helpers/paths.js';
import { CONFIGS, fixtureInput } from './fixture-configs.js';
import { walkTables } from './loader-decode.js';
import { MEMORY_CONFIGS, memoryConfigInput } from './nvdimm-configs.js';

/**
 * DSDT/SSDTs checked by meaning with fwlab's own AML interpreter (src/guest/aml): every named
 * object QEMU's tables have, with the same type, and the same value for every name and every
 * argument-less method (VGIA/MEMA are linker-patched addresses: 0 in both as served).
 */
function definitionBlocks(blob: Uint8Array): Uint8Array[] {
  return walkTables(blob).filter((t) => t.signature === 'DSDT' || t.signature === 'SSDT')
    .map((t) => blob.subarray(t.offset, t.offset + t.length));
}

interface Snapshot {
  readonly types: Map<string, string>;
  readonly values: Map<string, string>;
}

function snapshot(blob: Uint8Array): Snapshot {
  const aml = new AmlInterpreter({}, { maxLoopIterations: 5000 });
  for (const b of definitionBlocks(blob)) aml.loadTable(b);
  const types = new Map<string, string>();
  const values = new Map<string, string>();
  for (const e of aml.namespace()) {
    types.set(e.path, e.type);
    const node = aml.node(e.path);
    const takesNoArgs = e.type === 'Method' && (node?.object as { argCount?: number } | undefined)?.argCount === 0;
    if (e.type !== 'Method' || takesNoArgs) {
      if (['Device', 'Processor', 'Region', 'Mutex', 'Scope'].includes(e.type)) continue;
      try {
        values.set(e.path, JSON.stringify(toJson(aml.evaluate(e.path)), (_k, v) => (typeof v === 'bigint' ? v.toString(16) : v)));
      } catch (err) {
        values.set(e.path, `error: ${(err as Error).name}`);
      }
    }
  }
  return { types, values };
}

function compare(t: import('ava').ExecutionContext, ours: Snapshot, theirs: Snapshot): void {
  const missing = [...theirs.types.keys()].filter((p) => !ours.types.has(p));
  const extra = [...ours.types.keys()].filter((p) => !theirs.types.has(p));
  t.deepEqual(missing, [], 'named objects QEMU has and fwlab lacks');
  t.deepEqual(extra, [], 'named objects fwlab adds');
  const typeDiffs = [...theirs.types].filter(([p, ty]) => ours.types.get(p) !== ty);
  t.deepEqual(typeDiffs, [], 'types');
  const valueDiffs = [...theirs.values].filter(([p, v]) => ours.values.get(p) !== v).map(([p, v]) => `${p}: ${ours.values.get(p)} vs ${v}`);
  t.deepEqual(valueDiffs, [], 'values');
  const methods = [...theirs.values.keys()].filter((p) => theirs.types.get(p) === 'Method').length;
  t.log(`${theirs.types.size} named objects, ${theirs.values.size} values (${methods} argument-less methods evaluated)`);
  t.true(theirs.types.size > 50 && methods > 10);
}

for (const config of CONFIGS) {
  test(`${config}: DSDT/SSDT named objects, types and values equal QEMU's (AML interpreter)`, (t) => {
    const qemu = new Uint8Array(readFileSync(fixturePath('qemu-7.2', config, 'seabios', 'fwcfg-post', 'etc__acpi__tables')));
    compare(t, snapshot(buildAcpiTables(fixtureInput(config)).tables), snapshot(qemu));
  });
}

for (const config of MEMORY_CONFIGS) {
  test(`${config}: DSDT/SSDT named objects, types and values equal QEMU's (AML interpreter)`, (t) => {
    const qemu = new Uint8Array(readFileSync(fixturePath('qemu-7.2', 'qtest-captures', config, 'etc__acpi__tables')));
    compare(t, snapshot(buildAcpiTables(memoryConfigInput(config)).tables), snapshot(qemu));
  });
}
