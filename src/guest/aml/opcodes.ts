/**
 * The opcode table (ACPI 6.5 §20.2): each opcode's operand encoding and its handler.
 * Operand kinds are in frame.ts (O.T TermArg, O.S SuperName, O.R Target, ...);
 * O.E marks a package element list running to the PkgLength end.
 */
import { O, PENDING } from './frame.js';
import type { AmlContext, Frame, OpCtx, OpResult, OpSpec } from './frame.js';
import type { AmlMethod, AmlValue } from './types.js';
import * as N from './ops-named.js';
import * as M from './ops-math.js';
import * as D from './ops-data.js';
import * as C from './ops-control.js';

const { T, S, R, B, W, D: DW, N: NS, P, C: CS, E } = O;

type Run = (it: AmlContext, c: OpCtx, f: Frame) => OpResult;

export const OPS: Array<OpSpec | undefined> = new Array(256);
export const EXT_OPS: Array<OpSpec | undefined> = new Array(256);

function op(code: number, name: string, operands: number[], run: Run): void {
  const spec: OpSpec = { name, code, operands, run };
  if (code > 0xff) EXT_OPS[code & 0xff] = spec;
  else OPS[code] = spec;
}

// Namespace modifiers and named objects
op(0x06, 'Alias', [NS, NS], N.opAlias);
op(0x08, 'Name', [NS, T], N.opName);
op(0x10, 'Scope', [P, NS], N.opScope);
op(0x14, 'Method', [P, NS, B], N.opMethod);
op(0x15, 'External', [NS, B, B], N.opExternal);
op(0x5b01, 'Mutex', [NS, B], N.opMutex);
op(0x5b02, 'Event', [NS], N.opEvent);
op(0x5b80, 'OperationRegion', [NS, B, T, T], N.opRegion);
op(0x5b81, 'Field', [P, NS, B], N.opField);
op(0x5b82, 'Device', [P, NS], N.opDevice);
op(0x5b83, 'Processor', [P, NS, B, DW, B], N.opProcessor);
op(0x5b84, 'PowerResource', [P, NS, B, W], N.opPowerResource);
op(0x5b85, 'ThermalZone', [P, NS], N.opThermalZone);
op(0x5b86, 'IndexField', [P, NS, NS, B], N.opIndexField);
op(0x5b87, 'BankField', [P, NS, NS, T, B], N.opBankField);
op(0x5b88, 'DataTableRegion', [NS, T, T, T], N.opDataTableRegion);
op(0x8d, 'CreateBitField', [T, T, NS], N.createFixedField(1, false));
op(0x8c, 'CreateByteField', [T, T, NS], N.createFixedField(8, true));
op(0x8b, 'CreateWordField', [T, T, NS], N.createFixedField(16, true));
op(0x8a, 'CreateDWordField', [T, T, NS], N.createFixedField(32, true));
op(0x8f, 'CreateQWordField', [T, T, NS], N.createFixedField(64, true));
op(0x5b13, 'CreateField', [T, T, T, NS], N.opCreateField);

// Data objects
op(0x11, 'Buffer', [P, T], D.opBuffer);
op(0x12, 'Package', [P, B, E], D.opPackage);
op(0x13, 'VarPackage', [P, T, E], D.opPackage);

// Type 1
op(0xa0, 'If', [P, T], C.opIf);
op(0xa1, 'Else', [P], C.opElse);
op(0xa2, 'While', [P], C.opWhile);
op(0xa3, 'Noop', [], C.opNoop);
op(0xa4, 'Return', [T], C.opReturn);
op(0xa5, 'Break', [], C.opBreak);
op(0x9f, 'Continue', [], C.opContinue);
op(0xcc, 'BreakPoint', [], C.opNoop);
op(0x86, 'Notify', [S, T], C.opNotify);
op(0x5b20, 'Load', [NS, R], C.opLoad);
op(0x5b21, 'Stall', [T], C.opStall);
op(0x5b22, 'Sleep', [T], C.opSleep);
op(0x5b24, 'Signal', [S], C.opSignal);
op(0x5b26, 'Reset', [S], C.opReset);
op(0x5b27, 'Release', [S], C.opRelease);
op(0x5b2a, 'Unload', [S], C.opUnload);
op(0x5b32, 'Fatal', [B, DW, T], C.opFatal);

// Type 2
op(0x5b23, 'Acquire', [S, W], C.opAcquire);
op(0x5b25, 'Wait', [S, T], C.opWait);
op(0x5b1f, 'LoadTable', [T, T, T, T, T, T], C.opLoadTable);
op(0x5b12, 'CondRefOf', [CS, R], D.opCondRefOf);
op(0x5b28, 'FromBCD', [T, R], D.opFromBCD);
op(0x5b29, 'ToBCD', [T, R], D.opToBCD);
op(0x5b33, 'Timer', [], D.opTimer);
op(0x70, 'Store', [T, S], D.opStore);
op(0x71, 'RefOf', [S], D.opRefOf);
op(0x72, 'Add', [T, T, R], M.opAdd);
op(0x73, 'Concatenate', [T, T, R], D.opConcatenate);
op(0x74, 'Subtract', [T, T, R], M.opSubtract);
op(0x75, 'Increment', [S], M.opIncrement);
op(0x76, 'Decrement', [S], M.opDecrement);
op(0x77, 'Multiply', [T, T, R], M.opMultiply);
op(0x78, 'Divide', [T, T, R, R], M.opDivide);
op(0x79, 'ShiftLeft', [T, T, R], M.opShiftLeft);
op(0x7a, 'ShiftRight', [T, T, R], M.opShiftRight);
op(0x7b, 'And', [T, T, R], M.opAnd);
op(0x7c, 'NAnd', [T, T, R], M.opNand);
op(0x7d, 'Or', [T, T, R], M.opOr);
op(0x7e, 'NOr', [T, T, R], M.opNor);
op(0x7f, 'XOr', [T, T, R], M.opXor);
op(0x80, 'Not', [T, R], M.opNot);
op(0x81, 'FindSetLeftBit', [T, R], M.opFindSetLeftBit);
op(0x82, 'FindSetRightBit', [T, R], M.opFindSetRightBit);
op(0x83, 'DerefOf', [T], D.opDerefOf);
op(0x84, 'ConcatenateResTemplate', [T, T, R], D.opConcatRes);
op(0x85, 'Mod', [T, T, R], M.opMod);
op(0x87, 'SizeOf', [S], D.opSizeOf);
op(0x88, 'Index', [T, T, R], D.opIndex);
op(0x89, 'Match', [T, B, T, B, T, T], D.opMatch);
op(0x8e, 'ObjectType', [S], D.opObjectType);
op(0x90, 'LAnd', [T, T], M.opLAnd);
op(0x91, 'LOr', [T, T], M.opLOr);
op(0x92, 'LNot', [T], M.opLNot);
op(0x93, 'LEqual', [T, T], M.opLEqual);
op(0x94, 'LGreater', [T, T], M.opLGreater);
op(0x95, 'LLess', [T, T], M.opLLess);
op(0x96, 'ToBuffer', [T, R], D.opToBuffer);
op(0x97, 'ToDecimalString', [T, R], D.opToDecimalString);
op(0x98, 'ToHexString', [T, R], D.opToHexString);
op(0x99, 'ToInteger', [T, R], D.opToInteger);
op(0x9c, 'ToString', [T, T, R], D.opToString);
op(0x9d, 'CopyObject', [T, S], D.opCopyObject);
op(0x9e, 'Mid', [T, T, T, R], D.opMid);

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
  operands: new Array<number>(n).fill(T),
  run: callMethod,
}));
