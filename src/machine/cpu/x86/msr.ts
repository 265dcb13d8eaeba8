import { GP_VEC } from './constants.js';
import type { X86Core as X86Cpu } from './x86-core.js';

/** Model-specific registers (SDM vol. 4) this core has; any other index raises #GP(0). */
export const MSR_TSC = 0x10;
export const MSR_APIC_BASE = 0x1b;
export const MSR_SYSENTER_CS = 0x174;
export const MSR_SYSENTER_ESP = 0x175;
export const MSR_SYSENTER_EIP = 0x176;
export const MSR_MTRRCAP = 0xfe;
export const MSR_EFER = 0xc0000080;

/** MTRRcap: 8 variable ranges, fixed ranges, write-combining. */
const MTRRCAP = 0x508n;

/** The MTRRs: variable ranges 200h-20Fh, fixed ranges 250h, 258h-259h, 268h-26Fh, default type 2FFh. */
export function isMtrr(i: number): boolean {
  return (i >= 0x200 && i <= 0x20f) || i === 0x250 || i === 0x258 || i === 0x259 || (i >= 0x268 && i <= 0x26f) || i === 0x2ff;
}

/** Kept as written: the MTRRs, platform id, BIOS sign id. */
function isStored(i: number): boolean {
  return isMtrr(i) || i === 0x17 || i === 0x8b || i === 0x79;
}

export function readMsr(c: X86Cpu, i: number): bigint {
  switch (i) {
    case MSR_TSC: return c.tsc();
    case MSR_APIC_BASE: return BigInt(c.apicBase >>> 0);
    case MSR_SYSENTER_CS: return BigInt(c.sysenterCs);
    case MSR_SYSENTER_ESP: return BigInt(c.sysenterEsp >>> 0);
    case MSR_SYSENTER_EIP: return BigInt(c.sysenterEip >>> 0);
    case MSR_MTRRCAP: return MTRRCAP;
    case MSR_EFER: return 0n;
  }
  if (isStored(i)) return c.msr.get(i) ?? 0n;
  return c.fault(GP_VEC, 0);
}

export function writeMsr(c: X86Cpu, i: number, v: bigint): void {
  switch (i) {
    case MSR_TSC: c.tscOffset = v - c.tsc() + c.tscOffset; return;
    case MSR_APIC_BASE: c.apicBase = Number(v & 0xfffff900n); return;
    case MSR_SYSENTER_CS: c.sysenterCs = Number(v & 0xffffn); return;
    case MSR_SYSENTER_ESP: c.sysenterEsp = Number(v & 0xffffffffn); return;
    case MSR_SYSENTER_EIP: c.sysenterEip = Number(v & 0xffffffffn); return;
    case MSR_EFER: if (v !== 0n) c.fault(GP_VEC, 0); return; // no long mode, no NX: every bit is reserved
  }
  if (isStored(i)) { c.msr.set(i, v); return; }
  c.fault(GP_VEC, 0);
}
