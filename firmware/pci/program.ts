/** Writing a placement into config space (§5.7 "Mapping"): BARs, ROM BARs without enable, windows. */
import type { PciConfig } from './config.js';
import type { PlacementResult } from './place.js';
import { barOffset, IO, MEM } from './inventory.js';
import {
  PCI_IO_BASE, PCI_IO_BASE_UPPER16, PCI_IO_LIMIT, PCI_IO_LIMIT_UPPER16, PCI_MEMORY_BASE, PCI_MEMORY_LIMIT,
  PCI_PREF_BASE_UPPER32, PCI_PREF_LIMIT_UPPER32, PCI_PREF_MEMORY_BASE, PCI_PREF_MEMORY_LIMIT,
} from './regs.js';

const hi32 = (x: number): number => Math.floor(x / 2 ** 32) >>> 0;
const lo32 = (x: number): number => x >>> 0;

export function programPlacement(cfg: PciConfig, p: Extract<PlacementResult, { ok: true }>): void {
  for (const b of p.bars) {
    const ofs = barOffset(b.dev, b.bar);
    cfg.write32(b.dev.bdf, ofs, lo32(b.addr));
    if (b.is64) cfg.write32(b.dev.bdf, ofs + 4, hi32(b.addr));
  }
  for (const w of p.windows) {
    const bdf = w.dev.bdf;
    const limit = w.addr + w.size - 1;
    if (w.type === IO) {
      cfg.write8(bdf, PCI_IO_BASE, (w.addr >>> 8) & 0xff);
      cfg.write16(bdf, PCI_IO_BASE_UPPER16, 0);
      cfg.write8(bdf, PCI_IO_LIMIT, (limit >>> 8) & 0xff);
      cfg.write16(bdf, PCI_IO_LIMIT_UPPER16, 0);
    } else if (w.type === MEM) {
      cfg.write16(bdf, PCI_MEMORY_BASE, (lo32(w.addr) >>> 16) & 0xffff);
      cfg.write16(bdf, PCI_MEMORY_LIMIT, (lo32(limit) >>> 16) & 0xffff);
    } else {
      cfg.write16(bdf, PCI_PREF_MEMORY_BASE, (lo32(w.addr) >>> 16) & 0xffff);
      cfg.write16(bdf, PCI_PREF_MEMORY_LIMIT, (lo32(limit) >>> 16) & 0xffff);
      cfg.write32(bdf, PCI_PREF_BASE_UPPER32, hi32(w.addr));
      cfg.write32(bdf, PCI_PREF_LIMIT_UPPER32, hi32(limit));
    }
  }
}
