import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One CHS cylinder of QEMU's guessed geometry (16 heads × 63 sectors), in bytes. */
export const CYLINDER_BYTES = 16 * 63 * 512;

/**
 * A raw disk image file of `cylinders` cylinders with `program` (hex) at LBA 0, the 55AAh boot
 * signature unless `signature` is false, and `sectors` (text at LBA 1, 2, ...) after it.
 */
export function bootSectorDisk(program: string, opts: { cylinders?: number; signature?: boolean; sectors?: readonly string[] } = {}): string {
  const image = new Uint8Array((opts.cylinders ?? 4) * CYLINDER_BYTES);
  image.set(Buffer.from(program, 'hex'));
  if (opts.signature !== false) {
    image[510] = 0x55;
    image[511] = 0xaa;
  }
  (opts.sectors ?? []).forEach((text, i) => image.set(Buffer.from(text), 512 * (i + 1)));
  const file = join(mkdtempSync(join(tmpdir(), 'fwlab-disk-')), 'disk.img');
  writeFileSync(file, image);
  return file;
}
