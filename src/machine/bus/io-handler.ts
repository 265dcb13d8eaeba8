/** Access widths in bytes. Port I/O uses 1/2/4; memory also 8. */
export type AccessSize = 1 | 2 | 4 | 8;

/**
 * A device's register window. Offsets are relative to where the window is mapped:
 * a device never knows its base address (cloud-hypervisor's BusDevice).
 * Guest-triggered misbehaviour must not throw: return all-ones, drop the write.
 */
export interface IoHandler {
  read(offset: number, size: AccessSize): number;
  write(offset: number, size: AccessSize, value: number): void;
  /** Bitmask of widths the handler takes itself (1|2|4); the bus splits the rest. Default: all. */
  readonly sizes?: number;
}

export function allOnes(size: AccessSize): number {
  return size >= 4 ? 0xffffffff : (1 << (size * 8)) - 1;
}

/** Host/programming error: a board or device asked for something impossible. */
export class MappingError extends Error {
  override readonly name = 'MappingError';
}
