/** What the engine needs from its owner: options, the clock, hooks for table management. */
import type { NsNode } from './namespace.js';
import type { AmlRegion } from './types.js';

export interface AmlOptions {
  /** Optional hard cap on the iterations of one While (default: none, the loop timeout decides). */
  maxLoopIterations?: number;
  /**
   * Time limit of one While, in seconds (default 30: ACPICA's ACPI_MAX_LOOP_TIMEOUT, uACPI's
   * UACPI_DEFAULT_LOOP_TIMEOUT_SECONDS). Counted on the virtual clock (Sleep/Stall and host
   * time inside the loop) plus `loopIterationNs` per iteration, so it is deterministic.
   */
  loopTimeoutSeconds?: number;
  /** Virtual time charged per While iteration against the loop timeout (default 20 µs: 1.5 M iterations in 30 s). */
  loopIterationNs?: number;
  /** Nested method calls before AE_AML_METHOD_LIMIT. */
  maxCallDepth?: number;
  /**
   * Method calls one evaluation (or one table load) may make before AE_LIMIT (default: none, as
   * ACPICA). A budget for hosts that must bound an evaluation: exponential recursion has no loop.
   */
  maxMethodCalls?: number;
  /** 'windows' (default, as uACPI/NT) or 'acpica' where the two differ (docs/aml-semantics.md). */
  semantics?: 'windows' | 'acpica';
  /** Value of the Revision opcode. */
  revision?: bigint;
}

export interface AmlClock {
  /** Nanoseconds of virtual time. */
  now(): number;
  /** Spend `ns` of virtual time. */
  delay(ns: number): void;
}

export interface NotifyEvent {
  readonly node: NsNode;
  readonly value: number;
}

/** What the interpreter asks of its owner (table management, region setup). */
export interface InterpreterHooks {
  onRegionCreated(r: AmlRegion): void;
  /** A loaded/installed table by signature and OEM ids (DataTableRegion, LoadTable). */
  findTable(signature: string, oemId: string, oemTableId: string): Uint8Array | undefined;
  /** Load a definition block (Load/LoadTable): returns its table id; throws AmlError on a bad table. */
  loadTable(bytes: Uint8Array, scope?: NsNode): number;
  unloadTable(id: number): void;
}
