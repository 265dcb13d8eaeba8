/**
 * The firmware's linker-loader executor as published to host-side tools (src/tools/loader): the
 * only firmware module they may import (test/architecture). The ROM itself imports the files directly.
 */
export { executeLoader } from './execute.js';
export type { LoaderResult } from './execute.js';
export { findRsdp } from './tables.js';
export { LOADER_POLICIES, RULE_TITLES, formatFinding } from './findings.js';
export type { LoaderFinding, LoaderPolicy, OvmfVerdict, SeabiosVerdict } from './findings.js';
export type { LoadedBlob, LoaderFile, LoaderHost, LoaderZone, WritePointerRecord } from './host.js';
