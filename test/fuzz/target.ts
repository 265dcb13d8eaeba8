/**
 * What one fuzz target is: a fast-check arbitrary of cases and a runner for one case. The oracle is
 * shared (oracle.ts): a case may end normally or with one of the target's typed errors (bad input
 * handled as designed); anything else it throws is a finding, and so is a case past the time budget.
 */
import type { Arbitrary } from 'fast-check';

export interface CaseOutcome {
  /** Typed errors the case met and handled (AmlError, loader findings, usage errors...). */
  readonly typed: number;
}

export interface FuzzTarget<T = unknown> {
  readonly name: string;
  /** One line: what a case is, for the report. */
  readonly summary: string;
  /** Cases per child process of a long campaign (memory stays bounded by the batch). */
  readonly batchSize: number;
  /** Why the target cannot run here, or undefined. */
  unavailable(): string | undefined;
  /** Built once per process (seeds read, machines created). */
  prepare(): Promise<FuzzCase<T>>;
}

export interface FuzzCase<T> {
  readonly arbitrary: Arbitrary<T>;
  /** Runs one case; throws only on a finding (the oracle decides what a typed error is). */
  run(input: T): CaseOutcome | Promise<CaseOutcome>;
  /** Cases a campaign runs in full before the random ones (`--matrix`: every option × every bad value). */
  readonly matrix?: readonly T[];
  /** `run` returns a promise (fast-check's async runner, slower per case). */
  readonly async?: boolean;
  /** Short description of a case for a regression test or a report line. */
  describe(input: T): string;
}

/** A finding the target's own checks raised (a write outside a blob, a changed read-only item...). */
export class OracleViolation extends Error {
  override readonly name = 'OracleViolation';
}
