/** What the engine needs from its owner: options, the clock, hooks for table management. */
import type { NsNode } from './namespace.js';
import type { AmlFieldUnit, AmlRegion, AmlValue } from './types.js';
import type { AmlError } from './errors.js';

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

/**
 * Execution trace hooks (`fwlab aml trace`, the OSPM's `opt/fwlab/trace` aml area). Each is
 * called synchronously as the engine runs; `depth` is the number of method frames.
 */
export interface AmlTracer {
  /** A control method starts; `offset`: its Method term in table `table` (its body when unknown). */
  call?(node: NsNode, args: ReadonlyArray<AmlValue | undefined>, table: string, offset: number, depth: number): void;
  /** A control method returns (`value` undefined: no return value). */
  ret?(node: NsNode, value: AmlValue | undefined, depth: number): void;
  /** An access to an operation region through its handler (after it completed). */
  region?(op: 'read' | 'write', region: AmlRegion, address: bigint, width: number, value: bigint): void;
  /** A field unit was read or written (its region accesses are traced separately). */
  field?(op: 'read' | 'write', field: AmlFieldUnit, value: AmlValue): void;
  /** Notify(node, value) executed. */
  notify?(node: NsNode, value: number): void;
  /** An AML error, annotated with its method path, table and offset (loop budget: AML_LOOP_TIMEOUT). */
  error?(e: AmlError): void;
}
