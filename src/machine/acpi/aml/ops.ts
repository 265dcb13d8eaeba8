import { AML, AML_EXT } from './opcodes.js';
import { NoTarget, extOp, op, pkgOp, raw, toAml, nameRef, nameString, int } from './term.js';
import type { Aml, AmlArg } from './term.js';

/** Statements and expressions (ACPI 6.5 §19.6, §20.2.5.3–4). Targets default to none. */

const target = (t: AmlArg | undefined): Aml => (t === undefined ? NoTarget : toAml(t));

export function store(value: AmlArg, dest: AmlArg): Aml { return op(AML.StoreOp, value, dest); }
export function ret(value?: AmlArg): Aml { return value === undefined ? op(AML.ReturnOp, int(0)) : op(AML.ReturnOp, value); }
export function notify(obj: AmlArg, value: AmlArg): Aml { return op(AML.NotifyOp, obj, value); }
export function increment(v: AmlArg): Aml { return op(AML.IncrementOp, v); }
export function decrement(v: AmlArg): Aml { return op(AML.DecrementOp, v); }
export function derefOf(v: AmlArg): Aml { return op(AML.DerefOfOp, v); }
export function refOf(v: AmlArg): Aml { return op(AML.RefOfOp, v); }
export function sizeOf(v: AmlArg): Aml { return op(AML.SizeOfOp, v); }
export function index(obj: AmlArg, idx: AmlArg, t?: AmlArg): Aml { return op(AML.IndexOp, obj, idx, target(t)); }
export function toBuffer(v: AmlArg, t?: AmlArg): Aml { return op(AML.ToBufferOp, v, target(t)); }
export function toHexString(v: AmlArg, t?: AmlArg): Aml { return op(AML.ToHexStringOp, v, target(t)); }
export function toInteger(v: AmlArg, t?: AmlArg): Aml { return op(AML.ToIntegerOp, v, target(t)); }
export function concat(a: AmlArg, b: AmlArg, t?: AmlArg): Aml { return op(AML.ConcatOp, a, b, target(t)); }
export function objectType(v: AmlArg): Aml { return op(AML.ObjectTypeOp, v); }
export function condRefOf(v: AmlArg, t?: AmlArg): Aml { return extOp(AML_EXT.CondRefOfOp, v, target(t)); }

const binary = (code: number) => (a: AmlArg, b: AmlArg, t?: AmlArg): Aml => op(code, a, b, target(t));
export const add = binary(AML.AddOp);
export const subtract = binary(AML.SubtractOp);
export const multiply = binary(AML.MultiplyOp);
export const shiftLeft = binary(AML.ShiftLeftOp);
export const shiftRight = binary(AML.ShiftRightOp);
export const and = binary(AML.AndOp);
export const or = binary(AML.OrOp);
export const xor = binary(AML.XorOp);
export const nand = binary(AML.NandOp);
export const nor = binary(AML.NorOp);
export const mod = binary(AML.ModOp);
export function not(v: AmlArg, t?: AmlArg): Aml { return op(AML.NotOp, v, target(t)); }
export function divide(a: AmlArg, b: AmlArg, remainder?: AmlArg, quotient?: AmlArg): Aml {
  return op(AML.DivideOp, a, b, target(remainder), target(quotient));
}

export function land(a: AmlArg, b: AmlArg): Aml { return op(AML.LandOp, a, b); }
export function lor(a: AmlArg, b: AmlArg): Aml { return op(AML.LorOp, a, b); }
export function lnot(a: AmlArg): Aml { return op(AML.LnotOp, a); }
export function lequal(a: AmlArg, b: AmlArg): Aml { return op(AML.LEqualOp, a, b); }
export function lgreater(a: AmlArg, b: AmlArg): Aml { return op(AML.LGreaterOp, a, b); }
export function lless(a: AmlArg, b: AmlArg): Aml { return op(AML.LLessOp, a, b); }
export function lnotEqual(a: AmlArg, b: AmlArg): Aml { return op([AML.LnotOp, AML.LEqualOp], a, b); }
export function llessEqual(a: AmlArg, b: AmlArg): Aml { return op([AML.LnotOp, AML.LGreaterOp], a, b); }
export function lgreaterEqual(a: AmlArg, b: AmlArg): Aml { return op([AML.LnotOp, AML.LLessOp], a, b); }

export function ifThen(predicate: AmlArg, ...body: AmlArg[]): Aml { return pkgOp(AML.IfOp, [predicate], body); }
export function elseDo(...body: AmlArg[]): Aml { return pkgOp(AML.ElseOp, [], body); }
export function whileDo(predicate: AmlArg, ...body: AmlArg[]): Aml { return pkgOp(AML.WhileOp, [predicate], body); }
export const Break: Aml = raw([AML.BreakOp]);
export const Noop: Aml = raw([AML.NoopOp]);

export function acquire(mutexPath: string, timeout: number): Aml {
  return { emit: (out) => { extOp(AML_EXT.AcquireOp, nameRef(mutexPath)).emit(out); out.uint(timeout, 2); } };
}
export function release(mutexPath: string): Aml { return extOp(AML_EXT.ReleaseOp, nameRef(mutexPath)); }
export function sleep(ms: AmlArg): Aml { return extOp(AML_EXT.SleepOp, ms); }

/** Method invocation: the name followed by its arguments. */
export function call(path: string, ...args: AmlArg[]): Aml {
  return op(nameString(path), ...args);
}

const createField = (code: number) => (source: AmlArg, byteIndex: AmlArg, fieldName: string): Aml =>
  op(code, source, byteIndex, nameRef(fieldName));
export const createDWordField = createField(AML.CreateDWordFieldOp);
export const createWordField = createField(AML.CreateWordFieldOp);
export const createByteField = createField(AML.CreateByteFieldOp);
export const createQWordField = createField(AML.CreateQWordFieldOp);
export const createBitField = createField(AML.CreateBitFieldOp);
export function createFieldOp(source: AmlArg, bitIndex: AmlArg, numBits: AmlArg, fieldName: string): Aml {
  return extOp(AML_EXT.CreateFieldOp, source, bitIndex, numBits, nameRef(fieldName));
}
