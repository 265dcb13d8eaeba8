/**
 * int 13h on the CD-ROM drive E0h, with SeaBIOS 1.16.2's results (disk.c on a DTYPE_*_ATAPI drive):
 * the EDD extensions with 2048-byte blocks (41h check, 42h read, 44h verify, 47h seek, 48h
 * parameters: removable, change line, lockable; geometry and size all ones), 43h write-protected,
 * 00h/01h; a failed read is AH=0Ch with the packet's count 0 (ahci_atapi_process_op and
 * ata's atapi path answer DISK_RET_EBADTRACK). Checked from x86 code by guest-images/eltorito-probe.
 */
import type { CpuWire } from '../../src/spec/cpu-wire.js';
import { BDA_BASE } from '../../src/spec/bios-data-area.js';
import { CD_SECTOR } from '../../src/spec/atapi.js';
import type { BiosFrame } from './frame.js';
import { cdRead, openCdrom } from './cdrom.js';
import { BDA_DISK_LAST_STATUS, ret, RET_EPARAM, RET_SUCCESS, eddPresent } from './disk-ret.js';

const RET_EWRITEPROTECT = 0x03;
const RET_EBADTRACK = 0x0c;
const EDD_TABLE_SIZE = 0x1a;
/** EDD 3.0 information flags of a CD-ROM: removable (bit 2), change line (4), lockable (5), ... (6). */
const EDD_FLAGS_CDROM = 0x74;
/** SeaBIOS reads at most 64 KiB of blocks per request. */
const MAX_BLOCKS = 64 * 1024 / CD_SECTOR;

export function int13Cdrom(wire: CpuWire, f: BiosFrame): void {
  const cd = openCdrom(wire);
  if (!cd) return ret(wire, f, RET_EPARAM);
  switch (f.hi('eax')) {
    case 0x00: return ret(wire, f, RET_SUCCESS);
    case 0x01: {
      const v = wire.read8(BDA_BASE + BDA_DISK_LAST_STATUS);
      f.setHi('eax', v);
      f.setFlag(1, v !== 0);
      return;
    }
    case 0x41: return eddPresent(wire, f);
    case 0x42: case 0x44: case 0x47: {
      const dap = f.linear('ds', f.get16('esi'));
      const count = wire.read16(dap + 2);
      if (f.hi('eax') !== 0x42 || count === 0) return ret(wire, f, RET_SUCCESS);
      const lba = Number(wire.read64(dap + 8));
      let addr = wire.read16(dap + 6) * 16 + wire.read16(dap + 4);
      for (let done = 0; done < count;) {
        const n = Math.min(MAX_BLOCKS, count - done);
        if (!cdRead(cd, lba + done, n, addr)) {
          wire.write16(dap + 2, 0);
          return ret(wire, f, RET_EBADTRACK);
        }
        done += n;
        addr += n * CD_SECTOR;
      }
      return ret(wire, f, RET_SUCCESS);
    }
    case 0x43: return ret(wire, f, RET_EWRITEPROTECT);
    case 0x48: {
      const at = f.linear('ds', f.get16('esi'));
      if (wire.read16(at) < EDD_TABLE_SIZE) return ret(wire, f, RET_EPARAM);
      wire.write16(at, EDD_TABLE_SIZE);
      wire.write16(at + 2, EDD_FLAGS_CDROM);
      wire.write32(at + 4, 0xffffffff);
      wire.write32(at + 8, 0xffffffff);
      wire.write32(at + 12, 0xffffffff);
      wire.write64(at + 16, 0xffffffffffffffffn);
      wire.write16(at + 24, CD_SECTOR);
      return ret(wire, f, RET_SUCCESS);
    }
    default: return ret(wire, f, RET_EPARAM);
  }
}
