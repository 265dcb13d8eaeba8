import type { PhysicalMemory } from '../../bus/physical-memory.js';

/** 4 KiB pages below 4 GiB. */
const PAGES = 1 << 20;

/** What a CPU does when a page becomes a code page: its TLB stops writing to it directly. */
export interface CodeCache {
  dropDirectWrite(physPage: number): void;
}

/**
 * The code pages of one physical memory, shared by the CPUs on it: a write by any CPU (or DMA) to a
 * page some CPU translated blocks from bumps the page's count, which every CPU's blocks check.
 */
export class CodePages {
  private static readonly byMemory = new WeakMap<PhysicalMemory, CodePages>();
  readonly pages = new Uint8Array(PAGES);
  readonly gen = new Int32Array(PAGES);
  /**
   * A machine makes its CPUs once (X86Cpus) and keeps them, so they are held strongly. (WeakRefs kept
   * every CPU a synchronous loop made alive until the loop returned: the ECMAScript KeepDuringJob
   * list holds each WeakRef's target, and each deref's, to the end of the job.)
   */
  private readonly cpus: CodeCache[] = [];

  static of(memory: PhysicalMemory): CodePages {
    let c = CodePages.byMemory.get(memory);
    if (c === undefined) {
      c = new CodePages();
      CodePages.byMemory.set(memory, c);
      memory.writeWatch = (addr, length) => c!.written(addr, length);
    }
    return c;
  }

  join(cpu: CodeCache): void {
    this.cpus.push(cpu);
  }

  mark(page: number): void {
    this.pages[page] = 1;
    for (const cpu of this.cpus) cpu.dropDirectWrite(page);
  }

  /** A bus write to [addr, addr + length): counts it on the code pages it touches. */
  private written(addr: number, length: number): void {
    if (addr >= 0x100000000 || length <= 0) return;
    const last = Math.min(0xfffff, Math.floor((addr + length - 1) / 4096));
    for (let p = Math.floor(addr / 4096); p <= last; p++) if (this.pages[p]) this.gen[p]!++;
  }
}
