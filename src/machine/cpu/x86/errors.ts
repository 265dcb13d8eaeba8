/**
 * A bug in the x86 core itself (an impossible decoder state, a broken invariant). Guest mistakes
 * never raise it: they become the exception real hardware gives.
 */
export class X86InternalError extends Error {
  override readonly name = 'X86InternalError';
}

/**
 * Thrown inside the core when an instruction faults; the run loop catches it, rolls the
 * instruction back and delivers `vector`. One shared object: raising a fault allocates nothing.
 */
export class X86Fault {
  vector = 0;
  /** The error code pushed with the exception, or -1 when the vector has none. */
  errorCode = -1;
}

export const FAULT = new X86Fault();
