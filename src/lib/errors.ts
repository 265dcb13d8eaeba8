/**
 * A problem the user can fix (bad option, missing file): the CLI prints its message
 * on one line and exits with `exitCode`. Anything else that throws is a bug.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(message: string, readonly exitCode = 2) {
    super(message);
  }
}
