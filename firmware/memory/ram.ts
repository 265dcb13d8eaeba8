/** RAM sizing (seabios-ovmf.md §1.2): etc/e820 first, CMOS as the fallback. */
import type { CpuWire } from '../../src/spec/cpu-wire.js';
import { E820_ENTRY_SIZE, E820_RAM, E820_RESERVED } from '../../src/spec/e820.js';
import type { E820Entry } from '../../src/spec/e820.js';
import type { FwCfg } from '../drivers/fw-cfg.js';
import { cmosRamSize } from '../cmos.js';

const FOUR_GIB = 2 ** 32;

export interface RamInfo {
  /** End of RAM below 4 GiB. */
  readonly ramSize: number;
  /** RAM above 4 GiB, in bytes. */
  readonly ramSizeOver4G: number;
  /** QEMU's entries the firmware adopts (RAM and reserved). */
  readonly entries: readonly E820Entry[];
  readonly source: 'etc/e820' | 'cmos';
}

export function sizeRam(wire: CpuWire, fwcfg: FwCfg | undefined): RamInfo {
  const file = fwcfg?.find('etc/e820');
  if (fwcfg && file && file.size >= E820_ENTRY_SIZE) {
    const raw = fwcfg.read(file.select, file.size);
    const dv = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    const entries: E820Entry[] = [];
    let ramSize = 0;
    let over = 0;
    for (let o = 0; o + E820_ENTRY_SIZE <= raw.length; o += E820_ENTRY_SIZE) {
      const address = Number(dv.getBigUint64(o, true));
      const length = Number(dv.getBigUint64(o + 8, true));
      const type = dv.getUint32(o + 16, true);
      if (type !== E820_RAM && type !== E820_RESERVED) continue;
      entries.push({ address, length, type });
      if (type !== E820_RAM) continue;
      if (address < FOUR_GIB) ramSize = Math.max(ramSize, address + length);
      else over = Math.max(over, address + length - FOUR_GIB);
    }
    return { ramSize, ramSizeOver4G: over, entries, source: 'etc/e820' };
  }
  const cmos = cmosRamSize(wire);
  const entries: E820Entry[] = [{ address: 0, length: cmos.below4g, type: E820_RAM }];
  if (cmos.above4g > 0) entries.push({ address: FOUR_GIB, length: cmos.above4g, type: E820_RAM });
  return { ramSize: cmos.below4g, ramSizeOver4G: cmos.above4g, entries, source: 'cmos' };
}

/** `romfile_loadint`: a 1/2/4/8-byte little-endian integer file, or the default. */
export function loadInt(fwcfg: FwCfg | undefined, name: string, dflt: number): number {
  const f = fwcfg?.find(name);
  if (!fwcfg || !f || ![1, 2, 4, 8].includes(f.size)) return dflt;
  const b = fwcfg.read(f.select, f.size);
  let v = 0;
  for (let i = f.size - 1; i >= 0; i--) v = v * 256 + b[i]!;
  return v;
}
