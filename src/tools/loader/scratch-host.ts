/**
 * A scratch machine for the firmware's linker-loader executor: sparse guest memory, the fw_cfg
 * files of a capture (writable copies, so WRITE_POINTER results can be shown), and two bump
 * zones — HIGH top-down below `highTop`, FSEG top-down in 0xE0000..0xFFFFF.
 */
import type { LoaderFile, LoaderHost, LoaderZone } from '../../../firmware/loader/index.js';
import type { FwCfgFiles } from '../fw-cfg-dir/fw-cfg-dir.js';

const PAGE = 4096;

export class ScratchMemory {
  private readonly pages = new Map<number, Uint8Array>();
  read(addr: number, length: number): Uint8Array {
    const within = addr % PAGE;
    if (within + length <= PAGE) {
      // Within one page (a pointer, a checksum byte): one copy, no views.
      const p = this.pages.get(Math.floor(addr / PAGE));
      return p ? p.slice(within, within + length) : new Uint8Array(length);
    }
    const out = new Uint8Array(length);
    for (let done = 0; done < length;) {
      const at = addr + done;
      const within = at % PAGE;
      const n = Math.min(length - done, PAGE - within);
      const p = this.pages.get(Math.floor(at / PAGE));
      if (p) out.set(p.subarray(within, within + n), done);
      done += n;
    }
    return out;
  }
  write(addr: number, data: Uint8Array): void {
    const within = addr % PAGE;
    if (within + data.length <= PAGE) {
      const index = Math.floor(addr / PAGE);
      let p = this.pages.get(index);
      if (!p) this.pages.set(index, (p = new Uint8Array(PAGE)));
      if (data.length <= 8) for (let i = 0; i < data.length; i++) p[within + i] = data[i]!;
      else p.set(data, within);
      return;
    }
    for (let done = 0; done < data.length;) {
      const at = addr + done;
      const within = at % PAGE;
      const n = Math.min(data.length - done, PAGE - within);
      const index = Math.floor(at / PAGE);
      let p = this.pages.get(index);
      if (!p) this.pages.set(index, (p = new Uint8Array(PAGE)));
      p.set(data.subarray(done, done + n), within);
      done += n;
    }
  }
}

export interface ScratchHost extends LoaderHost {
  readonly memory: ScratchMemory;
  /** fw_cfg file contents after the run (WRITE_POINTER targets changed). */
  readonly fwCfg: Map<string, Uint8Array>;
}

export function scratchHost(files: FwCfgFiles, opts: { highTop?: number; dma?: boolean } = {}): ScratchHost {
  const memory = new ScratchMemory();
  const fwCfg = new Map([...files].map(([name, f]) => [name, f.data.slice()]));
  const keys = new Map([...files].map(([name, f]) => [f.select, name]));
  const tops: Record<LoaderZone, { top: number; floor: number }> = {
    HIGH: { top: opts.highTop ?? 0x20000000, floor: 0x100000 },
    FSEG: { top: 0x100000, floor: 0xe0000 },
  };
  return {
    memory,
    fwCfg,
    findFile: (name) => {
      const f = files.get(name);
      return f ? { key: f.select, size: f.data.length } : undefined;
    },
    loadFile: (file: LoaderFile, addr) => {
      const data = fwCfg.get(keys.get(file.key) ?? '') ?? new Uint8Array(0);
      memory.write(addr, data);
      return data.length;
    },
    writeFile: (file, offset, data) => {
      const target = fwCfg.get(keys.get(file.key) ?? '');
      if (opts.dma === false || !target || offset + data.length > target.length) return false;
      target.set(data, offset);
      return true;
    },
    alloc: (zone, size, align) => {
      const z = tops[zone];
      const a = Math.max(align, 16);
      const addr = Math.floor((z.top - size) / a) * a;
      if (addr < z.floor) return undefined;
      z.top = addr;
      return addr;
    },
    free: () => undefined,
    readBytes: (addr, length) => memory.read(addr, length),
    writeBytes: (addr, data) => memory.write(addr, data),
  };
}
