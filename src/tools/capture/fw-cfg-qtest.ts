import { be32, cString, le32, setBe32, setBe64 } from '../../lib/bytes.js';
import type { QtestClient } from '../qtest/qtest-client.js';

// fw_cfg on x86 (qemu-host.md §1): selector 0x510 (16-bit), data 0x511 (8-bit), DMA 0x514/0x518 (BE).
const FW_CFG_PORT_SEL = 0x510;
const FW_CFG_PORT_DATA = 0x511;
const FW_CFG_PORT_DMA_LOW = 0x518;
const FW_CFG_ID = 0x01;
const FW_CFG_FILE_DIR = 0x19;
const FW_CFG_DMA_CTL_ERROR = 0x01;
const FW_CFG_DMA_CTL_READ = 0x02;
const FW_CFG_DMA_CTL_SELECT = 0x08;
const FW_CFG_FILE_ENTRY = 64;

/** Scratch guest RAM the reader uses for DMA (below 1 MiB + a 64 KiB buffer at 1 MiB). */
const DESCRIPTOR_ADDR = 0x8000;
const BUFFER_ADDR = 0x100000;
const CHUNK = 0x10000;

export interface FwCfgDirEntry {
  readonly name: string;
  readonly select: number;
  readonly size: number;
  readonly reserved: number;
}

/** Reads fw_cfg items from a paused QEMU, by DMA when the device offers it, else byte by byte. */
export class FwCfgQtestReader {
  private constructor(private readonly q: QtestClient, readonly dma: boolean) {}

  static async open(q: QtestClient): Promise<FwCfgQtestReader> {
    const pio = new FwCfgQtestReader(q, false);
    const id = le32(await pio.read(FW_CFG_ID, 4), 0);
    return new FwCfgQtestReader(q, (id & 2) !== 0);
  }

  async directory(): Promise<FwCfgDirEntry[]> {
    const count = be32(await this.read(FW_CFG_FILE_DIR, 4), 0);
    const dir = await this.read(FW_CFG_FILE_DIR, 4 + count * FW_CFG_FILE_ENTRY);
    const out: FwCfgDirEntry[] = [];
    for (let i = 0; i < count; i++) {
      const o = 4 + i * FW_CFG_FILE_ENTRY;
      out.push({ size: be32(dir, o), select: (dir[o + 4]! << 8) | dir[o + 5]!, reserved: (dir[o + 6]! << 8) | dir[o + 7]!, name: cString(dir, o + 8, 56) });
    }
    return out;
  }

  /** Selects `key` (running QEMU's select callback) and reads `size` bytes from offset 0. */
  async read(key: number, size: number): Promise<Uint8Array> {
    return this.dma ? this.readDma(key, size) : this.readPio(key, size);
  }

  private async readPio(key: number, size: number): Promise<Uint8Array> {
    await this.q.outw(FW_CFG_PORT_SEL, key);
    const out = new Uint8Array(size);
    for (let i = 0; i < size; i++) out[i] = await this.q.inb(FW_CFG_PORT_DATA);
    return out;
  }

  private async readDma(key: number, size: number): Promise<Uint8Array> {
    const out = new Uint8Array(size);
    let first = true;
    for (let off = 0; off < size || first; off += CHUNK) {
      const n = Math.min(CHUNK, size - off);
      const desc = new Uint8Array(16);
      setBe32(desc, 0, ((key << 16) | (first ? FW_CFG_DMA_CTL_SELECT : 0) | FW_CFG_DMA_CTL_READ) >>> 0);
      setBe32(desc, 4, n);
      setBe64(desc, 8, BUFFER_ADDR);
      await this.q.writeMemory(DESCRIPTOR_ADDR, desc);
      await this.q.outl(FW_CFG_PORT_DMA_LOW, bswap32(DESCRIPTOR_ADDR));
      const status = be32(await this.q.readMemory(DESCRIPTOR_ADDR, 4), 0);
      if (status & FW_CFG_DMA_CTL_ERROR) throw new Error(`fw_cfg DMA read of key 0x${key.toString(16)} failed`);
      out.set(await this.q.readMemory(BUFFER_ADDR, n), off);
      first = false;
      if (n === 0) break;
    }
    return out;
  }
}

function bswap32(v: number): number {
  return (((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24)) >>> 0;
}
