/** Bits 35:32 of a physical page per linear page: one entry per 4 KiB page of the 4 GiB linear space. */
const PAGES = 1 << 20;

/**
 * PAE (SDM vol. 3 §4.4) with MAXPHYADDR 36 (no CPUID leaf 0x80000008) and no NX (IA32_EFER.NXE cannot
 * be set): in an entry's high dword every bit but 35:32 is reserved, bit 63 (XD) included.
 */
export const PAE_HI_RSVD = 0xfffffff0 | 0;
/** PDPTE bits 2:1 and 8:5 are reserved (§4.4.1). */
export const PDPTE_LO_RSVD = 0x1e6;
/** A 2 MiB page's PDE: bits 20:13 are reserved. */
export const PDE2M_LO_RSVD = 0x1fe000;
export const TWO32 = 4294967296;

/** PAE state beside the TLB. */
export class PaeState {
  /** The four page-directory-pointer-table entries, low and high dwords (loaded with CR3, §4.4.1). */
  readonly pdpteLo = new Int32Array(4);
  readonly pdpteHi = new Int32Array(4);
  /** Bits 35:32 of each TLB entry's physical page; such pages get no direct view. */
  readonly physHi = new Int32Array(PAGES);
  /** The last walk's physical page: low 32 bits and bits 35:32. */
  walkPhys = 0;
  walkPhysHi = 0;
}
