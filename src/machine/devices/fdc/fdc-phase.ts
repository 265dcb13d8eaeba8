/** The controller's phases (82078 data sheet §5) and the direction of a data command, as QEMU names them. */
export const Phase = { Command: 1, Execution: 2, Result: 3 } as const;
export type Phase = (typeof Phase)[keyof typeof Phase];
export const Dir = { Write: 0, Read: 1, ScanE: 2, ScanL: 3, ScanH: 4, Verify: 5 } as const;
export type Dir = (typeof Dir)[keyof typeof Dir];
