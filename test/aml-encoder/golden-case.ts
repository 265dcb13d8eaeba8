import test from 'ava';
import { encode } from '../../src/machine/acpi/aml/index.js';
import type { AmlArg } from '../../src/machine/acpi/aml/index.js';

/**
 * Golden AML: each case's ASL (in the comment beside it) was compiled once with iasl 20200925
 * (Debian acpica-tools 20200925-8) inside `DefinitionBlock ("", "SSDT", 2, ...)`; `expected`
 * is the AML after the 36-byte header (minus any supporting declarations compiled before
 * it). The tests themselves do not need iasl.
 */
export interface GoldenCase {
  readonly id: string;
  readonly aml: () => AmlArg[];
  readonly expected: string;
}

/** One test per case: the encoder's bytes equal iasl's. */
export function goldenTests(cases: readonly GoldenCase[]): void {
  for (const c of cases) {
    test(`AML golden: ${c.id}`, (t) => {
      t.is(Buffer.from(encode(...c.aml())).toString('hex'), c.expected);
    });
  }
}
