/** What a table decoder provides: its signature, iasl's description of it, and its body decoder. */
import type { TableDecoder } from './field-layout.js';

export interface DataTableLayout {
  readonly signature: string;
  /** The bracketed name `iasl -d` prints after the signature ('' for none). */
  readonly description: string;
  /** Tables without the 36-byte header (FACS, RSDP) decode from offset 0 themselves. */
  readonly headerless?: boolean;
  /** Decodes the body from `off` (just after the header). */
  decode(t: TableDecoder, off: number): void;
}
