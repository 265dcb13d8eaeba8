/** A test fw_cfg device (I/O ports 0x510/0x511, DMA 0x514/0x518), fed from fixture blobs. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FakeWire } from './fake-wire.js';

export interface FakeFile {
  name: string;
  data: Uint8Array;
  writable: boolean;
}

export class FakeFwCfg {
  private key = 0;
  private offset = 0;
  private dmaHigh = 0;
  readonly writes: { name: string; offset: number; data: number[] }[] = [];
  readonly selects: number[] = [];

  constructor(private readonly wire: FakeWire, readonly files: FakeFile[], private readonly dma = true) {
    this.files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    wire.mapPorts(0x510, 2, {
      read: (_p, size) => (size === 1 ? this.readByte() : 0),
      write: (p, size, v) => { if (p === 0x510 && size === 2) this.select(v); },
    });
    if (dma) {
      wire.mapPorts(0x514, 8, {
        read: () => 0xffffffff,
        write: (p, size, v) => {
          if (size !== 4) return;
          if (p === 0x514) this.dmaHigh = v;
          else if (p === 0x518) this.runDma(this.dmaHigh * 2 ** 32 + bswap(v));
        },
      });
    }
  }

  file(name: string): FakeFile | undefined {
    return this.files.find((f) => f.name === name);
  }

  private item(key: number): Uint8Array {
    const k = key & 0xbfff;
    if (k === 0) return new TextEncoder().encode('QEMU');
    if (k === 1) return Uint8Array.of(this.dma ? 3 : 1, 0, 0, 0);
    if (k === 0x19) {
      const out = new Uint8Array(4 + 64 * this.files.length);
      const dv = new DataView(out.buffer);
      dv.setUint32(0, this.files.length);
      this.files.forEach((f, i) => {
        dv.setUint32(4 + i * 64, f.data.length);
        dv.setUint16(8 + i * 64, 0x20 + i);
        out.set(new TextEncoder().encode(f.name), 12 + i * 64);
      });
      return out;
    }
    return this.files[k - 0x20]?.data ?? new Uint8Array(0);
  }

  private select(key: number): void {
    this.key = key;
    this.offset = 0;
    this.selects.push(key);
  }

  private readByte(): number {
    const d = this.item(this.key);
    return this.offset < d.length ? d[this.offset++]! : 0;
  }

  private runDma(addr: number): void {
    const w = this.wire;
    const control = bswap(w.read32(addr));
    const length = bswap(w.read32(addr + 4));
    const target = bswap(w.read32(addr + 8)) * 2 ** 32 + bswap(w.read32(addr + 12));
    if (control & 0x08) this.select(control >>> 16);
    let status = 0;
    const data = this.item(this.key);
    if (control & 0x02) {
      const out = new Uint8Array(length);
      out.set(data.subarray(this.offset, Math.min(data.length, this.offset + length)));
      w.writeBytes(target, out);
      this.offset = Math.min(data.length, this.offset + length);
    } else if (control & 0x10) {
      const f = this.files[(this.key & 0x3fff) - 0x20];
      if (!f || !f.writable || this.offset + length > f.data.length) status = 1;
      else {
        const bytes = w.readBytes(target, length);
        f.data.set(bytes, this.offset);
        this.writes.push({ name: f.name, offset: this.offset, data: [...bytes] });
        this.offset += length;
      }
    } else if (control & 0x04) {
      this.offset = Math.min(data.length, this.offset + length);
    }
    w.write32(addr, bswap(status));
  }
}

function bswap(v: number): number {
  return (((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24)) >>> 0;
}

/** The fw_cfg files of a fixture's fwcfg-post/ (or fwcfg-pre/files) directory. */
export function fixtureFiles(dir: string): FakeFile[] {
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as { name: string; file: string }[];
  return index.map((e) => {
    const data = new Uint8Array(readFileSync(join(dir, '..', e.file)));
    const writable = e.name === 'etc/vmgenid_addr' || e.name.startsWith('etc/smi/requested') || e.name === 'etc/smi/features-ok';
    return { name: e.name, data: e.name === 'etc/vmgenid_addr' ? new Uint8Array(data.length) : data, writable };
  });
}
