import type { MemoryTarget } from '../bus/memory-target.js';
import type { AccessSize } from '../bus/io-handler.js';
import type { RamBlock } from '../bus/ram-block.js';
import type { PhysicalMemory } from '../bus/physical-memory.js';
import { allOnes } from '../bus/io-handler.js';
import { BIOS_F_SEGMENT, ISA_BIOS_BASE, PAM_BASE, PAM_EXPANSION_SEGMENTS, PAM_SEGMENT_SIZE } from './layout.js';

/** PAM attribute of one segment: 0 = ROM/PCI, 1 = RAM read only, 2 = RAM write only, 3 = RAM read/write. */
export type PamMode = 0 | 1 | 2 | 3;
export const PAM_SEGMENT_COUNT = PAM_EXPANSION_SEGMENTS + 1;

/** One PAM-controlled segment: reads and writes go to RAM or to the ROM/PCI side by mode. */
class PamSegment implements MemoryTarget {
  readonly kind = 'pam';
  mode: PamMode = 0;
  constructor(
    private readonly ram: RamBlock,
    private readonly ramOffset: number,
    readonly size: number,
    private readonly rom: () => Uint8Array | undefined,
    private readonly romOffset: number,
  ) {}
  read(offset: number, size: AccessSize): number {
    if (this.mode & 1) return this.ram.read(this.ramOffset + offset, size);
    const rom = this.rom();
    if (!rom || this.romOffset < 0) return allOnes(size);
    let v = 0;
    for (let i = size - 1; i >= 0; i--) v = v * 256 + (rom[this.romOffset + offset + i] ?? 0xff);
    return v;
  }
  write(offset: number, size: AccessSize, value: number): void {
    if (this.mode & 2) this.ram.write(this.ramOffset + offset, size, value);
  }
  readInto(offset: number, out: Uint8Array, outOffset: number, length: number): void {
    if (this.mode & 1) {
      this.ram.readInto(this.ramOffset + offset, out, outOffset, length);
      return;
    }
    const rom = this.rom();
    const start = this.romOffset + offset;
    if (!rom || this.romOffset < 0 || start + length > rom.length) {
      for (let i = 0; i < length; i++) out[outOffset + i] = this.read(offset + i, 1);
      return;
    }
    out.set(rom.subarray(start, start + length), outOffset);
  }
  writeFrom(offset: number, data: Uint8Array, dataOffset: number, length: number): void {
    if (this.mode & 2) this.ram.writeFrom(this.ramOffset + offset, data, dataOffset, length);
  }
}

/**
 * The Programmable Attribute Map over 0xC0000–0xFFFFF (i440FX 0x59–0x5F, MCH 0x90–0x96):
 * at reset every segment reads the BIOS ROM alias (or nothing), and the firmware opens
 * RAM behind it to shadow itself and to write the F-segment tables.
 */
export class PamController {
  private readonly segments: PamSegment[] = [];
  private readonly registers = new Uint8Array(7);

  constructor(memory: PhysicalMemory, ram: RamBlock, rom: () => Uint8Array | undefined) {
    for (let i = 0; i < PAM_SEGMENT_COUNT; i++) {
      const base = i < PAM_EXPANSION_SEGMENTS ? PAM_BASE + i * PAM_SEGMENT_SIZE : BIOS_F_SEGMENT;
      const size = i < PAM_EXPANSION_SEGMENTS ? PAM_SEGMENT_SIZE : 0x10000;
      // The last 128 KiB of the ROM shows through at 0xE0000 (isa-bios); below that, PCI (nothing).
      const romOffsetFromIsaBios = base - ISA_BIOS_BASE;
      const seg = new PamSegment(ram, base, size, () => {
        const r = rom();
        return r && r.length >= 0x20000 ? r.subarray(r.length - 0x20000) : r;
      }, romOffsetFromIsaBios);
      this.segments.push(seg);
      memory.map(`pam-${base.toString(16)}`, base, seg, { priority: 1 });
    }
  }

  /** Register n (0 = 0xF0000 in bits 5:4; 1–6 = two 16 KiB segments each, low nibble first). */
  writeRegister(n: number, value: number): void {
    if (n < 0 || n > 6) return;
    this.registers[n] = value & 0x33;
    if (n === 0) this.segments[PAM_EXPANSION_SEGMENTS]!.mode = ((value >> 4) & 3) as PamMode;
    else {
      this.segments[(n - 1) * 2]!.mode = (value & 3) as PamMode;
      this.segments[(n - 1) * 2 + 1]!.mode = ((value >> 4) & 3) as PamMode;
    }
  }

  readRegister(n: number): number {
    return this.registers[n] ?? 0;
  }

  modes(): PamMode[] {
    return this.segments.map((s) => s.mode);
  }

  reset(): void {
    for (let n = 0; n < 7; n++) this.writeRegister(n, 0);
  }
}
