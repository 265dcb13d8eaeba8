/** Retranslations after writes, on one physical page within WINDOW instructions, before it is left to the interpreter. */
const LIMIT = 32;
const WINDOW = 1 << 20;

/**
 * Pages whose code keeps being rewritten: each translation from a page that was written since its
 * previous translation counts; past LIMIT within WINDOW instructions the page runs in the
 * interpreter for the rest of the window (translating it after every write cost ~1.5 ms a block:
 * a fuzz finding, real-mode code adding into itself).
 */
export class RewrittenPages {
  private readonly counts = new Map<number, { n: number; since: number }>();
  /** Per physical page: its write count when a block was last translated from it. */
  private readonly translatedAtGen = new Map<number, number>();

  /** A block is being translated from `page`, whose write count is `gen`, at instruction `icount`. */
  translating(page: number, gen: number, icount: number): void {
    const seen = this.translatedAtGen.get(page);
    if (seen !== undefined && seen !== gen) {
      const r = this.counts.get(page);
      if (r === undefined || icount - r.since > WINDOW) this.counts.set(page, { n: 1, since: icount });
      else r.n++;
    }
    this.translatedAtGen.set(page, gen);
  }

  /** True while `page` is to be interpreted. */
  interpret(page: number, icount: number): boolean {
    const r = this.counts.get(page);
    return r !== undefined && r.n > LIMIT && icount - r.since <= WINDOW;
  }

  clear(): void {
    this.counts.clear();
    this.translatedAtGen.clear();
  }
}
