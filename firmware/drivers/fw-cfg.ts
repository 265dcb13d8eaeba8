/**
 * fw_cfg client over the I/O-port wire, as SeaBIOS drives it (seabios-ovmf.md §1.1):
 * signature through the data port, DMA if FW_CFG_ID bit 1 is set, the file directory
 * read once, DMA writes as select / skip / write.
 */
import type { CpuWire } from '../../src/spec/cpu-wire.js';
import {
  FW_CFG_DMA_CTL_ERROR, FW_CFG_DMA_CTL_READ, FW_CFG_DMA_CTL_SELECT, FW_CFG_DMA_CTL_SKIP, FW_CFG_DMA_CTL_WRITE,
  FW_CFG_FILE_DIR, FW_CFG_FILE_RECORD_SIZE, FW_CFG_ID, FW_CFG_MAX_FILE_PATH, FW_CFG_PORT_DATA, FW_CFG_PORT_DMA_LO,
  FW_CFG_PORT_SEL, FW_CFG_SIGNATURE, FW_CFG_SIGNATURE_TEXT, FW_CFG_VERSION_DMA,
} from '../../src/spec/fw-cfg.js';

export interface FwCfgFile {
  readonly name: string;
  readonly select: number;
  readonly size: number;
}

/** Where the firmware builds DMA descriptors and bounces small reads (conventional RAM). */
export interface FwCfgScratch {
  readonly descriptor: number;
  readonly buffer: number;
  readonly bufferSize: number;
}

export const DEFAULT_SCRATCH: FwCfgScratch = { descriptor: 0x6f00, buffer: 0x10000, bufferSize: 0x80000 };

function bswap32(v: number): number {
  return (((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24)) >>> 0;
}

export class FwCfg {
  readonly dma: boolean;
  readonly files: readonly FwCfgFile[];
  private readonly byName = new Map<string, FwCfgFile>();

  private constructor(private readonly wire: CpuWire, readonly id: number, private readonly scratch: FwCfgScratch) {
    this.dma = (id & FW_CFG_VERSION_DMA) !== 0;
    this.files = this.readDirectory();
    for (const f of this.files) if (!this.byName.has(f.name)) this.byName.set(f.name, f);
  }

  /** `qemu_cfg_detect`: undefined when there is no "QEMU" signature. */
  static detect(wire: CpuWire, scratch: FwCfgScratch = DEFAULT_SCRATCH): FwCfg | undefined {
    wire.out16(FW_CFG_PORT_SEL, FW_CFG_SIGNATURE);
    let sig = '';
    for (let i = 0; i < 4; i++) sig += String.fromCharCode(wire.in8(FW_CFG_PORT_DATA));
    if (sig !== FW_CFG_SIGNATURE_TEXT) return undefined;
    wire.out16(FW_CFG_PORT_SEL, FW_CFG_ID);
    let id = 0;
    for (let i = 0; i < 4; i++) id |= wire.in8(FW_CFG_PORT_DATA) << (8 * i);
    return new FwCfg(wire, id >>> 0, scratch);
  }

  find(name: string): FwCfgFile | undefined {
    return this.byName.get(name);
  }

  /** Reads `length` bytes of `key` (after skipping `offset`), by DMA when available. */
  read(key: number, length: number, offset = 0): Uint8Array {
    if (!this.dma) {
      this.wire.out16(FW_CFG_PORT_SEL, key);
      for (let i = 0; i < offset; i++) this.wire.in8(FW_CFG_PORT_DATA);
      const out = new Uint8Array(length);
      for (let i = 0; i < length; i++) out[i] = this.wire.in8(FW_CFG_PORT_DATA);
      return out;
    }
    const out = new Uint8Array(length);
    let done = 0;
    let first = true;
    while (done < length || first) {
      const n = Math.min(length - done, this.scratch.bufferSize);
      if (first) this.readInto(key, this.scratch.buffer, n, offset);
      else this.transfer(FW_CFG_DMA_CTL_READ, n, this.scratch.buffer);
      out.set(this.wire.readBytes(this.scratch.buffer, n), done);
      done += n;
      first = false;
    }
    return out;
  }

  /** A 4-byte little-endian item (x86 kernel items: addresses and sizes); 0 when the item is not set. */
  readU32(key: number): number {
    const b = this.read(key, 4);
    return (b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24)) >>> 0;
  }

  /** DMA (or port) read of `length` bytes of `key` straight into guest memory at `addr`. */
  readInto(key: number, addr: number, length: number, offset = 0): void {
    if (!this.dma) {
      this.wire.writeBytes(addr, this.read(key, length, offset));
      return;
    }
    if (offset === 0) {
      this.transfer(((key << 16) | FW_CFG_DMA_CTL_SELECT | FW_CFG_DMA_CTL_READ) >>> 0, length, addr);
      return;
    }
    this.wire.out16(FW_CFG_PORT_SEL, key);
    this.transfer(FW_CFG_DMA_CTL_SKIP, offset, 0);
    this.transfer(FW_CFG_DMA_CTL_READ, length, addr);
  }

  /**
   * `qemu_cfg_write_file`: DMA only. Offset 0 is one SELECT|WRITE; otherwise a port select,
   * DMA SKIP(offset) and DMA WRITE. Returns false when there is no DMA or the device flags ERROR.
   */
  write(key: number, offset: number, data: Uint8Array): boolean {
    if (!this.dma) return false;
    const buf = this.scratch.buffer;
    this.wire.writeBytes(buf, data);
    if (offset === 0) {
      return this.transfer(((key << 16) | FW_CFG_DMA_CTL_SELECT | FW_CFG_DMA_CTL_WRITE) >>> 0, data.length, buf);
    }
    this.wire.out16(FW_CFG_PORT_SEL, key);
    const skipped = this.transfer(FW_CFG_DMA_CTL_SKIP, offset, 0);
    return this.transfer(FW_CFG_DMA_CTL_WRITE, data.length, buf) && skipped;
  }

  /** One DMA transfer; true when the control word came back without ERROR. */
  private transfer(control: number, length: number, address: number): boolean {
    const d = this.scratch.descriptor;
    this.wire.write32(d, bswap32(control));
    this.wire.write32(d + 4, bswap32(length));
    this.wire.write32(d + 8, bswap32(Math.floor(address / 2 ** 32)));
    this.wire.write32(d + 12, bswap32(address >>> 0));
    this.wire.out32(FW_CFG_PORT_DMA_LO, bswap32(d));
    let ctl = bswap32(this.wire.read32(d));
    for (let spins = 0; (ctl & ~FW_CFG_DMA_CTL_ERROR) !== 0 && spins < 1000; spins++) {
      this.wire.delay(1000);
      ctl = bswap32(this.wire.read32(d));
    }
    return ctl === 0;
  }

  private readDirectory(): FwCfgFile[] {
    const head = this.read(FW_CFG_FILE_DIR, 4);
    const count = ((head[0]! << 24) | (head[1]! << 16) | (head[2]! << 8) | head[3]!) >>> 0;
    if (count === 0 || count > 0x4000) return [];
    const raw = this.read(FW_CFG_FILE_DIR, 4 + count * FW_CFG_FILE_RECORD_SIZE).subarray(4);
    const files: FwCfgFile[] = [];
    for (let i = 0; i < count; i++) {
      const r = raw.subarray(i * FW_CFG_FILE_RECORD_SIZE, (i + 1) * FW_CFG_FILE_RECORD_SIZE);
      const size = ((r[0]! << 24) | (r[1]! << 16) | (r[2]! << 8) | r[3]!) >>> 0;
      const select = (r[4]! << 8) | r[5]!;
      let name = '';
      for (let j = 8; j < 8 + FW_CFG_MAX_FILE_PATH && r[j] !== 0; j++) name += String.fromCharCode(r[j]!);
      files.push({ name, select, size });
    }
    return files;
  }
}
