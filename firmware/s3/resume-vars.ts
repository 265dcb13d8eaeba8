/**
 * What SeaBIOS keeps in its F-segment for an S3 resume (runtime variables: HaveRunPost, RsdpAddr,
 * the `romfile_pointer_list` head, acpi_pm_base), at a fixed place in fwlab's F-segment. The
 * F-segment is shadow RAM the firmware locks read-only, and the host bridge's PAM survives the
 * reset of a wake-up as in QEMU, so the resume path reads back what POST left.
 *
 *   +0 u32 HaveRunPost (1 once POST ran)   +4 u32 RsdpAddr   +8 u32 WRITE_POINTER list head
 *   (hlist_head.first: a record's node)    +12 u16 acpi_pm_base   +14 u8 chipset (1 i440FX, 2 q35)
 */
import type { CpuWire } from '../../src/spec/cpu-wire.js';
import type { Chipset } from '../pci/chipset.js';

export { RESUME_VARS_ADDR } from '../bios/layout.js';
import { RESUME_VARS_ADDR } from '../bios/layout.js';
export const RESUME_VARS_SIZE = 16;
/** The address of the list head, the `pprev` of the first record. */
export const WRITE_POINTER_LIST_HEAD = RESUME_VARS_ADDR + 8;

export interface ResumeVars {
  readonly rsdp: number;
  readonly pmBase: number;
  readonly chipset: Chipset;
}

const CHIPSET_CODE: Readonly<Record<Chipset, number>> = { unknown: 0, i440fx: 1, q35: 2 };

/** POST's part, with the F-segment writable (the list head is written as records are kept). */
export function writeResumeVars(wire: CpuWire, v: ResumeVars): void {
  wire.write32(RESUME_VARS_ADDR, 1);
  wire.write32(RESUME_VARS_ADDR + 4, v.rsdp);
  wire.write16(RESUME_VARS_ADDR + 12, v.pmBase);
  wire.write8(RESUME_VARS_ADDR + 14, CHIPSET_CODE[v.chipset]);
}

/** `code_mutable_preinit` at a power-on POST: nothing has run, no list yet. */
export function clearResumeVars(wire: CpuWire): void {
  wire.writeBytes(RESUME_VARS_ADDR, new Uint8Array(RESUME_VARS_SIZE));
}

/** The variables, or undefined when POST never ran (HaveRunPost clear). */
export function readResumeVars(wire: CpuWire): ResumeVars | undefined {
  if (wire.read32(RESUME_VARS_ADDR) !== 1) return undefined;
  const code = wire.read8(RESUME_VARS_ADDR + 14);
  const chipset = (Object.keys(CHIPSET_CODE) as Chipset[]).find((c) => CHIPSET_CODE[c] === code) ?? 'unknown';
  return { rsdp: wire.read32(RESUME_VARS_ADDR + 4), pmBase: wire.read16(RESUME_VARS_ADDR + 12), chipset };
}
