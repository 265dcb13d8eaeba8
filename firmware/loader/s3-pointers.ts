import type { CpuWire } from '../../src/spec/cpu-wire.js';
import type { Zone } from '../memory/zone.js';
import type { WritePointerRecord } from './host.js';
import { WRITE_POINTER_LIST_HEAD } from '../s3/resume-vars.js';
import { FW_CFG_DMA_CTL_ERROR, FW_CFG_DMA_CTL_SELECT, FW_CFG_DMA_CTL_SKIP, FW_CFG_DMA_CTL_WRITE, FW_CFG_PORT_DMA_LO, FW_CFG_PORT_SEL } from '../../src/spec/fw-cfg.js';

/**
 * SeaBIOS keeps every WRITE_POINTER it sent in a record allocated from ZoneHigh
 * (`struct romfile_wr_pointer_entry`, packed: u64 pointer, u32 offset, u16 fw_cfg key, u8 size,
 * then its hlist node {next, pprev}, 23 bytes, 16-aligned), so that it can send them again on S3
 * resume (`romfile_fw_cfg_resume`). The allocation moves the lowest used address of ZoneHigh, hence
 * the e820 map an OS sees: with `-device vmgenid` SeaBIOS 1.16.2 gives back one page less of
 * ZoneHigh than without it. Each record goes to the head of the list (hlist_add_head), whose head
 * lives in the F-segment (s3/resume-vars.ts), so the replay walks them newest first.
 */
const RECORD_SIZE = 23;
const RECORD_ALIGN = 16;
const NODE = 15;
/**
 * Where the replay builds its DMA descriptor: SeaBIOS runs s3_resume on its stack below
 * BUILD_S3RESUME_STACK_ADDR (0x1000), the one piece of low memory it takes from the OS.
 */
const RESUME_DMA_DESCRIPTOR = 0xff0;

export function keepWritePointer(wire: CpuWire, high: Zone, w: WritePointerRecord, log: (line: string) => void): void {
  const addr = high.alloc(RECORD_SIZE, RECORD_ALIGN);
  if (addr === undefined) {
    log('WARNING - Unable to allocate resource at romfile_loader_write_pointer');
    return;
  }
  const rec = new Uint8Array(RECORD_SIZE);
  const view = new DataView(rec.buffer);
  view.setBigUint64(0, w.value, true);
  view.setUint32(8, w.offset, true);
  view.setUint16(12, w.key, true);
  rec[14] = w.size;
  const first = wire.read32(WRITE_POINTER_LIST_HEAD);
  view.setUint32(NODE, first, true);
  view.setUint32(NODE + 4, WRITE_POINTER_LIST_HEAD, true);
  wire.writeBytes(addr, rec);
  if (first !== 0) wire.write32(first + 4, addr + NODE);
  wire.write32(WRITE_POINTER_LIST_HEAD, addr + NODE);
}

function bswap32(v: number): number {
  return (((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24)) >>> 0;
}

function dma(wire: CpuWire, control: number, length: number, address: number): boolean {
  const d = RESUME_DMA_DESCRIPTOR;
  wire.write32(d, bswap32(control));
  wire.write32(d + 4, bswap32(length));
  wire.write32(d + 8, 0);
  wire.write32(d + 12, bswap32(address));
  wire.out32(FW_CFG_PORT_DMA_LO, bswap32(d));
  return (bswap32(wire.read32(d)) & FW_CFG_DMA_CTL_ERROR) === 0;
}

/**
 * `romfile_fw_cfg_resume`: every kept record sent again as SeaBIOS's qemu_cfg_write_file_simple
 * does (offset 0: one SELECT|WRITE; else a port select, SKIP and WRITE), the record itself the
 * DMA source. Returns how many were sent.
 */
export function replayWritePointers(wire: CpuWire, log: (line: string) => void): number {
  let n = 0;
  for (let node = wire.read32(WRITE_POINTER_LIST_HEAD); node !== 0 && n < 256; node = wire.read32(node), n++) {
    const rec = node - NODE;
    const offset = wire.read32(rec + 8);
    const key = wire.read16(rec + 12);
    const size = wire.read8(rec + 14);
    let ok: boolean;
    if (offset === 0) ok = dma(wire, ((key << 16) | FW_CFG_DMA_CTL_SELECT | FW_CFG_DMA_CTL_WRITE) >>> 0, size, rec);
    else {
      wire.out16(FW_CFG_PORT_SEL, key);
      ok = dma(wire, FW_CFG_DMA_CTL_SKIP, offset, 0) && dma(wire, FW_CFG_DMA_CTL_WRITE, size, rec);
    }
    if (!ok) log(`WARNING - fw_cfg write of key 0x${key.toString(16)} failed on resume`);
  }
  return n;
}
