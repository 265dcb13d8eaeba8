import test from 'ava';
import { disassembleAml } from '../../src/tools/acpi/aml/aml-disasm.js';
import { AmlDecodeError, readNameString, readPkgLength } from '../../src/lib/aml-decode.js';

const bytes = (hex: string) => Uint8Array.from(hex.match(/../g)!.map((b) => parseInt(b, 16)));

// iasl 20200925 compiled, after the 36-byte header:
//   OperationRegion (R6, PciBarTarget, 0, 4)  OperationRegion (R8, GeneralPurposeIo, 0, 4)
//   OperationRegion (R11, PlatformRtMechanism, 0, 4)  OperationRegion (R7, FFixedHW, 0, 4)
// `iasl -d` prints the spaces as PCIBARTarget, GeneralPurposeIo, PlatformRtMechanism, FFixedHW.
const REGIONS = '5b8052365f5f06000a045b8052385f5f08000a045b805231315f0b000a045b8052375f5f7f000a04';

test('the disassembler names region spaces as iasl -d does (one table in src/spec/aml.ts)', (t) => {
  const d = disassembleAml(bytes(REGIONS));
  t.deepEqual(d.errors, []);
  t.deepEqual(d.lines.map((l) => /OperationRegion \(\w+, (\w+)/.exec(l)?.[1]), ['PCIBARTarget', 'GeneralPurposeIo', 'PlatformRtMechanism', 'FFixedHW']);
});

test('Fatal decodes its FatalCode as DWordData (ACPI 6.5 §20.2.5.3), not a word', (t) => {
  // Fatal (0x01, 0x12345678, 0x02): 5B 32 01 78 56 34 12 0A 02
  const d = disassembleAml(bytes('5b3201785634120a02'));
  t.deepEqual(d.errors, []);
  t.is(d.lines[0]?.trim(), 'Fatal (0x01, 0x12345678, 0x02)');
});

test('truncated AML: the shared decoder stops at the end of the enclosing package with the offset', (t) => {
  // Scope (\_SB) whose PkgLength claims 0x20 bytes in a 6-byte table
  const code = bytes('10205c5f5342');
  const e = t.throws(() => readPkgLength({ code, pc: 1, limit: code.length }), { instanceOf: AmlDecodeError })!;
  t.is(e.offset, 1);
  const n = t.throws(() => readNameString({ code, pc: 2, limit: 5 }), { instanceOf: AmlDecodeError })!;
  t.is(n.offset, 3, 'the NameSeg that does not fit');
  const d = disassembleAml(code);
  t.is(d.errors.length, 1);
});
