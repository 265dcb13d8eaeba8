/**
 * A BIOS call frame in guest memory (src/spec/bios-call.ts): the caller's registers as the
 * ROM stub saved them. A service reads its inputs here and leaves its outputs here; the stub
 * restores them, so what is in the frame when the service returns is what the caller sees.
 */
import type { CpuWire } from '../../src/spec/cpu-wire.js';
import { BIOS_FRAME, FLAGS_CF, FLAGS_ZF } from '../../src/spec/bios-call.js';

type Reg32 = 'eax' | 'ebx' | 'ecx' | 'edx' | 'esi' | 'edi' | 'ebp';
type Seg = 'ds' | 'es';

export class BiosFrame {
  constructor(private readonly wire: CpuWire, readonly address: number) {}

  get32(r: Reg32): number {
    return this.wire.read32(this.address + BIOS_FRAME[r]) >>> 0;
  }
  set32(r: Reg32, v: number): void {
    this.wire.write32(this.address + BIOS_FRAME[r], v >>> 0);
  }
  get16(r: Reg32): number {
    return this.wire.read16(this.address + BIOS_FRAME[r]);
  }
  set16(r: Reg32, v: number): void {
    this.wire.write16(this.address + BIOS_FRAME[r], v & 0xffff);
  }
  /** The low byte (AL, BL, CL, DL). */
  lo(r: 'eax' | 'ebx' | 'ecx' | 'edx'): number {
    return this.wire.read8(this.address + BIOS_FRAME[r]);
  }
  setLo(r: 'eax' | 'ebx' | 'ecx' | 'edx', v: number): void {
    this.wire.write8(this.address + BIOS_FRAME[r], v & 0xff);
  }
  /** The high byte (AH, BH, CH, DH). */
  hi(r: 'eax' | 'ebx' | 'ecx' | 'edx'): number {
    return this.wire.read8(this.address + BIOS_FRAME[r] + 1);
  }
  setHi(r: 'eax' | 'ebx' | 'ecx' | 'edx', v: number): void {
    this.wire.write8(this.address + BIOS_FRAME[r] + 1, v & 0xff);
  }
  seg(s: Seg): number {
    return this.wire.read16(this.address + BIOS_FRAME[s]);
  }
  setSeg(s: Seg, v: number): void {
    this.wire.write16(this.address + BIOS_FRAME[s], v & 0xffff);
  }
  /** The linear address of seg:off (real mode). */
  linear(s: Seg, offset: number): number {
    return this.seg(s) * 16 + (offset & 0xffff);
  }

  get flags(): number {
    return this.wire.read16(this.address + BIOS_FRAME.flags);
  }
  set flags(v: number) {
    this.wire.write16(this.address + BIOS_FRAME.flags, v & 0xffff);
  }
  setFlag(mask: number, on: boolean): void {
    this.flags = on ? this.flags | mask : this.flags & ~mask;
  }
  /** Success: CF clear. */
  ok(): void {
    this.setFlag(FLAGS_CF, false);
  }
  /** Failure: CF set and AH = status, SeaBIOS's convention for most services. */
  fail(status: number): void {
    this.setHi('eax', status);
    this.setFlag(FLAGS_CF, true);
  }
  setZero(on: boolean): void {
    this.setFlag(FLAGS_ZF, on);
  }
  /** The caller's return address (CS:IP after the INT instruction). */
  get returnAddress(): { cs: number; ip: number } {
    return { cs: this.wire.read16(this.address + BIOS_FRAME.cs), ip: this.wire.read16(this.address + BIOS_FRAME.ip) };
  }
}
