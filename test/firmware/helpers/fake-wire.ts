/**
 * A minimal test machine behind the CPU wire: sparse RAM, port handlers and a debug
 * console. Only for driving firmware code in tests before (or besides) the real machine.
 */
import type { CpuWire } from '../../../src/spec/cpu-wire.js';

export interface FakePort {
  read(port: number, size: 1 | 2 | 4): number;
  write(port: number, size: 1 | 2 | 4, value: number): void;
}

const PAGE = 4096;

export class FakeWire implements CpuWire {
  private readonly pages = new Map<number, Uint8Array>();
  private readonly ports = new Map<number, FakePort>();
  console = '';
  time = 0;

  constructor() {
    this.mapPorts(0x402, 1, { read: () => 0xe9, write: (_p, _s, v) => { this.console += String.fromCharCode(v & 0xff); } });
  }

  mapPorts(base: number, len: number, handler: FakePort): void {
    for (let i = 0; i < len; i++) this.ports.set(base + i, handler);
  }

  private page(addr: number): Uint8Array {
    const n = Math.floor(addr / PAGE);
    let p = this.pages.get(n);
    if (!p) { p = new Uint8Array(PAGE); this.pages.set(n, p); }
    return p;
  }

  in8(port: number): number { return this.ports.get(port)?.read(port, 1) ?? 0xff; }
  in16(port: number): number { return this.ports.get(port)?.read(port, 2) ?? 0xffff; }
  in32(port: number): number { return this.ports.get(port)?.read(port, 4) ?? 0xffffffff; }
  out8(port: number, value: number): void { this.ports.get(port)?.write(port, 1, value & 0xff); }
  out16(port: number, value: number): void { this.ports.get(port)?.write(port, 2, value & 0xffff); }
  out32(port: number, value: number): void { this.ports.get(port)?.write(port, 4, value >>> 0); }

  read8(addr: number): number { return this.page(addr)[addr % PAGE]!; }
  read16(addr: number): number { return this.read8(addr) | (this.read8(addr + 1) << 8); }
  read32(addr: number): number { return (this.read16(addr) | (this.read16(addr + 2) << 16)) >>> 0; }
  read64(addr: number): bigint { return BigInt(this.read32(addr)) | (BigInt(this.read32(addr + 4)) << 32n); }
  write8(addr: number, value: number): void { this.page(addr)[addr % PAGE] = value & 0xff; }
  write16(addr: number, value: number): void { this.write8(addr, value); this.write8(addr + 1, value >> 8); }
  write32(addr: number, value: number): void { this.write16(addr, value & 0xffff); this.write16(addr + 2, value >>> 16); }
  write64(addr: number, value: bigint): void {
    this.write32(addr, Number(value & 0xffffffffn)); this.write32(addr + 4, Number((value >> 32n) & 0xffffffffn));
  }
  readBytes(addr: number, length: number): Uint8Array {
    const out = new Uint8Array(length);
    let done = 0;
    while (done < length) {
      const a = addr + done;
      const off = a % PAGE;
      const n = Math.min(PAGE - off, length - done);
      out.set(this.page(a).subarray(off, off + n), done);
      done += n;
    }
    return out;
  }
  writeBytes(addr: number, data: Uint8Array): void {
    let done = 0;
    while (done < data.length) {
      const a = addr + done;
      const off = a % PAGE;
      const n = Math.min(PAGE - off, data.length - done);
      this.page(a).set(data.subarray(done, done + n), off);
      done += n;
    }
  }
  now(): number { return this.time; }
  delay(ns: number): void { this.time += ns; }
  onInterrupt(): void {}
  setInterruptsEnabled(): void {}
  halt(): boolean { return false; }
}
