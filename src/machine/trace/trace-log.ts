/**
 * The machine's trace log (src/spec/trace.ts): areas asked for in `opt/fwlab/trace` are recorded
 * for the report (`sections.trace`); every area is also printed live under `DEBUG=fwlab:<area>`.
 */
import { debugEnabled, logger } from '../../lib/log.js';
import type { Logger } from '../../lib/log.js';

export interface TraceRecord {
  readonly area: string;
  readonly text: string;
}

/** Records kept for the report; later ones are counted, not kept. */
const MAX_RECORDS = 50_000;

export class TraceLog {
  readonly records: TraceRecord[] = [];
  dropped = 0;
  readonly #loggers = new Map<string, Logger>();
  readonly #wanted = new Map<string, boolean>();

  constructor(readonly areas: ReadonlySet<string>) {}

  /** Whether anyone wants `area`: the report (opt/fwlab/trace) or DEBUG. Check before building costly text. */
  wants(area: string): boolean {
    let w = this.#wanted.get(area);
    if (w === undefined) {
      w = this.areas.has(area) || debugEnabled(area);
      this.#wanted.set(area, w);
    }
    return w;
  }

  emit(area: string, text: string): void {
    let log = this.#loggers.get(area);
    if (!log) {
      log = logger(area);
      this.#loggers.set(area, log);
    }
    if (log.enabled) log('%s', text);
    if (!this.areas.has(area)) return;
    if (this.records.length < MAX_RECORDS) this.records.push({ area, text });
    else this.dropped++;
  }
}
