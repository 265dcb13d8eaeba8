import type { PhysicalMemory } from '../bus/physical-memory.js';
import type { FwCfgDevice } from './fw-cfg-device.js';
import {
  FW_CFG_DMA_ACCESS_ADDRESS, FW_CFG_DMA_ACCESS_CONTROL, FW_CFG_DMA_ACCESS_LENGTH, FW_CFG_DMA_DESC_SIZE,
  FW_CFG_DMA_CTL_ERROR, FW_CFG_DMA_CTL_READ, FW_CFG_DMA_CTL_SELECT, FW_CFG_DMA_CTL_SKIP, FW_CFG_DMA_CTL_WRITE,
} from '../../spec/fw-cfg.js';
import { be32, setBe32 } from '../../lib/bytes.js';
import { hex } from '../../lib/hex.js';
import { logger } from '../../lib/log.js';

const log = logger('fwcfg');

/** True when every byte of [addr, addr+length) decodes to something (RAM, ROM or MMIO). */
export function isMapped(memory: PhysicalMemory, addr: number, length: number): boolean {
  let pos = addr;
  const end = addr + length;
  while (pos < end) {
    const r = memory.resolve(pos);
    if (!r) return false;
    pos = r.end;
  }
  return true;
}

type Op = 'read' | 'write' | 'skip';

/**
 * One DMA request, synchronous, as QEMU 7.2's fw_cfg_dma_transfer behaves (qemu-host.md §1.6):
 * READ beats WRITE beats SKIP; reads past the end zero-fill; a write to a read-only item, or
 * one that would not fit entirely, sets ERROR and stores nothing. The control word is written
 * back big-endian: 0, or ERROR.
 */
export function runDmaTransfer(dev: FwCfgDevice, descAddr: number): void {
  const mem = dev.memory;
  if (!isMapped(mem, descAddr, FW_CFG_DMA_DESC_SIZE)) {
    log('DMA descriptor at %s unreadable', hex(descAddr));
    writeControl(mem, descAddr, FW_CFG_DMA_CTL_ERROR);
    return;
  }
  const desc = mem.readBytes(descAddr, FW_CFG_DMA_DESC_SIZE);
  let control = be32(desc, FW_CFG_DMA_ACCESS_CONTROL);
  let length = be32(desc, FW_CFG_DMA_ACCESS_LENGTH);
  let address = be32(desc, FW_CFG_DMA_ACCESS_ADDRESS) * 2 ** 32 + be32(desc, FW_CFG_DMA_ACCESS_ADDRESS + 4);

  if (control & FW_CFG_DMA_CTL_SELECT) dev.select(control >>> 16);
  let op: Op;
  if (control & FW_CFG_DMA_CTL_READ) op = 'read';
  else if (control & FW_CFG_DMA_CTL_WRITE) op = 'write';
  else if (control & FW_CFG_DMA_CTL_SKIP) op = 'skip';
  else {
    op = 'skip';
    length = 0;
  }
  if (log.enabled) log('DMA %s %d bytes at %s (control %s)', op, length, hex(address), hex(control, 8));
  // No QEMU trace event covers a DMA transfer; fwlab's own name.
  dev.trace?.(`fw_cfg_dma ${op} ${length} bytes at ${hex(address)} offset ${dev.current.offset}`);

  let error = false;
  while (length > 0 && !error) {
    const { item, offset } = dev.current;
    let n: number;
    if (!item || offset >= item.data.length) {
      n = length;
      if (op === 'read') {
        if (isMapped(mem, address, n)) mem.zeroFill(address, n);
        else error = true;
      } else if (op === 'write') error = true;
    } else {
      n = Math.min(length, item.data.length - offset);
      if (op === 'read') {
        if (isMapped(mem, address, n)) mem.writeBytes(address, item.data.subarray(offset, offset + n));
        else error = true;
      } else if (op === 'write') {
        if (!item.writable || n !== length || !isMapped(mem, address, n)) error = true;
        else {
          item.data.set(mem.readBytes(address, n), offset);
          item.onWrite?.(offset, n);
        }
      }
      dev.advance(n);
    }
    address += n;
    length -= n;
  }
  control = error ? FW_CFG_DMA_CTL_ERROR : 0;
  if (error) log('DMA error');
  writeControl(mem, descAddr, control);
}

function writeControl(mem: PhysicalMemory, descAddr: number, control: number): void {
  const b = new Uint8Array(4);
  setBe32(b, 0, control);
  mem.writeBytes(descAddr + FW_CFG_DMA_ACCESS_CONTROL, b);
}
