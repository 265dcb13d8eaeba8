import { enterFlat32, type FlatMachine } from '../../src/machine/cpu/x86/flat.js';
import { CS, DS, ES, FS, GS, SS } from '../../src/machine/cpu/x86/constants.js';
import { prng } from './prng.js';

export { prng };

/**
 * Random x86 programs for differential tests of the translated blocks against the interpreter:
 * the forms the translator specialises mixed with ones it leaves to the interpreter, memory operands
 * anywhere (the code itself too), prefixes, short forward branches and CALLs.
 */
const ALU_FORMS = Array.from({ length: 8 }, (_, op) => [0, 1, 2, 3, 4, 5].map((f) => op * 8 + f)).flat();
const ONE_BYTE = [...ALU_FORMS, ...range(0x40, 0x60), 0x69, 0x6b, 0x80, 0x81, 0x83, 0x84, 0x85, 0x88, 0x89, 0x8a, 0x8b, 0x8d,
  0x90, 0x98, 0x99, 0xa8, 0xa9, ...range(0xb0, 0xc0), 0xc0, 0xc1, 0xc6, 0xc7, 0xd0, 0xd1, 0xd2, 0xd3, 0xf6, 0xf7, 0xf8, 0xf9, 0xfc, 0xfd, 0xfe,
  0x86, 0x87, 0xa4, 0xa5, 0xaa, 0xab, 0x9e, 0x9f,
  // Left to the interpreter inside a block (the block goes on after them): PUSH imm, MOV moffs,
  // group 5 INC/DEC/PUSH r/m, PUSHF/POPF (TF set by POPF ends the block), LEAVE, IN.
  0x68, 0x6a, 0xa0, 0xa1, 0xa2, 0xa3, 0xff, 0x9c, 0x9d, 0xc9, 0xe4, 0xe5, 0xec, 0xed];
const TWO_BYTE = [0xaf, 0xb6, 0xb7, 0xbe, 0xbf, ...range(0x40, 0x50), ...range(0x90, 0xa0), 0xa3, 0xab, 0xbc, 0xbd, 0xc8, 0xc9,
  0x31, 0xa2, 0xa4, 0xa5, 0xac, 0xad, 0xb0, 0xb1, 0xc0, 0xc1, 0xba, 0xb3, 0xbb];

function range(a: number, b: number): number[] {
  return Array.from({ length: b - a }, (_, i) => a + i);
}

function hasModrm(op: number, twoByte: boolean): boolean {
  if (twoByte) return !(op >= 0xc8 && op <= 0xcf) && op !== 0x31 && op !== 0xa2;
  return op < 0x40 ? (op & 7) < 4 : [0x69, 0x6b, 0x80, 0x81, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x8b, 0x8d, 0xc0, 0xc1, 0xc6, 0xc7, 0xd0, 0xd1, 0xd2, 0xd3, 0xf6, 0xf7, 0xfe, 0xff].includes(op);
}

/** Immediate bytes after the ModRM operand, for operand size `os` (2 or 4). */
function immBytes(op: number, twoByte: boolean, os: number): number {
  if (twoByte) return [0xa4, 0xac, 0xba].includes(op) ? 1 : 0;
  if (op === 0x6a || op === 0xe4 || op === 0xe5) return 1;
  if (op === 0x68) return os;
  if (op < 0x40) return (op & 7) === 4 ? 1 : (op & 7) === 5 ? os : 0;
  if (op >= 0xb0 && op < 0xb8) return 1;
  if (op >= 0xb8 && op < 0xc0) return os;
  if ([0x6b, 0x80, 0x83, 0xa8, 0xc0, 0xc1, 0xc6].includes(op)) return 1;
  if ([0x69, 0x81, 0xa9, 0xc7].includes(op)) return os;
  return 0;
}

/** One random program of straight-line code and short forward branches, looping back to its start. */
export function program(rnd: () => number, code32: boolean, count: number): number[] {
  const out: number[] = [];
  const byte = (): number => Math.floor(rnd() * 256);
  for (let i = 0; i < count; i++) {
    let os = code32 ? 4 : 2;
    let as32 = code32;
    const x = rnd();
    if (x < 0.08) { out.push(0x66); os = 6 - os; } else if (x < 0.12) { out.push(0x67); as32 = !as32; } else if (x < 0.16) out.push([0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65][Math.floor(rnd() * 6)]!);
    const y = rnd();
    if (y < 0.08) { // Jcc / JMP short forward, a CALL to the next instruction
      const kind = Math.floor(rnd() * 3);
      if (kind === 0) out.push(0x70 + Math.floor(rnd() * 16), Math.floor(rnd() * 4));
      else if (kind === 1) out.push(0xeb, Math.floor(rnd() * 4));
      else out.push(0xe8, ...new Array<number>(os).fill(0));
      continue;
    }
    const twoByte = y < 0.25;
    const op = twoByte ? TWO_BYTE[Math.floor(rnd() * TWO_BYTE.length)]! : ONE_BYTE[Math.floor(rnd() * ONE_BYTE.length)]!;
    if (twoByte) out.push(0x0f);
    if (!twoByte && [0xa4, 0xa5, 0xaa, 0xab].includes(op) && rnd() < 0.5) out.push(0xf3);
    out.push(op);
    if (hasModrm(op, twoByte)) {
      // Memory operands through EBX/ESI/EDI/EBP mostly (they point into RAM), sometimes anywhere.
      let modrm = byte();
      if (rnd() < 0.7 && modrm < 0xc0) modrm = (modrm & 0xf8) | [3, 6, 7, 5][Math.floor(rnd() * 4)]!;
      if ([0xc6, 0xc7].includes(op) && !twoByte) modrm &= 0xc7;
      // FF: INC, DEC, PUSH only (/0 /1 /6); 0F BA: BT/BTS/BTR/BTC (/4-/7).
      if (op === 0xff && !twoByte) modrm = (modrm & 0xc7) | ([0, 1, 6][Math.floor(rnd() * 3)]! << 3);
      if (op === 0xba && twoByte) modrm |= 0x20;
      out.push(modrm);
      const mod = modrm >> 6;
      const rm = modrm & 7;
      if (mod !== 3) {
        if (as32) {
          if (rm === 4) out.push(byte());
          const sibBase5 = rm === 4 && (out[out.length - 1]! & 7) === 5;
          const disp = mod === 1 ? 1 : mod === 2 || (mod === 0 && (rm === 5 || sibBase5)) ? 4 : 0;
          for (let d = 0; d < disp; d++) out.push(d === disp - 1 ? byte() & 0x01 : byte());
        } else {
          const disp = mod === 1 ? 1 : mod === 2 || (mod === 0 && rm === 6) ? 2 : 0;
          for (let d = 0; d < disp; d++) out.push(byte());
        }
      }
    }
    for (let b = immBytes(op, twoByte, os); b > 0; b--) out.push(byte());
    // MOV AL/eAX <-> moffs: an offset of the address size into the data area.
    if (!twoByte && op >= 0xa0 && op <= 0xa3) out.push(byte(), byte() & 0x7f, ...(as32 ? [0x01, 0x00] : []));
  }
  return out;
}

export function setUp(m: FlatMachine, code: number[], code32: boolean, rnd: () => number): void {
  const at = 0x20000;
  // The program loops: a near JMP back to its first byte.
  const back = code32 ? [0xe9, ...le(-(code.length + 5), 4)] : [0xe9, ...le(-(code.length + 3), 2)];
  m.memory.writeBytes(at, Uint8Array.from([...code, ...back]));
  const { cpu } = m;
  if (code32) {
    enterFlat32(cpu);
    cpu.eip = at;
  } else {
    cpu.setCache(CS, at >> 4, at, 0xffff, 0x9b);
    for (const s of [DS, ES, SS, FS, GS]) cpu.setCache(s, 0x1000, 0x10000, 0xffff, 0x93);
    cpu.eip = 0;
  }
  for (let r = 0; r < 8; r++) cpu.r32[r] = code32 ? 0x10000 + Math.floor(rnd() * 0x20000) : Math.floor(rnd() * 0x10000);
  cpu.r32[4] = code32 ? 0x30000 : 0xff00;
  cpu.flags = 2 | (Math.floor(rnd() * 0x100) & 0xd5);
}

/**
 * 32-bit paging over the first 4 MiB (identity, 4 KiB pages; directory at 0x80000, table at 0x81000)
 * where data pages 0x10000-0x3FFFF are at random not present or read-only, so memory operands inside
 * blocks page-fault (no IDT: the fault escalates to a shutdown at that instruction, on both machines).
 */
export function enablePaging(m: FlatMachine, rnd: () => number): void {
  const pd = 0x80000;
  const pt = 0x81000;
  m.memory.write(pd, 4, pt | 7);
  for (let i = 0; i < 1024; i++) {
    let flags = 7;
    const keep = i === 0x20 || i === 0x2f || i === 0x80 || i === 0x81;
    if (i >= 0x10 && i < 0x40 && !keep) {
      const x = rnd();
      flags = x < 0.12 ? 0 : x < 0.24 ? 5 : 7;
    }
    m.memory.write(pt + 4 * i, 4, ((i << 12) | flags) >>> 0);
  }
  const { cpu } = m;
  cpu.cr3 = pd;
  cpu.cr0 = (cpu.cr0 | 0x80010000) >>> 0 | 0;
  cpu.flushTlb(true);
}

export function state(m: FlatMachine): string {
  const c = m.cpu;
  const ram = m.memory.readBytes(0, 0x40000);
  let h = 0;
  for (let i = 0; i < ram.length; i++) h = (Math.imul(h, 31) + ram[i]!) | 0;
  return JSON.stringify({ r: [...c.r32], eip: c.eip, flags: c.flags, icount: c.icount, sel: [...c.sel], ram: h, ex: c.lastException ?? null });
}


function le(v: number, bytes: number): number[] {
  return Array.from({ length: bytes }, (_, i) => (v >> (8 * i)) & 0xff);
}
