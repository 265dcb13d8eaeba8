/** The loop of guest-images/bench-loop.asm, written again from its description (not from any emulator). */
export function benchChecksum(iterations: number): string {
  let a = 0x12345678;
  let b = 0x9e3779b9;
  let d = 0;
  for (let c = iterations; c > 0; c--) {
    a = (a + b) >>> 0;
    d = (d ^ a) >>> 0;
    d = ((d << 5) | (d >>> 27)) >>> 0;
    b = Math.imul(b, 0x01000193) >>> 0;
    if (c & 1) d = (d + 1) >>> 0;
  }
  return d.toString(16).padStart(8, '0');
}

/** Offset of the dword iteration count in bench-loop.img. */
export const BENCH_ITERATIONS_OFFSET = 0x1f8;
