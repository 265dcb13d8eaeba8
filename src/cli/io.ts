/** Where a command writes its normal output (stdout in the CLI, a buffer in tests), and warnings. */
export interface Io {
  readonly out: (text: string) => void;
  /** One-line warnings; stderr when absent. */
  readonly warn?: (text: string) => void;
}

export function warn(io: Io, text: string): void {
  if (io.warn) io.warn(text);
  else process.stderr.write(`fwlab: warning: ${text}\n`);
}
