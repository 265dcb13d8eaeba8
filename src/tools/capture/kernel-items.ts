import { le32 } from '../../lib/bytes.js';
import type { FwCfgQtestReader } from './fw-cfg-qtest.js';

/** The fw_cfg keys -kernel/-initrd/-append fill (qemu_fw_cfg.h), each item's size given by a companion key or 4. */
const SIZED_BY: ReadonlyArray<readonly [number, number | undefined]> = [
  [0x07, undefined], [0x08, undefined], [0x0a, undefined], [0x0b, undefined], [0x10, undefined],
  [0x11, 0x08], [0x12, 0x0b], [0x13, undefined], [0x14, undefined], [0x15, 0x14],
  [0x16, undefined], [0x17, undefined], [0x18, 0x17],
];

export interface KernelItem {
  readonly key: number;
  readonly data: Uint8Array;
}

/**
 * Reads the kernel items of a paused QEMU. fw_cfg has no size for a plain item, so 4-byte
 * items are read as 4 bytes and each *_DATA item as long as its *_SIZE item says.
 */
export async function readKernelItems(reader: FwCfgQtestReader): Promise<KernelItem[]> {
  const out: KernelItem[] = [];
  const values = new Map<number, number>();
  for (const [key, sizeKey] of SIZED_BY) {
    const size = sizeKey === undefined ? 4 : values.get(sizeKey) ?? 0;
    const data = await reader.read(key, size);
    if (sizeKey === undefined) values.set(key, le32(data, 0));
    out.push({ key, data });
  }
  return out;
}

/** Where capture puts the kernel items inside its output directory. */
export const KERNEL_ITEMS_DIR = 'kernel-items';
export function kernelItemFileName(key: number): string {
  return `0x${key.toString(16).padStart(2, '0')}.bin`;
}
