import type { PhysicalMemory } from '../bus/physical-memory.js';
import type { IoHandler } from '../bus/io-handler.js';
import { nfitStructures } from '../acpi/nvdimm-tables.js';
import { nvdimmHandle, NVDIMM_DSM_MEM_SIZE, NVDIMM_QEMU_RSVD_HANDLE_ROOT } from './nvdimm-acpi.js';
import type { Nvdimm } from './nvdimm.js';
import { logger } from '../../lib/log.js';
import { hex } from '../../lib/hex.js';

const log = logger('nvdimm');

/** DSM status codes (NVDIMM DSM Interface Example, chapter 3) and QEMU's "FIT changed". */
export const DSM_STATUS = { SUCCESS: 0, UNSUPPORTED: 1, INVALID: 3, FIT_CHANGED: 0x100 } as const;
/** Input page: handle, revision, function, then Arg3's buffer (docs/specs/acpi_nvdimm.rst). */
const IN_HANDLE = 0;
const IN_REVISION = 4;
const IN_FUNCTION = 8;
const IN_ARG3 = 12;
/** Output page: total length (including itself), then the result. */
const OUT_MAX_PAYLOAD = NVDIMM_DSM_MEM_SIZE - 4;
/** Largest label transfer: what fits both the reply (length, status) and a Set request (12-byte header, offset, length). */
export const MAX_LABEL_XFER = Math.min(NVDIMM_DSM_MEM_SIZE - 8, NVDIMM_DSM_MEM_SIZE - 12 - 8);

const u32 = (b: Uint8Array, o: number) => (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
function le32(v: number): number[] {
  return [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
}

/**
 * QEMU's NVDIMM ACPI port (0x0A18, 4 bytes): NCAL writes the DSM page address (MEMA) there; the
 * host reads the request from guest RAM and writes the reply back before the write returns.
 * Implemented: function 0 queries, the label functions 4/5/6 on NVDIMMs with `label-size`
 * (area at the end of the backend), QEMU's Read FIT (handle 0x10000, function 1).
 * Everything else answers "unsupported".
 * A bad page address never throws: the reply is simply written where the guest asked.
 */
export class NvdimmDsm implements IoHandler {
  readonly sizes = 4;
  requests = 0;

  constructor(private readonly memory: PhysicalMemory, private readonly nvdimms: readonly Nvdimm[]) {}

  read(): number {
    return 0xffffffff;
  }

  write(offset: number, size: number, value: number): void {
    if (offset !== 0 || size !== 4) return;
    this.requests++;
    const page = value >>> 0;
    const input = this.memory.readBytes(page, NVDIMM_DSM_MEM_SIZE);
    const handle = u32(input, IN_HANDLE);
    const revision = u32(input, IN_REVISION);
    const fn = u32(input, IN_FUNCTION);
    const reply = this.handle(handle, revision, fn, input.subarray(IN_ARG3));
    log('DSM page %s handle %s rev %d function %d -> %d bytes', hex(page), hex(handle), revision, fn, reply.length);
    this.memory.writeBytes(page, Uint8Array.from([...le32(reply.length + 4), ...reply]));
  }

  private handle(handle: number, revision: number, fn: number, arg3: Uint8Array): number[] {
    if (revision !== 1) return le32(DSM_STATUS.UNSUPPORTED);
    if (handle === NVDIMM_QEMU_RSVD_HANDLE_ROOT) {
      return fn === 1 ? this.readFit(u32(arg3, 0)) : le32(DSM_STATUS.UNSUPPORTED);
    }
    if (handle === 0) return fn === 0 ? le32(0) : le32(DSM_STATUS.UNSUPPORTED);
    const dimm = this.nvdimms.find((d) => nvdimmHandle(d.slot) === handle);
    if (!dimm) return le32(DSM_STATUS.INVALID);
    const labels = dimm.labelSize > 0;
    switch (fn) {
      case 0: // supported functions: 0 and, with a label area, 4/5/6
        return le32(labels ? 1 | (1 << 4) | (1 << 5) | (1 << 6) : 0);
      case 4: // Get Namespace Label Size: status, area size, max transfer
        return labels ? [...le32(DSM_STATUS.SUCCESS), ...le32(dimm.labelSize), ...le32(MAX_LABEL_XFER)] : le32(DSM_STATUS.UNSUPPORTED);
      case 5:
        return labels ? this.getLabel(dimm, u32(arg3, 0), u32(arg3, 4)) : le32(DSM_STATUS.UNSUPPORTED);
      case 6:
        return labels ? this.setLabel(dimm, u32(arg3, 0), u32(arg3, 4), arg3.subarray(8)) : le32(DSM_STATUS.UNSUPPORTED);
      default:
        return le32(DSM_STATUS.UNSUPPORTED);
    }
  }

  private labelRangeOk(d: Nvdimm, offset: number, length: number): boolean {
    return length <= MAX_LABEL_XFER && offset + length <= d.labelSize;
  }

  /** Get Namespace Label Data: status, then `length` bytes from the label area. */
  private getLabel(d: Nvdimm, offset: number, length: number): number[] {
    if (!this.labelRangeOk(d, offset, length)) return le32(DSM_STATUS.INVALID);
    const out = le32(DSM_STATUS.SUCCESS);
    for (let i = 0; i < length; i++) out.push(d.ram.read8(d.size + offset + i));
    return out;
  }

  /** Set Namespace Label Data: the input carries offset, length, then the bytes. */
  private setLabel(d: Nvdimm, offset: number, length: number, data: Uint8Array): number[] {
    if (!this.labelRangeOk(d, offset, length) || length > data.length) return le32(DSM_STATUS.INVALID);
    for (let i = 0; i < length; i++) d.ram.write8(d.size + offset + i, data[i]!);
    return le32(DSM_STATUS.SUCCESS);
  }

  /** Read FIT: status, then the NFIT structures from `offset`, at most one page. */
  private readFit(offset: number): number[] {
    const dimms = this.nvdimms.map((d) => ({ slot: d.slot, base: d.base, size: d.size, node: d.node, unarmed: d.unarmed }))
      .sort((a, b) => a.slot - b.slot);
    const fit = nfitStructures(dimms);
    if (offset > fit.length) return le32(DSM_STATUS.INVALID);
    const chunk = fit.subarray(offset, offset + OUT_MAX_PAYLOAD - 4);
    return [...le32(DSM_STATUS.SUCCESS), ...chunk];
  }
}
