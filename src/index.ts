/**
 * fwlab's public API (the package's `import ... from 'fwlab'`): boot a machine from QEMU-style
 * options, run the AML interpreter on tables, and the loader and ACPI tools the CLI is made of.
 *
 *   import { boot } from 'fwlab';
 *   const { machine, report } = await boot(['-machine', 'q35', '-m', '2G']);
 *
 * README.md ("Using fwlab as a library") has a whole program. Tools that need more of the
 * machine than this go through src/inspect.ts (docs/decisions/0019-host-side-surfaces.md).
 */
// Machines.
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

// The AML interpreter: new AmlInterpreter(host, options), loadTable, initialize, evaluate, namespace,
// onNotify, installRegionHandler; trace hooks: core.onDebug (Debug object), region handlers, DEBUG=fwlab:aml.
export {
  AmlInterpreter, AmlError, SPACE, SimulatedSpace, OSI_STRINGS, nodeTypeName,
  AmlString, AmlBuffer, AmlPackage, toJson, toText, debugText,
} from './guest/aml/index.js';
export { lineTracer, traceValue } from './guest/aml/trace-lines.js';
export type {
  AmlTracer, AmlHost, AmlOptions, AmlClock, AmlValue, LoadedTable, NamespaceEntry, NsNode,
  RegionHandler, RegionAccess, PciAddress, BufferTransfer,
} from './guest/aml/index.js';

// fw_cfg file sets (a capture directory or fwlab's own machine) — the loader tools' input.
export { readFwCfgDir, writeFwCfgDir, mangleName } from './tools/fw-cfg-dir/fw-cfg-dir.js';
export type { FwCfgFile, FwCfgFiles } from './tools/fw-cfg-dir/fw-cfg-dir.js';
export { loadFwCfgFiles } from './tools/fw-cfg-dir/load-files.js';

// Linker-loader tools: explain, lint, run (the firmware's executor), why, diff.
export { explainScript } from './tools/loader/explain.js';
export type { ExplainedCommand } from './tools/loader/explain.js';
export { lintScript, SEVERITIES } from './tools/loader/lint.js';
export type { LintReport, LintFinding, Severity } from './tools/loader/lint.js';
export { runScript } from './tools/loader/run.js';
export type { LoaderRun } from './tools/loader/run.js';
export { whyByte, parseFileOffset } from './tools/loader/why.js';
export type { WhyAnswer, ChainLink } from './tools/loader/why.js';
export { diffScripts } from './tools/loader/diff.js';
export type { LoaderDiff } from './tools/loader/diff.js';
export { diffRuns } from './tools/loader/diff-runs.js';
export type { RunDifference } from './tools/loader/diff-runs.js';
export { LOADER_POLICIES, formatFinding } from '../firmware/loader/index.js';
export type { LoaderPolicy, LoaderFinding, LoaderResult } from '../firmware/loader/index.js';

// ACPI table tools: load (capture dir, *.dat dir, acpidump text, machine), dump, disasm, diff.
export { loadTables, tablesFromFwCfgDir, tablesFromBinaryDir } from './tools/acpi/table-source.js';
export { tableName, makeTable, scanRsdp, tablesFromMemory } from './tools/acpi/table-set.js';
export type { AcpiTable, ReadMemory } from './tools/acpi/table-set.js';
export { formatAcpidump, parseAcpidump } from './tools/acpi/acpidump-format.js';
export { disassembleTable, formatTableAsl, methodsOf, isAmlTable } from './tools/acpi/disasm-table.js';
export { diffTableSets } from './tools/acpi/acpi-diff.js';
export type { TableDifference } from './tools/acpi/acpi-diff.js';
export { writeSnapshot, checkSnapshot } from './tools/acpi/golden.js';

// Probing a booted machine: installed tables, AML over them, the VM generation ID.
export { installedTables, evaluateAml, setVmGenerationId, readGuid } from './tools/machine-probe.js';
export { formatGuid, parseGuid, guidToMicrosoftBytes, guidFromMicrosoftBytes } from './lib/guid.js';
