/**
 * The inspection surface: everything the host-side tools (src/tools, src/cli) may reach of the
 * machine (the Machine's own fields: pci, fwCfg, vmgenid, acpiFiles, nvdimms...) and of the guest's
 * AML interpreter. A tool that needs more adds it here, where the
 * architecture test (test/architecture) and docs/decisions/0019-host-side-surfaces.md can see it.
 * Nothing here is the public API (src/index.ts); it may change with the machine's wiring.
 */
export { createMachine, bootMachine, bootRaw, guestArgsOf, runPrograms, restoreMachine, saveSnapshot } from './machine/create-machine.js';
export type { LoadedProgram } from './machine/rom/load-program.js';
export type { BootOptions, BootResult, RestoreResult } from './machine/create-machine.js';
export { Machine } from './machine/machine.js';
export type { BootReport, ProgramReport } from './machine/report/boot-report.js';
export { DEFAULT_BIOS, DEFAULT_GUEST, loadProgram, preloadProgram, romPath } from './machine/rom/load-program.js';
export { romScriptProgram } from './machine/rom/rom-script.js';
export { isRawFirmware } from './machine/raw-firmware.js';
export { DEVICE_CATALOG } from './machine/devices/catalog.js';
export * from './guest/aml/index.js';
export { ignoredOptions } from './machine/options/command-line.js';
export { firmwareSearchPath } from './machine/roms/data-dirs.js';
export type { PciDeviceInfo, PciInfo, PciMemoryRegion } from './machine/pci/index.js';
export { PHYS_ADDR_LIMIT } from './machine/bus/physical-memory.js';
export { mediumBytes, openMediumImage } from './machine/disks/block-devices.js';
export type { BlockDevice, InsertedMedium } from './machine/disks/block-devices.js';
export type { PhysicalMemory } from './machine/bus/physical-memory.js';
export type { CpuSlot } from './machine/options/smp.js';
