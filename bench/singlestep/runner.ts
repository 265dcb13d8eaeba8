import { CS, DS, ES, SS } from '../../src/machine/cpu/x86/constants.js';
import { createFlatMachine, type FlatMachine } from '../../src/machine/cpu/x86/flat.js';
import type { SsCase } from './format.js';

export type Suite = '8086' | '80286';

const GPR = ['ax', 'cx', 'dx', 'bx', 'sp', 'bp', 'si', 'di'] as const;
const SEGS: ReadonlyArray<readonly [string, number]> = [['es', ES], ['cs', CS], ['ss', SS], ['ds', DS]];

/**
 * Runs SingleStepTests cases on the x86 core: loads the initial registers (real mode) and RAM, executes
 * the instruction (the 80286 cases end with HLT, so it runs until HLT retires), compares the final
 * registers (flags under the opcode's defined-flags mask) and every final RAM byte.
 */
export class SingleStepRunner {
  private readonly m: FlatMachine;

  constructor(readonly suite: Suite) {
    this.m = createFlatMachine({ ramBytes: 16 << 20, model: suite });
    // The 8086 has 20 address lines: addresses wrap at 1 MiB.
    this.m.cpu.setA20(suite !== '8086');
  }

  /** undefined when the case passes, else what differs. */
  run(c: SsCase, flagsMask: number): string | undefined {
    const { cpu, memory } = this.m;
    cpu.reset();
    cpu.setA20(this.suite !== '8086');
    const r = c.initial.regs;
    GPR.forEach((name, i) => { cpu.r16[i << 1] = r[name] ?? 0; });
    for (const [name, s] of SEGS) cpu.setCache(s, r[name] ?? 0, (r[name] ?? 0) << 4, 0xffff, s === CS ? 0x9b : 0x93);
    cpu.eip = r.ip ?? 0;
    cpu.flags = ((r.flags ?? 2) & 0x0fff) | 2;
    for (const [a, v] of c.initial.ram) memory.write(a, 1, v);
    let error: string | undefined;
    try {
      if (this.suite === '8086') cpu.stepOne();
      else for (let i = 0; i < 16 && !cpu.halted && cpu.shutdownReason === undefined; i++) cpu.stepOne();
    } catch (e) {
      error = `threw ${e instanceof Error ? e.message : String(e)}`;
    }
    const diffs: string[] = [];
    if (error) diffs.push(error);
    const f = c.final.regs;
    GPR.forEach((name, i) => {
      const want = f[name] ?? r[name] ?? 0;
      if (cpu.r16[i << 1] !== want) diffs.push(`${name} ${hex(cpu.r16[i << 1]!)} != ${hex(want)}`);
    });
    for (const [name, s] of SEGS) {
      const want = f[name] ?? r[name] ?? 0;
      if (cpu.sel[s] !== want) diffs.push(`${name} ${hex(cpu.sel[s]!)} != ${hex(want)}`);
    }
    const ip = cpu.eip & 0xffff;
    const wantIp = f.ip ?? r.ip ?? 0;
    if (ip !== wantIp) diffs.push(`ip ${hex(ip)} != ${hex(wantIp)}`);
    const flags = cpu.readFlags() & 0xffff;
    const wantFlags = f.flags ?? r.flags ?? 2;
    if ((flags & flagsMask) !== (wantFlags & flagsMask)) diffs.push(`flags ${hex(flags)} != ${hex(wantFlags)} (mask ${hex(flagsMask)})`);
    // The FLAGS image an exception pushes holds the same undefined flags as the FLAGS register: both
    // suites' READMEs tell to mask them there too (8086 "Tricky Bits", 80286 "Exception Format").
    const pushed = pushedFlags(c);
    for (const [a, v] of c.final.ram) {
      const got = memory.read(a, 1);
      const mask = a === pushed?.[0] ? flagsMask & 0xff : a === pushed?.[1] ? flagsMask >> 8 : 0xff;
      if ((got & mask) !== (v & mask)) diffs.push(`[${hex(a)}] ${hex(got)} != ${hex(v)}${mask !== 0xff ? ` (mask ${hex(mask)})` : ''}`);
    }
    for (const [a] of c.initial.ram) memory.write(a, 1, 0);
    for (const [a] of c.final.ram) memory.write(a, 1, 0);
    return diffs.length ? diffs.join(', ') : undefined;
  }
}

/**
 * Physical addresses of the low and high byte of the FLAGS word an exception pushed, if the case raised
 * one. The frame's FLAGS word is at the final SS:SP+4 (its high byte wrapping within the segment). The
 * 80286 captures name the exception (EXCP chunk; its address is that of the bus cycle, even: SP may be
 * odd); the 8086 captures do not, and there a case took the divide-error interrupt when it ends at the
 * IVT's vector 0 (initial RAM 0-3, the README's 0000:0400) with SP 6 lower.
 */
export function pushedFlags(c: SsCase): readonly [number, number] | undefined {
  const i = c.initial.regs;
  const f = c.final.regs;
  const ss = f.ss ?? i.ss ?? 0;
  const sp = f.sp ?? i.sp ?? 0;
  const wrap = c.exception ? 0xffffff : 0xfffff;
  const at = (offset: number) => ((ss << 4) + (offset & 0xffff)) & wrap;
  if (c.exception) {
    if ((at(sp + 4) & ~1) !== (c.exception.flagAddress & ~1)) return undefined;
  } else {
    const ram = new Map(c.initial.ram);
    const vector0 = (n: number) => (ram.get(n) ?? -1) | ((ram.get(n + 1) ?? -1) << 8);
    if (vector0(0) !== (f.ip ?? i.ip) || vector0(2) !== (f.cs ?? i.cs) || sp !== (((i.sp ?? 0) - 6) & 0xffff)) return undefined;
  }
  return [at(sp + 4), at(sp + 5)];
}

function hex(n: number): string {
  return n.toString(16);
}
