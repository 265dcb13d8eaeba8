import test from 'ava';
import { readFileSync } from 'node:fs';
import { fixturePath } from '../helpers/paths.js';
import { AmlError, AmlInterpreter, AmlInterpreterBug, Kind } from '../../src/guest/aml/index.js';
import { normalisePath, parseAcpiexecNamespace } from '../aml-namespace/namespace-dump.js';
import { OPS } from '../../src/guest/aml/opcodes.js';
import { AML } from '../../src/spec/aml.js';

// test/fixtures/aml/control.asl compiled with iasl 20200925.
const control = () => new Uint8Array(readFileSync(fixturePath('aml', 'control.aml')));

/** A DSDT (revision 2) around `body`, with a valid checksum (ACPI 6.5 §5.2.6). */
function dsdt(body: readonly number[]): Uint8Array {
  const t = new Uint8Array(36 + body.length);
  t.set([...'DSDT'].map((c) => c.charCodeAt(0)), 0);
  new DataView(t.buffer).setUint32(4, t.length, true);
  t[8] = 2;
  t.set([...'FWLAB TRUNCATE'].map((c) => c.charCodeAt(0)), 10);
  t.set(body, 36);
  t[9] = (256 - (t.reduce((a, b) => a + b, 0) & 0xff)) & 0xff;
  return t;
}

test('a TypeError planted in an op handler is reported as an interpreter bug with the AML path and offset', (t) => {
  const it = new AmlInterpreter({}, { maxLoopIterations: 10 });
  it.loadTable(control());
  const recovered = it.loadErrors.length;
  const divide = OPS[AML.DivideOp]!;
  OPS[AML.DivideOp] = { ...divide, run: () => { throw new TypeError('planted: x is undefined'); } };
  try {
    const e = t.throws(() => it.evaluate('\\DIV0'))!;
    t.false(e instanceof AmlError, 'not laundered into an AML error');
    t.true(e instanceof AmlInterpreterBug);
    const bug = e as AmlInterpreterBug;
    t.is(bug.path, '\\DIV0');
    t.is(bug.table, 'DSDT');
    t.is(control()[bug.offset], AML.DivideOp, 'offset points at the Divide opcode');
    t.true(bug.cause instanceof TypeError);
    t.regex(bug.message, /interpreter bug in \\DIV0 at DSDT\+0x[0-9a-f]+: TypeError: planted/);
    t.is(it.callDepth, 0, 'the frames of the failed run are gone');
    t.is(it.loadErrors.length, recovered, 'not recorded as a recovered AML error');
  } finally {
    OPS[AML.DivideOp] = divide;
  }
  t.is(t.throws(() => it.evaluate('\\DIV0'), { instanceOf: AmlError })!.code, 'AML_DIVIDE_BY_ZERO', 'the engine still works');
});

test('an interpreter bug during a table load is not recovered from like bad AML', (t) => {
  const it = new AmlInterpreter();
  const name = OPS[AML.NameOp]!;
  OPS[AML.NameOp] = { ...name, run: () => { throw new RangeError('planted'); } };
  try {
    t.throws(() => it.loadTable(control()), { instanceOf: AmlInterpreterBug });
  } finally {
    OPS[AML.NameOp] = name;
  }
});

// Method (MAIN) { Return (0x12345678) }: 14 0C 'MAIN' 00 A4 0C 78 56 34 12 (iasl -oa encoding).
const MAIN = [0x14, 0x0c, 0x4d, 0x41, 0x49, 0x4e, 0x00, 0xa4, 0x0c, 0x78, 0x56, 0x34, 0x12];

test('truncated AML: a DWordData running past the end of its method is a typed error at that offset', (t) => {
  const whole = new AmlInterpreter();
  whole.loadTable(dsdt(MAIN));
  t.is(whole.evaluate('\\MAIN'), 0x12345678n);

  const cut = MAIN.slice();
  cut[1] = 0x0a; // the method now ends two bytes into the DWordData
  const it = new AmlInterpreter();
  it.loadTable(dsdt(cut));
  const e = t.throws(() => it.evaluate('\\MAIN'), { instanceOf: AmlError })!;
  t.is(e.code, 'AML_BAD_OPCODE');
  t.is(e.offset, 36 + 9, 'the first byte of the DWordData');
  t.is(e.path, '\\MAIN');
});

test('truncated AML: a NameString cut by the end of the table fails the load at that offset', (t) => {
  // Name (ABCD, One) with the NameSeg cut after two characters: 08 'A' 'B'
  const it = new AmlInterpreter();
  it.loadTable(dsdt([0x08, 0x41, 0x42]));
  t.is(it.loadErrors.length, 1);
  t.is(it.loadErrors[0]!.code, 'AML_BAD_OPCODE');
  t.is(it.loadErrors[0]!.offset, 37);
});

// Name (CNT, Zero)
const CNT = [0x08, 0x43, 0x4e, 0x54, 0x5f, 0x00];
// Method (SLP) { While (One) { Sleep (1000)  Increment (CNT) } }
const SLP = [0x14, 0x13, 0x53, 0x4c, 0x50, 0x5f, 0x00, 0xa2, 0x0c, 0x01, 0x5b, 0x22, 0x0b, 0xe8, 0x03, 0x75, 0x43, 0x4e, 0x54, 0x5f];
// Method (SPIN) { While (One) { Increment (CNT) } }
const SPIN = [0x14, 0x0e, 0x53, 0x50, 0x49, 0x4e, 0x00, 0xa2, 0x07, 0x01, 0x75, 0x43, 0x4e, 0x54, 0x5f];

test('loop timeout: 30 s by default, as ACPICA (ACPI_MAX_LOOP_TIMEOUT) and uACPI; Sleep inside the loop counts', (t) => {
  const it = new AmlInterpreter();
  it.loadTable(dsdt([...CNT, ...SLP]));
  t.is(t.throws(() => it.evaluate('\\SLP_'), { instanceOf: AmlError })!.code, 'AML_LOOP_TIMEOUT');
  t.is(it.evaluate('\\CNT_'), 30n, 'thirty Sleep (1000) iterations, then the 30 s timeout');
});

test('loop timeout: a loop that never sleeps is charged loopIterationNs of virtual time per iteration', (t) => {
  const it = new AmlInterpreter({}, { loopTimeoutSeconds: 2, loopIterationNs: 1_000_000 });
  it.loadTable(dsdt([...CNT, ...SPIN]));
  t.is(t.throws(() => it.evaluate('\\SPIN'), { instanceOf: AmlError })!.code, 'AML_LOOP_TIMEOUT');
  t.is(it.evaluate('\\CNT_'), 2001n, '2 s at 1 ms an iteration: the 2001st iteration passes the limit');
  const quick = new AmlInterpreter({}, { loopTimeoutSeconds: 1 });
  quick.loadTable(dsdt([...CNT, ...SPIN]));
  t.throws(() => quick.evaluate('\\SPIN'), { instanceOf: AmlError });
  t.true((quick.evaluate('\\CNT_') as bigint) < 4_000_000n / 30n, 'far below the old fixed budget of 4,000,000 iterations');
});

test('regions whose address/length fail at load: the namespace acpiexec shows (regionfail.acpiexec.txt)', (t) => {
  const it = new AmlInterpreter();
  it.loadTable(new Uint8Array(readFileSync(fixturePath('aml', 'regionfail.aml'))));
  const recorded = parseAcpiexecNamespace(readFileSync(fixturePath('aml', 'regionfail.acpiexec.txt'), 'utf8'));
  const mine = it.namespace().map((n) => ({ path: normalisePath(n.path), type: n.type }));
  t.deepEqual(mine.filter((n) => n.path.startsWith('\\DEV0')), recorded.filter((n) => n.path.startsWith('\\DEV0')));
  const r1 = it.node('\\DEV0.R1')!.object;
  t.true(r1 !== undefined && typeof r1 !== 'bigint' && r1.kind === Kind.OperationRegion && !r1.evaluated, 'R1 kept, not evaluated');
  t.is(t.throws(() => it.evaluate('\\DEV0.F1'), { instanceOf: AmlError })!.code, 'AML_REGION_LIMIT');
  t.is(t.throws(() => it.evaluate('\\DEV0.F0'), { instanceOf: AmlError })!.code, 'NOT_EXIST', 'F0 exists, its region does not');
  // acpiexec reports AE_NOT_FOUND for UNKN twice and for the regions R0 and R2 of the two Fields,
  // and AE_AML_PACKAGE_LIMIT for R1's Index.
  const codes = it.loadErrors.map((e) => e.code);
  t.is(codes.filter((c) => c === 'NOT_FOUND').length, 4);
  t.true(codes.includes('AML_PACKAGE_LIMIT'));
});
