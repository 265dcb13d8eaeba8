/**
 * IDENTIFY DEVICE data of a QEMU 7.2 ide-hd (hw/ide/core.c ide_identify), with the NCQ words behind
 * AHCI, without them on the PIIX IDE channels; checked word for word against real QEMU in
 * test/fixtures/qtest/ahci-q35.trace and bmdma-pc.trace.
 */

export const SECTOR = 512;

import type { DiskGeometry } from '../disk-geometry.js';

/** Word 88 (UDMA modes supported 0-5, selected in the high byte) and 62/63 (SW/MW DMA), as QEMU resets them. */
export const IDENTIFY_UDMA_DEFAULT = 0x203f;
export const IDENTIFY_DMA_MODES = 0x07;

function ataString(w: Uint16Array, at: number, words: number, s: string): void {
  const padded = s.padEnd(words * 2, ' ');
  for (let i = 0; i < words; i++) w[at + i] = (padded.charCodeAt(2 * i) << 8) | padded.charCodeAt(2 * i + 1);
}

/** The 256 words; `serial` is QEMU's "QM%05d"; `ncq`: behind AHCI. */
export function identifyWords(g: DiskGeometry, serial: string, ncq = true): Uint16Array {
  const w = new Uint16Array(256);
  const chs = Math.min(g.sectors, g.cylinders * g.heads * g.spt);
  const lba28 = Math.min(g.sectors, 0x0fffffff);
  w[0] = 0x0040; // fixed disk
  w[1] = g.cylinders; w[3] = g.heads; w[4] = SECTOR * g.spt; w[5] = SECTOR; w[6] = g.spt;
  ataString(w, 10, 10, serial);
  w[20] = 3; w[21] = 0x200; w[22] = 4; // buffer type and size (obsolete words QEMU still fills)
  ataString(w, 23, 4, '2.5+');
  ataString(w, 27, 20, 'QEMU HARDDISK');
  w[47] = 0x8010; // READ/WRITE MULTIPLE up to 16 sectors
  w[48] = 1;
  w[49] = (1 << 11) | (1 << 9) | (1 << 8); // IORDY, LBA, DMA
  w[51] = 0x200; w[52] = 0x200; w[53] = 7;
  w[54] = g.cylinders; w[55] = g.heads; w[56] = g.spt;
  w[57] = chs & 0xffff; w[58] = chs >>> 16;
  w[59] = 0x110; // multiple sector setting valid: 16
  w[60] = lba28 & 0xffff; w[61] = lba28 >>> 16;
  w[62] = IDENTIFY_DMA_MODES; w[63] = IDENTIFY_DMA_MODES; w[64] = 3;
  w[65] = 120; w[66] = 120; w[67] = 120; w[68] = 120;
  w[69] = 0x4000;
  if (ncq) { w[75] = 0x1f; w[76] = 0x100; } // NCQ, queue depth 32
  w[80] = 0xf0; w[81] = 0x16;
  w[82] = 0x4021; w[83] = 0x7400; w[84] = 0x4000;
  w[85] = 0x4021; w[86] = 0x3400; w[87] = 0x4000;
  w[88] = IDENTIFY_UDMA_DEFAULT;
  w[93] = 0x6001;
  w[100] = g.sectors & 0xffff;
  w[101] = Math.floor(g.sectors / 0x10000) & 0xffff;
  w[102] = Math.floor(g.sectors / 2 ** 32) & 0xffff;
  w[106] = 0x6000;
  w[169] = 1; // DATA SET MANAGEMENT (TRIM)
  return w;
}
