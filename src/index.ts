/**
 * fwlab's public API: build a machine from QEMU-style options and boot it.
 *
 *   import { createMachine, boot } from 'fwlab';
 *   const { report } = await boot(['-machine', 'q35', '-m', '2G']);
 */
export { createMachine, bootMachine } from './machine/create-machine.js';
export { boot } from './host-boot.js';
export type { FullBootResult } from './host-boot.js';
export type { BootChain, FullBootReport } from './tools/report/chain.js';
export type { GuestFindings, GuestDevice } from './tools/report/guest-console.js';
export type { BootOptions, BootResult } from './machine/create-machine.js';
export { Machine } from './machine/machine.js';
export type { DeviceInfo } from './machine/machine.js';
export type { BootReport, ProgramReport } from './machine/report/boot-report.js';
export type { MachineConfig } from './machine/options/machine-config.js';
export type { CpuWire, CpuProgram, ProgramExit } from './spec/cpu-wire.js';
export type { E820Entry } from './spec/e820.js';
export { UsageError } from './lib/errors.js';
