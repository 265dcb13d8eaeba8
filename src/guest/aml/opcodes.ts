/**
 * The interpreter's opcode table: each opcode's handler. Names and operand shapes come from
 * src/spec/aml.ts (ACPI 6.5 §20.2); the shape letters map to the engine's operand kinds (frame.ts).
 */
import { O, PENDING } from './frame.js';
import type { AmlContext, Frame, OpCtx, OpResult, OpSpec } from './frame.js';
import type { AmlMethod, AmlValue } from './types.js';
import { AML_EXT_OPS, AML_OPS } from '../../spec/aml.js';
import * as N from './ops-named.js';
import * as M from './ops-math.js';
import * as D from './ops-data.js';
import * as C from './ops-control.js';

type Run = (it: AmlContext, c: OpCtx, f: Frame) => OpResult;

const KIND: Readonly<Record<string, number>> = { t: O.T, s: O.S, r: O.R, c: O.C, n: O.N, b: O.B, w: O.W, d: O.D, p: O.P, e: O.E, l: O.L };

export const OPS: Array<OpSpec | undefined> = new Array(256);
export const EXT_OPS: Array<OpSpec | undefined> = new Array(256);

/** `shape` overrides the spec's only where the engine decodes an operand itself (While's predicate, Name's literal value). */
function op(code: number, run: Run, shape?: string): void {
  const info = code > 0xff ? AML_EXT_OPS[code & 0xff] : AML_OPS[code];
  if (!info) throw new Error(`opcode 0x${code.toString(16)} is not in src/spec/aml.ts`);
  const operands = [...(shape ?? info.shape)].map((k) => KIND[k]!);
  const immediate = [O.P, O.N, O.B, O.W, O.D, O.L] as number[];
  const declaration = operands.includes(O.N) && operands.every((k) => immediate.includes(k));
  const spec: OpSpec = { name: info.name, code, operands, run, declaration };
  if (code > 0xff) EXT_OPS[code & 0xff] = spec;
  else OPS[code] = spec;
}

// Namespace modifiers and named objects
op(0x06, N.opAlias);
op(0x08, N.opName, 'nl');
op(0x10, N.opScope);
op(0x14, N.opMethod);
op(0x15, N.opExternal);
op(0x5b01, N.opMutex);
op(0x5b02, N.opEvent);
op(0x5b80, N.opRegion);
op(0x5b81, N.opField);
op(0x5b82, N.opDevice);
op(0x5b83, N.opProcessor);
op(0x5b84, N.opPowerResource);
op(0x5b85, N.opThermalZone);
op(0x5b86, N.opIndexField);
op(0x5b87, N.opBankField);
op(0x5b88, N.opDataTableRegion);
op(0x8d, N.createFixedField(1, false));
op(0x8c, N.createFixedField(8, true));
op(0x8b, N.createFixedField(16, true));
op(0x8a, N.createFixedField(32, true));
op(0x8f, N.createFixedField(64, true));
op(0x5b13, N.opCreateField);

// Data objects
op(0x11, D.opBuffer);
op(0x12, D.opPackage);
op(0x13, D.opPackage);

// Type 1
op(0xa0, C.opIf);
op(0xa1, C.opElse);
op(0xa2, C.opWhile, 'p');
op(0xa3, C.opNoop);
op(0xa4, C.opReturn);
op(0xa5, C.opBreak);
op(0x9f, C.opContinue);
op(0xcc, C.opNoop);
op(0x86, C.opNotify);
op(0x5b20, C.opLoad);
op(0x5b21, C.opStall);
op(0x5b22, C.opSleep);
op(0x5b24, C.opSignal);
op(0x5b26, C.opReset);
op(0x5b27, C.opRelease);
op(0x5b2a, C.opUnload);
op(0x5b32, C.opFatal);

// Type 2
op(0x5b23, C.opAcquire);
op(0x5b25, C.opWait);
op(0x5b1f, C.opLoadTable);
op(0x5b12, D.opCondRefOf);
op(0x5b28, D.opFromBCD);
op(0x5b29, D.opToBCD);
op(0x5b33, D.opTimer);
op(0x70, D.opStore);
op(0x71, D.opRefOf);
op(0x72, M.opAdd);
op(0x73, D.opConcatenate);
op(0x74, M.opSubtract);
op(0x75, M.opIncrement);
op(0x76, M.opDecrement);
op(0x77, M.opMultiply);
op(0x78, M.opDivide);
op(0x79, M.opShiftLeft);
op(0x7a, M.opShiftRight);
op(0x7b, M.opAnd);
op(0x7c, M.opNand);
op(0x7d, M.opOr);
op(0x7e, M.opNor);
op(0x7f, M.opXor);
op(0x80, M.opNot);
op(0x81, M.opFindSetLeftBit);
op(0x82, M.opFindSetRightBit);
op(0x83, D.opDerefOf);
op(0x84, D.opConcatRes);
op(0x85, M.opMod);
op(0x87, D.opSizeOf);
op(0x88, D.opIndex);
op(0x89, D.opMatch);
op(0x8e, D.opObjectType);
op(0x90, M.opLAnd);
op(0x91, M.opLOr);
op(0x92, M.opLNot);
op(0x93, M.opLEqual);
op(0x94, M.opLGreater);
op(0x95, M.opLLess);
op(0x96, D.opToBuffer);
op(0x97, D.opToDecimalString);
op(0x98, D.opToHexString);
op(0x99, D.opToInteger);
op(0x9c, D.opToString);
op(0x9d, D.opCopyObject);
op(0x9e, D.opMid);

export const WHILE_PRED: OpSpec = C.WHILE_PRED_SPEC;

function callMethod(it: AmlContext, c: OpCtx): OpResult {
  const node = c.node!.resolve();
  const m = node.object as AmlMethod;
  if (m.native) return m.native(c.args as AmlValue[]) ?? 0n;
  it.enter(node, m, c.args as AmlValue[]);
  return PENDING;
}

/** Method invocations with 0..7 arguments. */
export const CALL_SPECS: OpSpec[] = [0, 1, 2, 3, 4, 5, 6, 7].map((n) => ({
  name: 'MethodCall',
  code: -1,
  operands: new Array<number>(n).fill(O.T),
  run: callMethod,
}));
