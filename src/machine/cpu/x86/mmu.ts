import type { PhysicalMemory } from '../../bus/physical-memory.js';
import { DeviceHandlerError } from '../device-fault.js';
import { CR0_PG, CR0_WP, CR4_PAE, CR4_PGE, CR4_PSE, GP_VEC, PF_VEC } from './constants.js';
import { FAULT } from './errors.js';
import { CodePages } from './code-pages.js';
import { PAE_HI_RSVD, PDE2M_LO_RSVD, PDPTE_LO_RSVD, TWO32 } from './pae.js';
import type { PaeState } from './pae.js';

export { PaeState } from './pae.js';

/** TLB entry rights (one Int32 per linear page; 0 = no entry). */
const R_SUP = 1;
const W_SUP = 2;
const R_USER = 4;
const W_USER = 8;
/** The entry has a direct view for reads / writes (RAM, or ROM for reads only). */
const DIRECT_R = 16;
const DIRECT_W = 32;
const GLOBAL = 64;
const PAGES = 1 << 20;
/** Entries tracked for a selective flush; past this many a flush clears the whole table. */
const TRACKED = 4096;

/** Page-table entry bits (SDM vol. 3 §4.3, 32-bit paging). */
const PTE_P = 1;
const PTE_W = 2;
const PTE_U = 4;
const PTE_A = 0x20;
const PTE_D = 0x40;
const PDE_PS = 0x80;
const PTE_G = 0x100;
/** The page-fault error code's reserved-bit flag (SDM vol. 3 §4.7). */
const PF_RSVD = 8;
/**
 * Linear → physical: A20 masking, 32-bit paging (4 KiB and 4 MiB PSE pages, CR0.WP, accessed and
 * dirty bits, global pages) and a TLB per linear page that also caches a direct view of RAM/ROM,
 * so the common access is an array index. Faults throw FAULT with CR2 set.
 */
export class X86Mmu {
  cr0 = 0x60000010;
  cr2 = 0;
  cr3 = 0;
  cr4 = 0;
  cpl = 0;
  /** -1, or ~(1 << 20) while the A20 gate is closed. */
  a20Mask = -1;

  private readonly tlbInfo = new Int32Array(PAGES);
  private readonly tlbPhys = new Int32Array(PAGES);
  private readonly tlbOff = new Int32Array(PAGES);
  private readonly tlbMem: Array<Uint8Array | undefined> = new Array<Uint8Array | undefined>(PAGES).fill(undefined);
  private readonly tlbUsed = new Int32Array(TRACKED);
  private tlbCount = 0;
  private tlbOverflow = false;
  private rdNeed = R_SUP | DIRECT_R;
  private wrNeed = W_SUP | DIRECT_W;
  /**
   * The code page the fetcher reads directly: linear page number (-1: none), its bytes and where the
   * page starts in them. Dropped with any TLB change, CPL change or CS load.
   */
  fetchPage = -1;
  fetchMem: Uint8Array = new Uint8Array(0);
  fetchOff = 0;
  /** Physical page number (below 4 GiB) of the fetch page. */
  fetchPhysPage = 0;
  /**
   * Physical pages translated blocks were read from (jit/) and their write counts, shared by every
   * CPU on this memory (CodePages): no CPU's TLB has a direct write view of them, so every write
   * reaches the bus, where it is counted in `pageGen` and any CPU's block over it is checked again.
   */
  private readonly codePages: Uint8Array;
  readonly pageGen: Int32Array;
  /** Bumped when the memory layout changes (PAM, BARs): bytes at an address may change without a write. */
  layoutEpoch = 0;
  /** Device-handler failure seen during a CPU access (reported by the run loop as DeviceHandlerError). */
  protected deviceFault: DeviceHandlerError | undefined;
  /**
   * PAE: the PDPTE registers and the TLB's physical bits 35:32. Created by the most derived class as
   * its last field (X86Cpu): a field added here moves every hot field after it and cost ~4% of
   * `npm run bench`'s x86 figure.
   */
  declare readonly pae: PaeState;

  constructor(readonly memory: PhysicalMemory) {
    memory.onChange(() => { this.layoutEpoch++; this.flushTlb(true); });
    const shared = CodePages.of(memory);
    shared.join(this);
    this.codePages = shared.pages;
    this.pageGen = shared.gen;
  }

  /** Marks a physical page as holding translated code: no CPU on this memory keeps a direct write view of it. */
  protected markCode(physPage: number): void {
    if (this.codePages[physPage]) return;
    CodePages.of(this.memory).mark(physPage);
  }

  /** Another CPU (or this one) translated code from `physPage`: TLB entries lose their direct write view of it. */
  dropDirectWrite(physPage: number): void {
    if (this.tlbOverflow) { this.flushTlb(true); return; }
    for (let i = 0; i < this.tlbCount; i++) {
      const p = this.tlbUsed[i]!;
      if (((this.tlbPhys[p]! >>> 12) & 0xfffff) === physPage) this.tlbInfo[p] = this.tlbInfo[p]! & ~DIRECT_W;
    }
  }

  /** Raise `vector` with an error code (-1: none). Never returns. */
  fault(vector: number, errorCode = -1): never {
    FAULT.vector = vector;
    FAULT.errorCode = errorCode;
    throw FAULT;
  }

  /** CPL changed, or CR0.WP: recompute the fast-path rights. */
  protected setCpl(cpl: number): void {
    this.cpl = cpl;
    this.fetchPage = -1;
    this.rdNeed = (cpl === 3 ? R_USER : R_SUP) | DIRECT_R;
    this.wrNeed = (cpl === 3 ? W_USER : W_SUP) | DIRECT_W;
  }

  flushTlb(global: boolean): void {
    this.fetchPage = -1;
    if (this.tlbOverflow) {
      this.tlbInfo.fill(0);
      this.tlbMem.fill(undefined);
      this.tlbCount = 0;
      this.tlbOverflow = false;
      return;
    }
    let kept = 0;
    for (let i = 0; i < this.tlbCount; i++) {
      const p = this.tlbUsed[i]!;
      if (!global && (this.tlbInfo[p]! & GLOBAL)) { this.tlbUsed[kept++] = p; continue; }
      this.tlbInfo[p] = 0;
      this.tlbMem[p] = undefined;
    }
    this.tlbCount = kept;
  }

  /** INVLPG: drop one page's entry (global or not). */
  invalidatePage(lin: number): void {
    const p = lin >>> 12;
    this.tlbInfo[p] = 0;
    this.tlbMem[p] = undefined;
    this.fetchPage = -1;
  }

  /** Makes `lin`'s page the direct fetch page when the TLB has a direct read view of it (after a read). */
  protected cacheFetchPage(lin: number): void {
    const p = lin >>> 12;
    if ((this.tlbInfo[p]! & this.rdNeed) === this.rdNeed) {
      this.fetchPage = p;
      this.fetchMem = this.tlbMem[p]!;
      this.fetchOff = this.tlbOff[p]!;
      this.fetchPhysPage = (this.tlbPhys[p]! >>> 12) & 0xfffff;
    }
  }

  // ---- physical access (page tables, the bus path) ----

  /** Before a bus access off the direct RAM path (a device may read the clock): the core brings the clock up to date. */
  protected beforeBus(): void {}

  protected physRead(addr: number, size: 1 | 2 | 4): number {
    this.beforeBus();
    addr = addr < TWO32 ? (addr & this.a20Mask) >>> 0 : addr;
    try {
      return this.memory.read(addr, size);
    } catch (e) {
      throw this.wrapDevice(e, addr, `read${size * 8}`);
    }
  }

  protected physWrite(addr: number, size: 1 | 2 | 4, value: number): void {
    this.beforeBus();
    addr = addr < TWO32 ? (addr & this.a20Mask) >>> 0 : addr;
    try {
      this.memory.write(addr, size, size === 4 ? value >>> 0 : value & (size === 1 ? 0xff : 0xffff));
    } catch (e) {
      throw this.wrapDevice(e, addr, `write${size * 8}`);
    }
  }

  private wrapDevice(e: unknown, addr: number, access: string): unknown {
    if (e instanceof DeviceHandlerError || e === FAULT) return e;
    const fault = new DeviceHandlerError(this.memory.resolve(addr)?.mapping.name ?? 'unknown', 'memory', addr, access, e);
    this.deviceFault ??= fault;
    return fault;
  }

  // ---- translation ----

  /** Walks the page tables for `lin` (faulting as the SDM says), fills the TLB entry and returns its rights. */
  protected fill(lin: number, write: boolean, user: boolean): number {
    const page = lin >>> 12;
    let phys: number;
    let rights: number;
    let high = 0;
    if (!(this.cr0 & CR0_PG)) {
      phys = lin & ~0xfff & this.a20Mask;
      rights = R_SUP | W_SUP | R_USER | W_USER;
    } else if (this.cr4 & CR4_PAE) {
      rights = this.walkPae(lin, write, user);
      phys = this.pae.walkPhys;
      high = this.pae.walkPhysHi;
    } else {
      const wp = (this.cr0 & CR0_WP) !== 0;
      const pdeAddr = ((this.cr3 & ~0xfff) >>> 0) + ((lin >>> 22) << 2);
      let pde = this.physRead(pdeAddr, 4);
      if (!(pde & PTE_P)) this.pageFault(lin, 0, write, user);
      let u: number;
      let w: number;
      let dirty: boolean;
      let global: boolean;
      if ((pde & PDE_PS) && (this.cr4 & CR4_PSE)) {
        u = pde & PTE_U;
        w = pde & PTE_W;
        this.checkAccess(lin, u, w, write, user, wp);
        const set = PTE_A | (write ? PTE_D : 0);
        if ((pde & set) !== set) { pde |= set; this.physWrite(pdeAddr, 4, pde); }
        phys = ((pde & 0xffc00000) | (lin & 0x3ff000)) & this.a20Mask;
        dirty = (pde & PTE_D) !== 0;
        global = (pde & PTE_G) !== 0;
      } else {
        const pteAddr = ((pde & ~0xfff) >>> 0) + (((lin >>> 12) & 0x3ff) << 2);
        let pte = this.physRead(pteAddr, 4);
        if (!(pte & PTE_P)) this.pageFault(lin, 0, write, user);
        u = pde & pte & PTE_U;
        w = pde & pte & PTE_W;
        this.checkAccess(lin, u, w, write, user, wp);
        if (!(pde & PTE_A)) this.physWrite(pdeAddr, 4, pde | PTE_A);
        const set = PTE_A | (write ? PTE_D : 0);
        if ((pte & set) !== set) { pte |= set; this.physWrite(pteAddr, 4, pte); }
        phys = (pte & ~0xfff) & this.a20Mask;
        dirty = (pte & PTE_D) !== 0;
        global = (pte & PTE_G) !== 0;
      }
      rights = R_SUP;
      // A write right is cached only once the page is dirty, so the first write walks and sets D.
      if (dirty && (w || !wp)) rights |= W_SUP;
      if (u) rights |= R_USER | (w && dirty ? W_USER : 0);
      if (global && (this.cr4 & CR4_PGE)) rights |= GLOBAL;
    }
    const view = high === 0 ? this.memory.directView(phys >>> 0, 4096) : undefined;
    if (view) {
      rights |= DIRECT_R | (view.writable && !this.codePages[(phys >>> 12) & 0xfffff] ? DIRECT_W : 0);
      this.tlbMem[page] = view.bytes;
      this.tlbOff[page] = view.start;
    } else {
      this.tlbMem[page] = undefined;
    }
    if (this.tlbInfo[page] === 0) {
      if (this.tlbCount < TRACKED) this.tlbUsed[this.tlbCount++] = page;
      else this.tlbOverflow = true;
    }
    this.tlbInfo[page] = rights;
    this.tlbPhys[page] = phys;
    this.pae.physHi[page] = high;
    return rights;
  }

  /**
   * PAE translation (SDM vol. 3 §4.4.2): PDPTE register → PDE (2 MiB page when PS) → PTE, 64-bit
   * entries; a reserved bit set in a present entry is a #PF with RSVD. Returns the TLB rights.
   */
  private walkPae(lin: number, write: boolean, user: boolean): number {
    const wp = (this.cr0 & CR0_WP) !== 0;
    const i = lin >>> 30;
    const pdpteLo = this.pae.pdpteLo[i]!;
    if (!(pdpteLo & PTE_P)) this.pageFault(lin, 0, write, user);
    const pdeAddr = (this.pae.pdpteHi[i]! & 0xf) * TWO32 + ((pdpteLo & ~0xfff) >>> 0) + ((lin >>> 21) & 0x1ff) * 8;
    let pde = this.physRead(pdeAddr, 4);
    const pdeHi = this.physRead(pdeAddr + 4, 4);
    if (!(pde & PTE_P)) this.pageFault(lin, 0, write, user);
    if (pdeHi & PAE_HI_RSVD || ((pde & PDE_PS) && (pde & PDE2M_LO_RSVD))) this.pageFault(lin, 1 | PF_RSVD, write, user);
    let u: number;
    let w: number;
    let dirty: boolean;
    let global: boolean;
    if (pde & PDE_PS) {
      u = pde & PTE_U;
      w = pde & PTE_W;
      this.checkAccess(lin, u, w, write, user, wp);
      const set = PTE_A | (write ? PTE_D : 0);
      if ((pde & set) !== set) { pde |= set; this.physWrite(pdeAddr, 4, pde); }
      this.pae.walkPhys = ((pde & 0xffe00000) | (lin & 0x1ff000)) & this.a20Mask;
      this.pae.walkPhysHi = pdeHi & 0xf;
      dirty = (pde & PTE_D) !== 0;
      global = (pde & PTE_G) !== 0;
    } else {
      const pteAddr = (pdeHi & 0xf) * TWO32 + ((pde & ~0xfff) >>> 0) + ((lin >>> 12) & 0x1ff) * 8;
      let pte = this.physRead(pteAddr, 4);
      const pteHi = this.physRead(pteAddr + 4, 4);
      if (!(pte & PTE_P)) this.pageFault(lin, 0, write, user);
      if (pteHi & PAE_HI_RSVD) this.pageFault(lin, 1 | PF_RSVD, write, user);
      u = pde & pte & PTE_U;
      w = pde & pte & PTE_W;
      this.checkAccess(lin, u, w, write, user, wp);
      if (!(pde & PTE_A)) this.physWrite(pdeAddr, 4, pde | PTE_A);
      const set = PTE_A | (write ? PTE_D : 0);
      if ((pte & set) !== set) { pte |= set; this.physWrite(pteAddr, 4, pte); }
      this.pae.walkPhys = (pte & ~0xfff) & this.a20Mask;
      this.pae.walkPhysHi = pteHi & 0xf;
      dirty = (pte & PTE_D) !== 0;
      global = (pte & PTE_G) !== 0;
    }
    let rights = R_SUP;
    if (dirty && (w || !wp)) rights |= W_SUP;
    if (u) rights |= R_USER | (w && dirty ? W_USER : 0);
    if (global && (this.cr4 & CR4_PGE)) rights |= GLOBAL;
    return rights;
  }

  /**
   * Loads the PDPTE registers from the 32-byte table at CR3 (PAE with paging on, §4.4.1): a present
   * entry with a reserved bit set is #GP(0), and nothing is loaded.
   */
  loadPdptes(cr3: number): void {
    const base = (cr3 & ~0x1f) >>> 0;
    const lo: number[] = [];
    const hi: number[] = [];
    for (let i = 0; i < 4; i++) {
      const l = this.physRead(base + i * 8, 4);
      const h = this.physRead(base + i * 8 + 4, 4);
      if ((l & PTE_P) && ((l & PDPTE_LO_RSVD) || (h & PAE_HI_RSVD))) this.fault(GP_VEC, 0);
      lo.push(l);
      hi.push(h);
    }
    this.pae.pdpteLo.set(lo);
    this.pae.pdpteHi.set(hi);
  }

  /** MOV CR3 (and a task switch's CR3): PDPTEs first in PAE mode, then the non-global TLB entries go. */
  writeCr3(v: number): void {
    if ((this.cr0 & CR0_PG) && (this.cr4 & CR4_PAE)) this.loadPdptes(v);
    this.cr3 = v;
    this.flushTlb(false);
  }

  private checkAccess(lin: number, u: number, w: number, write: boolean, user: boolean, wp: boolean): void {
    if (user && !u) this.pageFault(lin, 1, write, user);
    if (write && !w && (user || wp)) this.pageFault(lin, 1, write, user);
  }

  private pageFault(lin: number, present: number, write: boolean, user: boolean): never {
    this.cr2 = lin >>> 0;
    return this.fault(PF_VEC, present | (write ? 2 : 0) | (user ? 4 : 0));
  }

  /** Physical address of `lin` for an access with these rights (walks on a miss or a missing right). */
  translate(lin: number, write: boolean, user: boolean): number {
    const page = lin >>> 12;
    const need = write ? (user ? W_USER : W_SUP) : (user ? R_USER : R_SUP);
    if ((this.tlbInfo[page]! & need) === 0) this.fill(lin, write, user);
    const low = (this.tlbPhys[page]! | (lin & 0xfff)) >>> 0;
    const high = this.pae.physHi[page]!;
    return high === 0 ? low : high * TWO32 + low;
  }

  // ---- linear access with the current privilege (fast path: a TLB hit on RAM) ----

  rd8(lin: number): number {
    const p = lin >>> 12;
    if ((this.tlbInfo[p]! & this.rdNeed) === this.rdNeed) return this.tlbMem[p]![this.tlbOff[p]! + (lin & 0xfff)]!;
    return this.physRead(this.translate(lin, false, this.cpl === 3), 1);
  }

  rd16(lin: number): number {
    const p = lin >>> 12;
    const o = lin & 0xfff;
    if (o !== 0xfff && (this.tlbInfo[p]! & this.rdNeed) === this.rdNeed) {
      const m = this.tlbMem[p]!;
      const i = this.tlbOff[p]! + o;
      return m[i]! | (m[i + 1]! << 8);
    }
    if (o !== 0xfff) return this.physRead(this.translate(lin, false, this.cpl === 3), 2);
    return this.rd8(lin) | (this.rd8(lin + 1) << 8);
  }

  rd32(lin: number): number {
    const p = lin >>> 12;
    const o = lin & 0xfff;
    if (o <= 0xffc && (this.tlbInfo[p]! & this.rdNeed) === this.rdNeed) {
      const m = this.tlbMem[p]!;
      const i = this.tlbOff[p]! + o;
      return m[i]! | (m[i + 1]! << 8) | (m[i + 2]! << 16) | (m[i + 3]! << 24);
    }
    if (o <= 0xffc) return this.physRead(this.translate(lin, false, this.cpl === 3), 4) | 0;
    const user = this.cpl === 3;
    this.translate(lin, false, user);
    this.translate(lin + 4, false, user);
    let v = 0;
    for (let i = 3; i >= 0; i--) v = (v << 8) | this.rd8(lin + i);
    return v;
  }

  wr8(lin: number, v: number): void {
    const p = lin >>> 12;
    if ((this.tlbInfo[p]! & this.wrNeed) === this.wrNeed) { this.tlbMem[p]![this.tlbOff[p]! + (lin & 0xfff)] = v; return; }
    this.physWrite(this.translate(lin, true, this.cpl === 3), 1, v);
  }

  wr16(lin: number, v: number): void {
    const p = lin >>> 12;
    const o = lin & 0xfff;
    if (o !== 0xfff && (this.tlbInfo[p]! & this.wrNeed) === this.wrNeed) {
      const m = this.tlbMem[p]!;
      const i = this.tlbOff[p]! + o;
      m[i] = v;
      m[i + 1] = v >> 8;
      return;
    }
    if (o !== 0xfff) { this.physWrite(this.translate(lin, true, this.cpl === 3), 2, v); return; }
    this.checkWritable(lin, 2);
    this.wr8(lin, v);
    this.wr8(lin + 1, v >> 8);
  }

  wr32(lin: number, v: number): void {
    const p = lin >>> 12;
    const o = lin & 0xfff;
    if (o <= 0xffc && (this.tlbInfo[p]! & this.wrNeed) === this.wrNeed) {
      const m = this.tlbMem[p]!;
      const i = this.tlbOff[p]! + o;
      m[i] = v;
      m[i + 1] = v >> 8;
      m[i + 2] = v >> 16;
      m[i + 3] = v >> 24;
      return;
    }
    if (o <= 0xffc) { this.physWrite(this.translate(lin, true, this.cpl === 3), 4, v); return; }
    this.checkWritable(lin, 4);
    for (let i = 0; i < 4; i++) this.wr8(lin + i, v >> (8 * i));
  }

  /** Both pages of a page-crossing write are checked before any byte is written (restartable). */
  checkWritable(lin: number, size: number): void {
    const user = this.cpl === 3;
    this.translate(lin, true, user);
    if (((lin & 0xfff) + size) > 0x1000) this.translate(lin + size - 1, true, user);
  }

  // ---- supervisor-mode (implicit) access: descriptor tables, the TSS, the IDT ----

  sysRd8(lin: number): number {
    return this.physRead(this.translate(lin, false, false), 1);
  }
  sysRd16(lin: number): number {
    return this.sysRd8(lin) | (this.sysRd8(lin + 1) << 8);
  }
  sysRd32(lin: number): number {
    return this.sysRd16(lin) | (this.sysRd16(lin + 2) << 16);
  }
  sysWr8(lin: number, v: number): void {
    this.physWrite(this.translate(lin, true, false), 1, v);
  }
  sysWr16(lin: number, v: number): void {
    this.sysWr8(lin, v);
    this.sysWr8(lin + 1, v >> 8);
  }
  sysWr32(lin: number, v: number): void {
    this.sysWr16(lin, v);
    this.sysWr16(lin + 2, v >> 16);
  }

  /** Flushes the TLB when paging-related control bits change. */
  protected pagingChanged(): void {
    this.flushTlb(true);
  }
}
