// Findings of `npm run fuzz -- --target aml`, minimised by fast-check and rewritten as the few AML
// bytes that matter. Each was an interpreter bug (a TypeError/RangeError out of an op handler); bad
// AML must end as the typed AmlError ACPICA would give, never as AmlInterpreterBug.
import test from 'ava';
import { AmlError, AmlInterpreter } from '../../src/guest/aml/index.js';
import { definitionBlock, method, seg } from './aml-bytes.js';

function outcome(body: readonly number[]): string {
  const aml = new AmlInterpreter();
  aml.loadTable(definitionBlock(body));
  const load = aml.loadErrors.map((e) => e.code);
  if (load.length) return `load: ${load.join(',')}`;
  try {
    aml.evaluate('\\MAIN');
    return 'ok';
  } catch (e) {
    if (e instanceof AmlError) return `eval: ${e.code}`;
    throw e;
  }
}

const CASES: ReadonlyArray<{ title: string; body: number[]; expect: string }> = [
  {
    // seed q35/pc-bridge DSDT, 2 bytes deleted: Name's data became a Type 1 opcode (its own Name).
    title: 'Name (NAM1, Name (NAM2, One)): a Type 1 opcode as an operand has no value',
    body: [0x08, ...seg('NAM1'), 0x08, ...seg('NAM2'), 0x01],
    expect: 'load: AML_NO_RETURN_VALUE',
  },
  {
    // seed aml-suite 112 with a splice: Buffer (DerefOf (\_PR)) looped converting a reference to itself.
    title: 'Add (DerefOf (\\_PR_), One): a scope has no value to convert',
    body: method('MAIN', [0xa4, 0x72, 0x83, 0x5c, ...seg('_PR_'), 0x01, 0x00]),
    expect: 'eval: AML_OPERAND_TYPE',
  },
  {
    // a corpus SSDT with a splice: Increment's SuperName was a NullName (0x00).
    title: 'Increment (Zero): NullName is not a SuperName',
    body: method('MAIN', [0x75, 0x00]),
    expect: 'eval: AML_OPERAND_TYPE',
  },
  {
    title: 'Local0 = RefOf (Local0); Local0 + 1: a circular reference chain',
    body: method('MAIN', [0x70, 0x71, 0x60, 0x60, 0xa4, 0x72, 0x60, 0x01, 0x00]),
    expect: 'eval: AML_CIRCULAR_REFERENCE',
  },
  {
    // a corpus SSDT with inserted bytes: Buffer's size operand became a 64-bit value (RangeError in the host).
    title: 'Buffer (Ones) {}: more than the heap gives is AE_NO_MEMORY',
    body: method('MAIN', [0xa4, 0x11, 0x02, 0xff]),
    expect: 'eval: NO_MEMORY',
  },
  {
    title: 'VarPackage (Ones) {}: more elements than the heap gives is AE_NO_MEMORY',
    body: method('MAIN', [0xa4, 0x13, 0x02, 0xff]),
    expect: 'eval: NO_MEMORY',
  },
];

for (const c of CASES) {
  test(`fuzz regression: ${c.title}`, (t) => {
    t.is(outcome(c.body), c.expect);
  });
}

test('fuzz regression: While (One) { While (One) {} } at load: the inner loop\'s time counts against the outer one', (t) => {
  // seed q35-rootports DSDT with a splice: nested module-level loops multiplied their budgets (a hang).
  const aml = new AmlInterpreter({}, { loopTimeoutSeconds: 0.02 });
  aml.loadTable(definitionBlock([0xa2, 0x05, 0x01, 0xa2, 0x02, 0x01]));
  t.deepEqual(aml.loadErrors.map((e) => e.code), ['AML_LOOP_TIMEOUT', 'AML_LOOP_TIMEOUT']);
});
