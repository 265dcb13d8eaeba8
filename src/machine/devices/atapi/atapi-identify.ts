/**
 * IDENTIFY PACKET DEVICE data of QEMU 7.2's ide-cd (ATA8-ACS §7.13), the same behind the PIIX IDE
 * channel and an AHCI port; checked word for word against real QEMU in
 * test/fixtures/qtest/atapi-ide-pc.trace and atapi-ahci-q35.trace.
 */
import { IDENTIFY_UDMA_DEFAULT } from '../ahci/ata-identify.js';

function ataString(w: Uint16Array, at: number, words: number, s: string): void {
  const padded = s.padEnd(words * 2, ' ');
  for (let i = 0; i < words; i++) w[at + i] = (padded.charCodeAt(2 * i) << 8) | padded.charCodeAt(2 * i + 1);
}

/** The 256 words; `serial` is QEMU's "QM%05d"; behind AHCI QEMU adds the NCQ words 75/76 here too. */
export function identifyPacketWords(serial: string, sata: boolean): Uint16Array {
  const w = new Uint16Array(256);
  // ATAPI (10b), removable, CD-ROM (05h), DRQ within 50 us, 12-byte packets
  w[0] = 0x85c0;
  ataString(w, 10, 10, serial);
  w[20] = 3; w[21] = 0x200; w[22] = 4; // buffer type and size (obsolete words QEMU still fills)
  ataString(w, 23, 4, '2.5+');
  ataString(w, 27, 20, 'QEMU DVD-ROM');
  w[48] = 1;
  w[49] = (1 << 9) | (1 << 8); // LBA, DMA
  w[53] = 7;
  w[62] = 7; w[63] = 7; w[64] = 3;
  w[65] = 0xb4; w[66] = 0xb4; w[67] = 0x12c; w[68] = 0xb4;
  w[71] = 30; w[72] = 30; // typical release and service times (ns)
  if (sata) { w[75] = 0x1f; w[76] = 0x100; }
  w[80] = 0x1e; // ATA/ATAPI-1 to -4
  w[88] = IDENTIFY_UDMA_DEFAULT;
  return w;
}
