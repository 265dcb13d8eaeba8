/** Where a command writes its normal output (stdout in the CLI, a buffer in tests). */
export interface Io {
  readonly out: (text: string) => void;
}
