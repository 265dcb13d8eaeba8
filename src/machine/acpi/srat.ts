import { SRAT_MEM_ENABLED, SRAT_MEM_HOTPLUGGABLE, SRAT_MEM_NON_VOLATILE, SRAT_TYPE } from '../../spec/acpi.js';
import type { TableWriter } from './table-writer.js';
import { LOW_MEMORY_END, ONE_MIB } from '../boards/layout.js';

const HOLE_640K_START = LOW_MEMORY_END;
const HOLE_640K_END = ONE_MIB;

export interface SratInput {
  /** Every possible CPU: its APIC ID and node (an affinity entry each, enabled). */
  readonly cpus: ReadonlyArray<{ readonly apicId: number; readonly node: number }>;
  /** RAM per NUMA node, in node order (one node when NUMA is only implied by memory hot-plug). */
  readonly nodeMemory: readonly number[];
  readonly below4g: number;
  readonly above4gStart: number;
  readonly nvdimms: ReadonlyArray<{ readonly base: number; readonly size: number; readonly node: number }>;
  readonly deviceMemory?: { readonly base: number; readonly size: number } | undefined;
}

function memoryAffinity(w: TableWriter, base: number, length: number, node: number, flags: number): void {
  w.blob.byte(SRAT_TYPE.MEMORY).byte(40).uint(node, 4).uint(0, 2).uint(base, 8).uint(length, 8).uint(0, 4).uint(flags, 4).zeros(8);
}

/**
 * SRAT as QEMU 7.2 builds it for pc/q35: one APIC affinity per CPU, each node's RAM split
 * around the 640K–1M and PCI holes, the NVDIMMs (non-volatile), padding entries up to
 * nodes + 2 memory structures, then the hot-pluggable device-memory window.
 */
export function writeSrat(w: TableWriter, s: SratInput): void {
  const start = w.begin('SRAT', 1);
  w.blob.uint(1, 4).zeros(8);
  for (const c of s.cpus) {
    // Proximity domain bits 0-7, APIC ID, flags (enabled), SAPIC EID, domain bits 8-31, clock domain.
    w.blob.byte(SRAT_TYPE.PROCESSOR_APIC).byte(16).byte(c.node & 0xff).byte(c.apicId).uint(1, 4).byte(0).byte((c.node >>> 8) & 0xff).byte((c.node >>> 16) & 0xff).byte(c.node >>> 24).uint(0, 4);
  }
  const memStart = w.blob.length;
  let next = 0;
  s.nodeMemory.forEach((size, node) => {
    let base = next;
    let len = size;
    next = base + len;
    if (base <= HOLE_640K_START && next > HOLE_640K_START) {
      len -= next - HOLE_640K_START;
      if (len > 0) memoryAffinity(w, base, len, node, SRAT_MEM_ENABLED);
      if (next <= HOLE_640K_END) { next = HOLE_640K_END; return; }
      base = HOLE_640K_END;
      len = next - HOLE_640K_END;
    }
    if (base <= s.below4g && next > s.below4g) {
      len -= next - s.below4g;
      if (len > 0) memoryAffinity(w, base, len, node, SRAT_MEM_ENABLED);
      base = s.above4gStart;
      len = next - s.below4g;
      next = base + len;
    }
    if (len > 0) memoryAffinity(w, base, len, node, SRAT_MEM_ENABLED);
  });
  for (const d of s.nvdimms) memoryAffinity(w, d.base, d.size, d.node, SRAT_MEM_ENABLED | SRAT_MEM_NON_VOLATILE);
  for (let n = (w.blob.length - memStart) / 40; n < s.nodeMemory.length + 2; n++) memoryAffinity(w, 0, 0, 0, 0);
  if (s.deviceMemory) {
    memoryAffinity(w, s.deviceMemory.base, s.deviceMemory.size, s.nodeMemory.length - 1, SRAT_MEM_ENABLED | SRAT_MEM_HOTPLUGGABLE);
  }
  w.end(start);
}

/** SLIT (§5.2.17): the locality count, then one distance byte per (source, destination) pair. */
export function writeSlit(w: TableWriter, matrix: ReadonlyArray<readonly number[]>): void {
  const start = w.begin('SLIT', 1);
  w.blob.uint(matrix.length, 8);
  for (const row of matrix) for (const d of row) w.blob.byte(d);
  w.end(start);
}
