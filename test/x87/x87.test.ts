import test from 'ava';
import { X87, X87InvalidOpcode, type FpuMemory } from '../../src/machine/cpu/x86/fpu/x87.js';
import { operandMemory } from './vector-runner.js';

const BASE = 0x1000;
const mem = (bytes = new Uint8Array(128)): { bytes: Uint8Array; m: FpuMemory } => ({ bytes, m: operandMemory(bytes) });
const word = (b: Uint8Array, o: number): number => b[o]! | (b[o + 1]! << 8);
const dword = (b: Uint8Array, o: number): number => (word(b, o) | (word(b, o + 2) << 16)) >>> 0;

function withDouble(v: number): { bytes: Uint8Array; m: FpuMemory } {
  const r = mem();
  new DataView(r.bytes.buffer).setFloat64(0, v, true);
  return r;
}

// SDM vol. 2 Appendix A.4 (escape opcode maps, Tables ): the encodings left blank there.
const UNDEFINED: [number, number][] = [
  [0xd9, 0xd1], [0xd9, 0xd7], [0xd9, 0xe2], [0xd9, 0xe3], [0xd9, 0xe6], [0xd9, 0xe7], [0xd9, 0xef],
  [0xda, 0xe0], [0xda, 0xe8], [0xda, 0xea], [0xda, 0xf0], [0xda, 0xff],
  [0xdb, 0xe5], [0xdb, 0xe6], [0xdb, 0xe7], [0xdb, 0xf8], [0xdb, 0xff],
  [0xdd, 0xf0], [0xdd, 0xff], [0xde, 0xd8], [0xde, 0xda], [0xdf, 0xe1], [0xdf, 0xf8], [0xdf, 0xff],
];
const UNDEFINED_MEM: [number, number][] = [[0xd9, 1], [0xdb, 4], [0xdb, 6], [0xdd, 5]];

test('undefined x87 encodings throw X87InvalidOpcode (the core raises #UD) and change nothing', (t) => {
  const fpu = new X87();
  const { m } = mem();
  for (const [op, modrm] of UNDEFINED) {
    t.throws(() => fpu.execute(op, modrm, -1, m, true, true), { instanceOf: X87InvalidOpcode }, `${op.toString(16)} ${modrm.toString(16)}`);
  }
  for (const [op, reg] of UNDEFINED_MEM) {
    t.throws(() => fpu.execute(op, reg << 3, BASE, m, true, true), { instanceOf: X87InvalidOpcode }, `${op.toString(16)} /${reg}`);
  }
  t.is(fpu.statusWord, 0);
});

test('DF E0 (FNSTSW AX) belongs to the core: reaching the x87 is an internal error, not #UD', (t) => {
  const err = t.throws(() => new X87().execute(0xdf, 0xe0, -1, mem().m, true, true));
  t.false(err instanceof X87InvalidOpcode);
});

test('FNINIT state: FCW 037F, FSW 0, all tags empty (SDM vol. 1 Table 8-4)', (t) => {
  const fpu = new X87();
  const { bytes, m } = mem();
  fpu.execute(0xd9, 0x38, BASE, m, true, true); // FNSTCW
  t.is(word(bytes, 0), 0x037f);
  fpu.execute(0xd9, 0x30, BASE, m, true, true); // FNSTENV (32-bit protected)
  t.is(word(bytes, 4), 0);
  t.is(word(bytes, 8), 0xffff);
});

test('real-mode FNSTENV images carry the 20-bit linear FIP/FDP and the opcode (SDM vol. 1 Figures 8-10, 8-12)', (t) => {
  const fpu = new X87();
  fpu.setLastInstruction(0x1234, 0x5678, 0x9abc, 0xdef0, 0x1e8);
  const r16 = mem();
  fpu.execute(0xd9, 0x30, BASE, r16.m, false, false);
  // FIP = 0x12340 + 0x5678 = 0x179B8; FDP = 0x9ABC0 + 0xDEF0 = 0xA8AB0.
  t.deepEqual([6, 8, 10, 12].map((o) => word(r16.bytes, o)), [0x79b8, 0x11e8, 0x8ab0, 0xa000]);
  const fpu2 = new X87();
  fpu2.setLastInstruction(0x1234, 0x5678, 0x9abc, 0xdef0, 0x1e8);
  const r32 = mem();
  fpu2.execute(0xd9, 0x30, BASE, r32.m, true, false);
  t.is(dword(r32.bytes, 12) & 0xffff, 0x79b8);
  t.is(dword(r32.bytes, 16), (0x0001 << 12 | 0x1e8) >>> 0);
  t.is(dword(r32.bytes, 20) & 0xffff, 0x8ab0);
  t.is((dword(r32.bytes, 24) >>> 12) & 0xffff, 0x000a);
  // FLDENV of the real-mode image and a second FNSTENV give the same image.
  const back = new X87();
  back.execute(0xd9, 0x20, BASE, r16.m, false, false);
  const again = mem();
  back.execute(0xd9, 0x30, BASE, again.m, false, false);
  t.deepEqual([...again.bytes.slice(0, 14)], [...r16.bytes.slice(0, 14)]);
});

test('16-bit protected-mode FNSTENV: FIP, FCS, FDP, FDS words (SDM vol. 1 Figure 8-11)', (t) => {
  const fpu = new X87();
  fpu.setLastInstruction(0x0008, 0x1234, 0x0010, 0x5678, 0x1e8);
  const { bytes, m } = mem();
  fpu.execute(0xd9, 0x30, BASE, m, false, true);
  t.deepEqual([6, 8, 10, 12].map((o) => word(bytes, o)), [0x1234, 0x0008, 0x5678, 0x0010]);
  t.is(word(bytes, 0), 0x037f);
});

test('FNSTENV masks all exceptions after storing (SDM vol. 2 FSTENV)', (t) => {
  const fpu = new X87();
  const { bytes, m } = mem();
  bytes[0] = 0x40; bytes[1] = 0x03; // FCW 0x0340: everything unmasked
  fpu.execute(0xd9, 0x28, BASE, m, true, true); // FLDCW
  fpu.execute(0xd9, 0x30, BASE + 16, m, true, true); // FNSTENV
  t.is(word(bytes, 16), 0x0340);
  fpu.execute(0xd9, 0x38, BASE, m, true, true);
  t.is(word(bytes, 0), 0x037f);
});

test('an unmasked zero divide sets ES/B (errorPending) and leaves ST(0); FNCLEX clears it', (t) => {
  const fpu = new X87();
  const cw = mem();
  cw.bytes[0] = 0x7b; cw.bytes[1] = 0x03; // ZE unmasked
  fpu.execute(0xd9, 0x28, BASE, cw.m, true, true);
  fpu.execute(0xd9, 0xe8, -1, cw.m, true, true); // FLD1
  fpu.execute(0xdc, 0x30, BASE, withDouble(0).m, true, true); // FDIV m64 0.0
  t.true(fpu.errorPending);
  t.is(fpu.statusWord & 0x8084, 0x8084);
  const out = withDouble(0);
  fpu.execute(0xdd, 0x10, BASE, out.m, true, true); // FST m64 (no #MF here: the core checks before waiting instructions)
  t.is(new DataView(out.bytes.buffer).getFloat64(0, true), 1);
  fpu.execute(0xdb, 0xe2, -1, out.m, true, true); // FNCLEX
  t.false(fpu.errorPending);
  t.is(fpu.statusWord & 0x80ff, 0);
});

test('FCOMI/FUCOMI hand ZF/PF/CF to the core through takeEflags (SDM vol. 2 FCOMI Table 3-31)', (t) => {
  const fpu = new X87();
  fpu.execute(0xdd, 0x00, BASE, withDouble(2).m, true, true); // FLD m64 2 → ST1 after next
  fpu.execute(0xdd, 0x00, BASE, withDouble(1).m, true, true); // ST0 = 1
  fpu.execute(0xdb, 0xf1, -1, mem().m, true, true); // FCOMI ST(1): 1 < 2 → CF
  t.is(fpu.takeEflags(), 0x001);
  t.is(fpu.takeEflags(), -1);
  fpu.execute(0xd9, 0xc9, -1, mem().m, true, true); // FXCH
  fpu.execute(0xdf, 0xe9, -1, mem().m, true, true); // FUCOMIP ST(1): 2 > 1
  t.is(fpu.takeEflags(), 0);
  fpu.execute(0xd9, 0xee, -1, mem().m, true, true); // FLDZ
  fpu.execute(0xd9, 0xee, -1, mem().m, true, true); // FLDZ
  fpu.execute(0xdb, 0xe9, -1, mem().m, true, true); // FUCOMI equal → ZF
  t.is(fpu.takeEflags(), 0x040);
  fpu.execute(0xd9, 0xe8, -1, mem().m, true, true); // FLD1 (no EFLAGS)
  t.is(fpu.takeEflags(), -1);
});

test('a faulting operand read leaves the FPU as it was (the core restarts the instruction)', (t) => {
  const fpu = new X87();
  fpu.execute(0xd9, 0xeb, -1, mem().m, true, true); // FLDPI
  const before = fpu.saveState();
  const fault = new Error('#PF');
  const faulting: FpuMemory = { ...mem().m, read32: () => { throw fault; }, read16: () => { throw fault; }, write32: () => { throw fault; }, write16: () => { throw fault; } };
  for (const [op, modrm] of [[0xdd, 0x00], [0xdc, 0x00], [0xdb, 0x28], [0xdd, 0x20], [0xd9, 0x20], [0xdd, 0x18], [0xdf, 0x38], [0xd9, 0x28]] as const) {
    t.throws(() => fpu.execute(op, modrm, BASE, faulting, true, true), { is: fault });
    t.deepEqual([...fpu.saveState()], [...before], `${op.toString(16)} ${modrm.toString(16)}`);
  }
});

test('saveState/loadState round-trip every register bit, tag, pointer and control field', (t) => {
  const fpu = new X87();
  const { bytes, m } = mem();
  for (let i = 0; i < 10; i++) bytes[i] = 0x11 * (i + 1);
  bytes[9] = 0x7f; // an odd 80-bit value (NaN payload)
  fpu.execute(0xdb, 0x28, BASE, m, true, true); // FLD m80
  fpu.execute(0xd9, 0xeb, -1, m, true, true); // FLDPI
  fpu.setLastInstruction(0x23, 0x401000, 0x2b, 0x8000, 0x1eb);
  const copy = new X87();
  copy.loadState(fpu.saveState());
  const a = mem();
  const b = mem();
  fpu.execute(0xdd, 0x30, BASE, a.m, true, true);
  copy.execute(0xdd, 0x30, BASE, b.m, true, true);
  t.deepEqual([...b.bytes], [...a.bytes]);
  t.throws(() => copy.loadState(new Uint8Array(3)));
});
