/** The loader host of the real firmware: fw_cfg over the wire, SeaBIOS-style zones. */
import type { CpuWire } from '../../src/spec/cpu-wire.js';
import type { FwCfg } from '../drivers/fw-cfg.js';
import type { Zone } from '../memory/zone.js';
import type { LoaderFile, LoaderHost, LoaderZone } from './host.js';

export interface ZoneSet {
  readonly HIGH: Zone;
  readonly FSEG: Zone;
}

/** Optional forced placement: name → address (replaying another firmware's allocations). */
export type Placement = ReadonlyMap<string, number>;

/** `pageSize`: allocate whole pages, page-aligned, tail zero-filled (OVMF's AllocatePages). */
export function fwCfgLoaderHost(wire: CpuWire, fwcfg: FwCfg, zones: ZoneSet, placement?: Placement, pageSize?: number): LoaderHost {
  const owner = new Map<number, LoaderZone>();
  return {
    findFile: (name) => {
      const f = fwcfg.find(name);
      return f ? { key: f.select, size: f.size } : undefined;
    },
    loadFile: (file: LoaderFile, addr) => {
      fwcfg.readInto(file.key, addr, file.size);
      return file.size;
    },
    writeFile: (file, offset, data) => fwcfg.write(file.key, offset, data),
    alloc: (zone, size, align, _below4g, name) => {
      const forced = placement?.get(name);
      const len = pageSize ? Math.ceil(size / pageSize) * pageSize : size;
      const addr = forced !== undefined ? (zones[zone].allocAt(forced, len) ? forced : undefined)
        : zones[zone].alloc(len, pageSize ? Math.max(align, pageSize) : align);
      if (addr !== undefined && len > size) wire.writeBytes(addr + size, new Uint8Array(len - size));
      if (addr !== undefined) owner.set(addr, zone);
      return addr;
    },
    free: (addr) => {
      const z = owner.get(addr);
      if (z) zones[z].freeBlock(addr);
      owner.delete(addr);
    },
    readBytes: (addr, length) => wire.readBytes(addr, length),
    writeBytes: (addr, data) => wire.writeBytes(addr, data),
  };
}
