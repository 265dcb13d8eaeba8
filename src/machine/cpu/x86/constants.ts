/** EFLAGS bits (SDM vol. 1 §3.4.3). */
export const CF = 0x0001;
export const PF = 0x0004;
export const AF = 0x0010;
export const ZF = 0x0040;
export const SF = 0x0080;
export const TF = 0x0100;
export const IF = 0x0200;
export const DF = 0x0400;
export const OF = 0x0800;
export const IOPL = 0x3000;
export const NT = 0x4000;
export const RF = 0x10000;
export const VM = 0x20000;
export const AC = 0x40000;
export const VIF = 0x80000;
export const VIP = 0x100000;
export const ID = 0x200000;
/** The status flags the arithmetic instructions write. */
export const ARITH_FLAGS = CF | PF | AF | ZF | SF | OF;

/** CR0 bits (SDM vol. 3 §2.5). */
export const CR0_PE = 0x1;
export const CR0_MP = 0x2;
export const CR0_EM = 0x4;
export const CR0_TS = 0x8;
export const CR0_ET = 0x10;
export const CR0_NE = 0x20;
export const CR0_WP = 0x10000;
export const CR0_AM = 0x40000;
export const CR0_NW = 0x20000000;
export const CR0_CD = 0x40000000;
export const CR0_PG = 0x80000000 | 0;

/** CR4 bits. */
export const CR4_VME = 0x1;
export const CR4_PVI = 0x2;
export const CR4_TSD = 0x4;
export const CR4_DE = 0x8;
export const CR4_PSE = 0x10;
export const CR4_PAE = 0x20;
export const CR4_MCE = 0x40;
export const CR4_PGE = 0x80;
export const CR4_PCE = 0x100;
export const CR4_OSFXSR = 0x200;
export const CR4_OSXMMEXCPT = 0x400;
/** The CR4 bits this core implements; setting another raises #GP(0). */
export const CR4_SUPPORTED = CR4_TSD | CR4_DE | CR4_PSE | CR4_PAE | CR4_MCE | CR4_PGE | CR4_PCE;

/** Exception vectors (SDM vol. 3 Table 6-1). */
export const DE_VEC = 0;
export const DB_VEC = 1;
export const NMI_VEC = 2;
export const BP_VEC = 3;
export const OF_VEC = 4;
export const BR_VEC = 5;
export const UD_VEC = 6;
export const NM_VEC = 7;
export const DF_VEC = 8;
export const TS_VEC = 10;
export const NP_VEC = 11;
export const SS_VEC = 12;
export const GP_VEC = 13;
export const PF_VEC = 14;
export const MF_VEC = 16;
export const AC_VEC = 17;

/** Segment register numbers as the ModRM reg field and the prefixes name them. */
export const ES = 0;
export const CS = 1;
export const SS = 2;
export const DS = 3;
export const FS = 4;
export const GS = 5;
/** Descriptor-table registers kept with the segments: LDTR and TR have caches too. */
export const LDTR = 6;
export const TR = 7;

/** Descriptor access-rights byte (the byte at +5, kept in bits 0-7 of a cache's `rights`). */
export const DESC_P = 0x80;
export const DESC_S = 0x10;
export const DESC_CODE = 0x08;
/** Code: conforming. Data: expand-down. */
export const DESC_CONFORMING = 0x04;
export const DESC_EXPAND_DOWN = 0x04;
/** Code: readable. Data: writable. */
export const DESC_RW = 0x02;
export const DESC_ACCESSED = 0x01;
/** Bits kept in a cache's `rights` above the access byte: D/B (default size) and G. */
export const DESC_DB = 0x4000;
export const DESC_G = 0x8000;
