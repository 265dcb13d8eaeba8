/**
 * The logical (int 13h CHS) geometry SeaBIOS derives from a disk's physical one (src/block.c,
 * get_translation + setup_translation). For an IDE disk QEMU names the translation in CMOS; for the
 * drives fwlab emulates that is QEMU's automatic choice, the same heuristic SeaBIOS applies to AHCI
 * disks, which additionally falls back to LBA when the physical geometry claims more sectors than
 * the disk has (a one-cylinder image whose IDENTIFY reports QEMU's minimum of two cylinders).
 */
import type { AtaGeometry } from './ata-pio.js';

export type DiskKind = 'ata' | 'ahci';
type Translation = 'none' | 'large' | 'lba';

const MAX_LCHS_CYLINDERS = 1024;

function translationOf(p: AtaGeometry, kind: DiskKind): Translation {
  if (kind === 'ahci' && (!p.heads || !p.cylinders || !p.spt || p.heads * p.cylinders * p.spt > p.sectors)) return 'lba';
  if (p.cylinders <= 1024 && p.heads <= 16 && p.spt <= 63) return 'none';
  if (p.cylinders * p.heads <= 131072) return 'large';
  return 'lba';
}

export function logicalGeometry(p: AtaGeometry, kind: DiskKind): AtaGeometry {
  let { cylinders, heads, spt } = p;
  switch (translationOf(p, kind)) {
    case 'none': break;
    case 'large':
      while (cylinders > 1024) {
        cylinders >>= 1;
        heads <<= 1;
        if (heads > 127) break;
      }
      break;
    case 'lba': {
      spt = 63;
      if (p.sectors > 63 * 255 * 1024) {
        heads = 255;
        cylinders = 1024;
        break;
      }
      const sect = Math.floor(p.sectors / 63);
      const h = Math.floor(sect / 1024);
      heads = h > 128 ? 255 : h > 64 ? 128 : h > 32 ? 64 : h > 16 ? 32 : 16;
      cylinders = Math.floor(sect / heads);
      break;
    }
  }
  return { cylinders: Math.min(cylinders, MAX_LCHS_CYLINDERS), heads, spt, sectors: p.sectors };
}
