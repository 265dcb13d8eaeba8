/** What a bench series reports: lines of figures and the goals it measured (issue 16). */
export interface Goal {
  /** The goal as the issue states it. */
  readonly goal: string;
  /** What this run measured, with the ratio. */
  readonly measured: string;
  /** Met, missed, or not measurable here (a reference tool is absent). */
  readonly met: boolean | undefined;
}

export interface Section {
  readonly title: string;
  readonly lines: readonly string[];
  readonly goals: readonly Goal[];
}

export interface BenchContext {
  /** The repository root. */
  readonly root: string;
  /** Fewer rounds (`npm run bench -- --quick`). */
  readonly quick: boolean;
  /** Results of series run before this one, by title. */
  readonly earlier: ReadonlyMap<string, Section>;
  /** Figures a series shares with later ones (e.g. QEMU's boot time). */
  readonly shared: Map<string, number>;
}

export type Series = (ctx: BenchContext) => Promise<Section>;

export const verdict = (met: boolean | undefined): string => (met === undefined ? 'n/a' : met ? 'MET' : 'MISSED');
