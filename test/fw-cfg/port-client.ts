import type { Machine } from '../../src/machine/machine.js';

/** A test-side fw_cfg client speaking only port I/O and guest RAM, written from the spec. */
export const SEL = 0x510;
export const DATA = 0x511;
export const DMA_HIGH = 0x514;
export const DMA_LOW = 0x518;
export const CTL = { ERROR: 1, READ: 2, SKIP: 4, SELECT: 8, WRITE: 0x10 } as const;

const bswap32 = (v: number): number => (((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24)) >>> 0;

export function select(m: Machine, key: number): void {
  m.ports.write(SEL, 2, key);
}

export function readData(m: Machine, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = m.ports.read(DATA, 1);
  return out;
}

export function readKey(m: Machine, key: number, n: number): Uint8Array {
  select(m, key);
  return readData(m, n);
}

export interface DirEntry {
  name: string;
  select: number;
  size: number;
}

export function readDirectory(m: Machine): DirEntry[] {
  const head = readKey(m, 0x19, 4);
  const count = ((head[0]! << 24) | (head[1]! << 16) | (head[2]! << 8) | head[3]!) >>> 0;
  const body = readData(m, count * 64);
  const out: DirEntry[] = [];
  for (let i = 0; i < count; i++) {
    const e = body.subarray(i * 64, i * 64 + 64);
    const size = ((e[0]! << 24) | (e[1]! << 16) | (e[2]! << 8) | e[3]!) >>> 0;
    const sel = (e[4]! << 8) | e[5]!;
    let name = '';
    for (let c = 8; c < 64 && e[c] !== 0; c++) name += String.fromCharCode(e[c]!);
    out.push({ name, select: sel, size });
  }
  return out;
}

/** Put a big-endian descriptor at `desc` in RAM and start it with a byte-swapped outl to 0x518 (and 0x514). */
export function dma(m: Machine, desc: number, control: number, length: number, address: number): number {
  const d = new Uint8Array(16);
  const dv = new DataView(d.buffer);
  dv.setUint32(0, control >>> 0);
  dv.setUint32(4, length >>> 0);
  dv.setUint32(8, Math.floor(address / 2 ** 32));
  dv.setUint32(12, address >>> 0);
  m.memory.writeBytes(desc, d);
  const high = Math.floor(desc / 2 ** 32);
  if (high) m.ports.write(DMA_HIGH, 4, bswap32(high));
  m.ports.write(DMA_LOW, 4, bswap32(desc >>> 0));
  const s = m.memory.readBytes(desc, 4);
  return new DataView(s.buffer, s.byteOffset).getUint32(0);
}

/** Read a file by name through DMA (select + read), as firmware does. */
export function dmaReadFile(m: Machine, name: string, scratch = 0x10000, desc = 0x8000): Uint8Array {
  const e = readDirectory(m).find((f) => f.name === name);
  if (!e) throw new Error(`no fw_cfg file ${name}`);
  const status = dma(m, desc, (e.select << 16) | CTL.SELECT | CTL.READ, e.size, scratch);
  if (status !== 0) throw new Error(`DMA read of ${name} failed: ${status}`);
  return m.memory.readBytes(scratch, e.size);
}
