import type { CpuWire } from '../../src/spec/cpu-wire.js';
import type { Zone } from '../memory/zone.js';
import type { WritePointerRecord } from './host.js';

/**
 * SeaBIOS keeps every WRITE_POINTER it sent in a record allocated from ZoneHigh
 * (`struct romfile_wr_pointer_entry`, packed: u64 pointer, u32 offset, u16 fw_cfg key, u8 size,
 * then its list node, 23 bytes, 16-aligned), so that it can send them again on S3 resume. The
 * allocation moves the lowest used address of ZoneHigh, hence the e820 map an OS sees: with
 * `-device vmgenid` SeaBIOS 1.16.2 gives back one page less of ZoneHigh than without it.
 * fwlab's firmware writes the record's fields and leaves the list node zero (it keeps its own list).
 */
const RECORD_SIZE = 23;
const RECORD_ALIGN = 16;

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
  wire.writeBytes(addr, rec);
}
