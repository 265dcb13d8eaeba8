/**
 * HMP `xp /fmt addr`: physical memory as QEMU 7.2's monitor dumps it. `fmt` is [count][format][size]
 * with format x|d|u|o|c and size b|h|w|g; format and size persist from one command to the next
 * (QEMU's last_format/last_size, initially x and w). Lines are 8 values of bytes or 16 bytes of
 * wider units, each starting with the 16-digit address; an address nothing decodes prints
 * "Cannot access memory" and ends the dump.
 */
import type { PhysicalMemory } from '../../inspect.js';

export interface XpState {
  format: string;
  size: number;
}

export const initialXpState = (): XpState => ({ format: 'x', size: 4 });

const SIZES: Readonly<Record<string, number>> = { b: 1, h: 2, w: 4, g: 8 };

/** Parses "/10bx 0xf0000" (the text after "xp"); a string is QEMU's complaint. */
function parse(args: string, state: XpState): { count: number; format: string; size: number; addr: bigint } | string {
  const m = /^\s*(?:\/(\d*)([a-z]*))?\s+(\S+)\s*$/.exec(' ' + args);
  if (!m) return 'xp: address expected';
  let format = state.format;
  let size = state.size;
  for (const c of m[2] ?? '') {
    if (SIZES[c] !== undefined) size = SIZES[c];
    else if ('xduoc'.includes(c)) format = c;
    else return `invalid char in format: '${c}'`;
  }
  let addr: bigint;
  try {
    addr = BigInt(m[3]!);
  } catch {
    return `invalid address: '${m[3]}'`;
  }
  return { count: m[1] ? Number(m[1]) : 1, format, size, addr };
}

function value(bytes: Uint8Array, at: number, size: number, format: string): string {
  let v = 0n;
  for (let i = size - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[at + i]!);
  const bits = size * 8;
  switch (format) {
    case 'x':
      return `0x${v.toString(16).padStart(Math.ceil(bits / 4), '0')}`;
    case 'o':
      return `0${v.toString(8)}`.padStart(Math.ceil(bits / 3) + 1, ' ');
    case 'u':
      return v.toString(10).padStart(Math.ceil((bits * 10) / 33), ' ');
    case 'd':
      return BigInt.asIntN(bits, v).toString(10).padStart(Math.ceil((bits * 10) / 33) + 1, ' ');
    default: {
      const c = Number(v & 0xffn);
      return c >= 0x20 && c < 0x7f ? `'${String.fromCharCode(c)}'` : `'\\x${c.toString(16).padStart(2, '0')}'`;
    }
  }
}

export function xp(memory: PhysicalMemory, args: string, state: XpState, physLimit: number): string {
  const p = parse(args, state);
  if (typeof p === 'string') return p + '\n';
  state.format = p.format;
  state.size = p.size;
  const perLine = p.size === 1 ? 8 : 16 / p.size;
  let out = '';
  for (let i = 0; i < p.count; i += perLine) {
    const addr = p.addr + BigInt(i * p.size);
    const n = Math.min(perLine, p.count - i);
    out += `${addr.toString(16).padStart(16, '0')}:`;
    const end = addr + BigInt(n * p.size);
    if (end > BigInt(physLimit) || !decoded(memory, Number(addr), n * p.size)) return out + ' Cannot access memory\n';
    const bytes = memory.readBytes(Number(addr), n * p.size);
    for (let k = 0; k < n; k++) out += ' ' + value(bytes, k * p.size, p.size, p.format);
    out += '\n';
  }
  return out;
}

function decoded(memory: PhysicalMemory, addr: number, length: number): boolean {
  for (let a = addr; a < addr + length;) {
    const r = memory.resolve(a);
    if (!r) return false;
    a = r.end;
  }
  return true;
}
