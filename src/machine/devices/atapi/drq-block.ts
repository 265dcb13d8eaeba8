/**
 * The bytes of the next DRQ block under the host's byte count limit (ATA8-ACS §7.18.4): FFFFh means
 * FFFEh, and a limit that cuts the data must be even (QEMU takes an odd one down by one).
 */
export function drqBlock(remaining: number, bcl: number): number {
  const limit = bcl === 0xffff || bcl === 0 ? 0xfffe : bcl;
  return remaining > limit ? limit & ~1 : remaining;
}
