import { type Ext80, extExp, extIsUnsupported } from './ext80.js';

/** The memory the x87 reads and writes its operands through (linear addresses; may throw the core's fault). */
export interface FpuMemory {
  read8(lin: number): number;
  read16(lin: number): number;
  read32(lin: number): number;
  write8(lin: number, v: number): void;
  write16(lin: number, v: number): void;
  write32(lin: number, v: number): void;
}

/** The FPU environment: what FSTENV stores and FLDENV loads (SDM vol. 1 §8.1.10, Figures 8-9 to 8-12). */
export interface FpuEnv {
  fcw: number;
  fsw: number;
  ftw: number;
  /** Last instruction pointer: selector:offset in protected mode; fcs = 0 and fip linear after a real-mode FLDENV. */
  fcs: number;
  fip: number;
  fop: number;
  fds: number;
  fdp: number;
}

/** Size of the environment image in bytes. */
export function envSize(opsize32: boolean): number {
  return opsize32 ? 28 : 14;
}

/** Two-bit tag of a non-empty register (SDM vol. 1 §8.1.7): 0 valid, 1 zero, 2 special. */
export function tagOf(x: Ext80): number {
  const e = extExp(x);
  if (e === 0x7fff || extIsUnsupported(x)) return 2;
  if (e === 0) return x.hi === 0 && x.lo === 0 ? 1 : 2;
  return 0;
}

export function writeEnv(mem: FpuMemory, a: number, env: FpuEnv, opsize32: boolean, pm: boolean): void {
  const ip = pm ? env.fip : ((env.fcs << 4) + env.fip) >>> 0;
  const dp = pm ? env.fdp : ((env.fds << 4) + env.fdp) >>> 0;
  if (opsize32) {
    // Reserved upper halves read back as ones on the CPUs this was checked on (scripts/x87-oracle).
    mem.write32(a, (0xffff0000 | env.fcw) >>> 0);
    mem.write32(a + 4, (0xffff0000 | env.fsw) >>> 0);
    mem.write32(a + 8, (0xffff0000 | env.ftw) >>> 0);
    if (pm) {
      mem.write32(a + 12, env.fip >>> 0);
      mem.write32(a + 16, ((env.fop & 0x7ff) << 16 | (env.fcs & 0xffff)) >>> 0);
      mem.write32(a + 20, env.fdp >>> 0);
      mem.write32(a + 24, (0xffff0000 | (env.fds & 0xffff)) >>> 0);
    } else {
      mem.write32(a + 12, (0xffff0000 | (ip & 0xffff)) >>> 0);
      mem.write32(a + 16, ((ip >>> 16) << 12 | (env.fop & 0x7ff)) >>> 0);
      mem.write32(a + 20, (0xffff0000 | (dp & 0xffff)) >>> 0);
      mem.write32(a + 24, ((dp >>> 16) << 12) >>> 0);
    }
  } else {
    mem.write16(a, env.fcw);
    mem.write16(a + 2, env.fsw);
    mem.write16(a + 4, env.ftw);
    if (pm) {
      mem.write16(a + 6, env.fip & 0xffff);
      mem.write16(a + 8, env.fcs & 0xffff);
      mem.write16(a + 10, env.fdp & 0xffff);
      mem.write16(a + 12, env.fds & 0xffff);
    } else {
      mem.write16(a + 6, ip & 0xffff);
      mem.write16(a + 8, ((ip >>> 16) & 0xf) << 12 | (env.fop & 0x7ff));
      mem.write16(a + 10, dp & 0xffff);
      mem.write16(a + 12, ((dp >>> 16) & 0xf) << 12);
    }
  }
}

export function readEnv(mem: FpuMemory, a: number, opsize32: boolean, pm: boolean): FpuEnv {
  if (opsize32) {
    const w = [0, 4, 8, 12, 16, 20, 24].map((o) => mem.read32(a + o) >>> 0) as [number, number, number, number, number, number, number];
    const base = { fcw: w[0] & 0xffff, fsw: w[1] & 0xffff, ftw: w[2] & 0xffff };
    if (pm) return { ...base, fip: w[3], fcs: w[4] & 0xffff, fop: (w[4] >>> 16) & 0x7ff, fdp: w[5], fds: w[6] & 0xffff };
    return {
      ...base, fcs: 0, fip: ((w[4] >>> 12) & 0xffff) << 16 | (w[3] & 0xffff), fop: w[4] & 0x7ff,
      fds: 0, fdp: (((w[6] >>> 12) & 0xffff) << 16 | (w[5] & 0xffff)) >>> 0,
    };
  }
  const w = [0, 2, 4, 6, 8, 10, 12].map((o) => mem.read16(a + o)) as [number, number, number, number, number, number, number];
  const base = { fcw: w[0], fsw: w[1], ftw: w[2] };
  if (pm) return { ...base, fip: w[3], fcs: w[4], fop: 0, fdp: w[5], fds: w[6] };
  return { ...base, fcs: 0, fip: ((w[4] >>> 12) << 16) | w[3], fop: w[4] & 0x7ff, fds: 0, fdp: ((w[6] >>> 12) << 16) | w[5] };
}

export function readExt(mem: FpuMemory, a: number): Ext80 {
  const lo = mem.read32(a) >>> 0;
  const hi = mem.read32(a + 4) >>> 0;
  return { se: mem.read16(a + 8) & 0xffff, hi, lo };
}

export function writeExt(mem: FpuMemory, a: number, x: Ext80): void {
  mem.write32(a, x.lo >>> 0);
  mem.write32(a + 4, x.hi >>> 0);
  mem.write16(a + 8, x.se & 0xffff);
}
