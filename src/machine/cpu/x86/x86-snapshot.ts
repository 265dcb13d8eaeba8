/**
 * The x86 core's register file as a snapshot section (decision 0022): general registers, EIP,
 * EFLAGS, segment registers with their descriptor caches, GDTR/IDTR, control and debug registers,
 * the A20 mask, MSRs, the TSC offset, the SYSENTER and APIC base registers, the halt / interrupt
 * shadow / NMI-blocking state and the x87 (its FSAVE image). Per-instruction decode state is not
 * saved: a snapshot is taken between instructions. The TLB is flushed on load (it caches RAM views).
 */
import type { X86State } from './cpu-state.js';
import type { JsonValue } from '../../snapshot/part-state.js';
import { SnapshotMismatch, arr, bool, num, str } from '../../snapshot/part-state.js';

const SEGMENT_ARRAYS = ['sel', 'segBase', 'segLimit', 'segRights', 'segMin', 'segMax', 'segOk'] as const;

/** The X86State (registers and descriptor caches) and X86Mmu (control registers) part. */
export function saveArchitectural(s: X86State): Record<string, JsonValue> {
  const o: Record<string, JsonValue> = {
    model: s.model, r32: [...s.r32], eip: s.eip, flags: s.flags,
    gdtBase: s.gdtBase, gdtLimit: s.gdtLimit, idtBase: s.idtBase, idtLimit: s.idtLimit, code32: s.code32, stack32: s.stack32,
    cr0: s.cr0, cr2: s.cr2, cr3: s.cr3, cr4: s.cr4, cpl: s.cpl, a20Mask: s.a20Mask,
  };
  for (const k of SEGMENT_ARRAYS) o[k] = [...s[k]];
  return o;
}

function numbers(o: Record<string, JsonValue>, key: string, length: number): number[] {
  const a = arr(o, key);
  if (a.length !== length || a.some((x) => typeof x !== 'number')) throw new SnapshotMismatch(`x86: ${key} is not ${length} numbers`);
  return a as number[];
}

/** Everything but the CPL, which the core sets through its own path (it selects the TLB's access checks). */
export function loadArchitectural(s: X86State, o: Record<string, JsonValue>): void {
  if (o.model !== s.model) throw new SnapshotMismatch(`x86: model ${String(o.model)} saved, ${s.model} here`);
  s.r32.set(numbers(o, 'r32', 8));
  for (const k of SEGMENT_ARRAYS) s[k].set(numbers(o, k, 8));
  s.eip = num(o, 'eip');
  s.flags = num(o, 'flags');
  s.gdtBase = num(o, 'gdtBase');
  s.gdtLimit = num(o, 'gdtLimit');
  s.idtBase = num(o, 'idtBase');
  s.idtLimit = num(o, 'idtLimit');
  s.code32 = bool(o, 'code32');
  s.stack32 = bool(o, 'stack32');
  s.cr0 = num(o, 'cr0');
  s.cr2 = num(o, 'cr2');
  s.cr3 = num(o, 'cr3');
  s.cr4 = num(o, 'cr4');
  s.a20Mask = num(o, 'a20Mask');
}

/** The debug and model-specific registers a core keeps beside the architectural state. */
export interface ModelSpecific {
  readonly dr: Int32Array;
  readonly msr: Map<number, bigint>;
  tscOffset: bigint;
  sysenterCs: number;
  sysenterEsp: number;
  sysenterEip: number;
  apicBase: number;
}

export function saveModelSpecific(s: ModelSpecific): Record<string, JsonValue> {
  return {
    dr: [...s.dr], msr: [...s.msr].map(([k, v]) => [k, v.toString()]), tscOffset: s.tscOffset.toString(),
    sysenterCs: s.sysenterCs, sysenterEsp: s.sysenterEsp, sysenterEip: s.sysenterEip, apicBase: s.apicBase,
  };
}

export function loadModelSpecific(s: ModelSpecific, o: Record<string, JsonValue>): void {
  const dr = arr(o, 'dr');
  if (dr.length !== 8 || dr.some((x) => typeof x !== 'number')) throw new SnapshotMismatch('x86: dr is not 8 numbers');
  s.dr.set(dr as number[]);
  s.msr.clear();
  for (const e of arr(o, 'msr')) {
    if (!Array.isArray(e) || typeof e[0] !== 'number' || typeof e[1] !== 'string') throw new SnapshotMismatch('x86: bad MSR');
    s.msr.set(e[0], BigInt(e[1]));
  }
  s.tscOffset = BigInt(str(o, 'tscOffset'));
  s.sysenterCs = num(o, 'sysenterCs');
  s.sysenterEsp = num(o, 'sysenterEsp');
  s.sysenterEip = num(o, 'sysenterEip');
  s.apicBase = num(o, 'apicBase');
}
