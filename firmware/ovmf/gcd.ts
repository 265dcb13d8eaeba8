/**
 * edk2 PciHostBridgeDxe AllocateResource over the GCD: a root bridge's request of one type is
 * tried at each multiple of its alignment from the aperture base upwards and taken at the first
 * address where it overlaps nothing allocated before (other root bridges' requests included).
 */
export class GcdSpace {
  private readonly taken: Array<{ base: number; end: number }> = [];

  /**
   * The base, or undefined when the request fits nowhere below `end` (exclusive). The start is
   * the aperture base aligned to the request; the step is the alignment capped at `maxBits`
   * (15 for I/O, 31 for MMIO32, 63 for MMIO64).
   */
  allocate(length: number, alignment: number, base: number, end: number, maxBits: number): number | undefined {
    const step = Math.min(alignment + 1, 2 ** maxBits);
    for (let a = Math.ceil(base / (alignment + 1)) * (alignment + 1); a + length <= end; a += step) {
      if (this.taken.some((t) => a < t.end && t.base < a + length)) continue;
      this.taken.push({ base: a, end: a + length });
      return a;
    }
    return undefined;
  }
}
