import { RamBlock } from '../bus/ram-block.js';
import { RamWindow } from '../bus/memory-target.js';
import { VGA_WINDOW_BASE, VGA_WINDOW_SIZE } from '../boards/layout.js';
import type { PhysicalMemory } from '../bus/physical-memory.js';
import type { Snapshottable } from '../snapshot/part-state.js';

/**
 * The legacy VGA memory window 0xA0000-0xBFFFF of a VGA-class display (QEMU's `vga-lowmem`): memory
 * the guest reads back what it wrote, so the text buffer at 0xB8000 works (Linux's vgacon checks it
 * by writing and reading 0xAA55 before it says "colour VGA+"). fwlab keeps it as plain memory: no
 * planes, no chain-4 or odd/even addressing, nothing is drawn. One window per machine, however many
 * VGA cards (the first one decodes the legacy ranges, as on QEMU).
 */
export function mapVgaLowmem(ctx: { readonly memory: PhysicalMemory; addState(name: string, part: Snapshottable): void }): void {
  if (ctx.memory.mappings().some((m) => m.name === 'vga-lowmem')) return;
  const block = new RamBlock('vga-lowmem', VGA_WINDOW_SIZE);
  ctx.memory.map('vga-lowmem', VGA_WINDOW_BASE, new RamWindow(block, 0, VGA_WINDOW_SIZE));
  ctx.addState('vga-lowmem', block);
}
