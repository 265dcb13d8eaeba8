import type { PhysicalMemory } from '../../bus/physical-memory.js';

/**
 * A bus master's view of guest memory: transfers reach RAM only (not MMIO, not unmapped space), and
 * only while the PCI function may master the bus (command register bit 2). A transfer that would
 * touch anything else moves nothing and reports false; the caller sets the error bits.
 */
export class GuestDma {
  constructor(private readonly memory: PhysicalMemory, private readonly busMaster: () => boolean) {}

  /** Every byte of [addr, addr + length) is RAM the device may reach. */
  reachable(addr: number, length: number): boolean {
    if (!this.busMaster()) return false;
    let pos = addr;
    const end = addr + length;
    while (pos < end) {
      const r = this.memory.resolve(pos);
      if (!r || (r.mapping.target.kind !== 'ram' && r.mapping.target.kind !== 'pam')) return false;
      pos = r.end;
    }
    return true;
  }

  read(addr: number, length: number): Uint8Array | undefined {
    return this.reachable(addr, length) ? this.memory.readBytes(addr, length) : undefined;
  }

  write(addr: number, data: Uint8Array): boolean {
    if (!this.reachable(addr, data.length)) return false;
    this.memory.writeBytes(addr, data);
    return true;
  }
}
