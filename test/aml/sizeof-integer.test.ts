import test from 'ava';
import { AmlInterpreter } from '../../src/guest/aml/index.js';

// DefinitionBlock ("", "DSDT", REV, "TEST", "SIZEOF", 1)
// { Method (MAIN) { Local0 = 0x1234  Return (SizeOf (Local0)) } }   (iasl -of 20200925)
// acpiexec 20200925 evaluates \MAIN to 8 for revision 2 and to 4 for revision 1.
function table(revision: number): Uint8Array {
  const body = [0x14, 0x0e, 0x4d, 0x41, 0x49, 0x4e, 0x00, 0x70, 0x0b, 0x34, 0x12, 0x60, 0xa4, 0x87, 0x60];
  const t = new Uint8Array(36 + body.length);
  t.set([0x44, 0x53, 0x44, 0x54]);
  new DataView(t.buffer).setUint32(4, t.length, true);
  t[8] = revision;
  t.set([...'TEST  '].map((c) => c.charCodeAt(0)), 10);
  t.set([...'SIZEOF  '].map((c) => c.charCodeAt(0)), 16);
  t.set(body, 36);
  let sum = 0;
  for (const b of t) sum = (sum + b) & 0xff;
  t[9] = (0x100 - sum) & 0xff;
  return t;
}

for (const [revision, expected] of [[2, 8n], [1, 4n]] as const) {
  test(`SizeOf on an Integer answers the integer width as ACPICA does (DSDT revision ${revision})`, (t) => {
    const aml = new AmlInterpreter();
    aml.loadTable(table(revision));
    t.deepEqual(aml.evaluate('\\MAIN'), expected);
  });
}
