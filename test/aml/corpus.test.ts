import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AmlInterpreter } from '../../src/guest/aml/index.js';
import { findReference, whenPresent } from '../helpers/reference.js';

interface DumpEntry {
  readonly machine: string;
  readonly tables: readonly string[];
}


if (whenPresent(['shared-corpus'], 'corpus: every machine of ../shared/corpus loads and initializes')) {
  const corpus = findReference('shared-corpus')!;
  test('corpus: every machine loads and initializes without an uncaught exception', (t) => {
    const list = JSON.parse(readFileSync(join(corpus, 'acpi-dumps.json'), 'utf8')) as DumpEntry[];
    let tables = 0;
    let nodes = 0;
    let recovered = 0;
    let bytes = 0;
    const started = performance.now();
    for (const m of list) {
      // The loop budget keeps firmware that polls hardware (SMI handshakes) bounded and deterministic.
      const aml = new AmlInterpreter({}, { maxLoopIterations: 100_000 });
      for (const name of m.tables) {
        const data = new Uint8Array(readFileSync(join(corpus, 'acpi-dumps', m.machine, name)));
        bytes += data.length;
        t.notThrows(() => aml.loadTable(data), `${m.machine}/${name}`);
        tables++;
      }
      t.notThrows(() => aml.initialize(), `${m.machine}: _REG/_STA/_INI`);
      nodes += aml.namespace().length;
      recovered += aml.loadErrors.length;
    }
    const ms = performance.now() - started;
    t.log(`corpus: ${list.length} machines, ${tables} tables (${(bytes / 1e6).toFixed(1)} MB), ${nodes} nodes, ${recovered} recovered AML errors, ${ms.toFixed(0)} ms`);
    t.is(list.length, 60);
  });
}
