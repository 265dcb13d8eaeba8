/**
 * The machine options a snapshot records (decision 0022): everything the validated command line
 * fixes, in a canonical form, plus the programs that run. The `guid=` of `vmgenid` and
 * `vmgenid-pci` is left out: a restore may give the clone a new generation ID, as QEMU's
 * destination does. Anything else that differs refuses the file.
 */
import { sha256Hex } from '../../lib/sha256.js';
import type { MachineConfig } from '../options/machine-config.js';
import type { PropValue } from '../options/device-driver.js';
import type { JsonValue } from './part-state.js';
import type { SnapshotIdentity } from './snapshot-file.js';

/** The drivers whose `guid=` may differ between the saved machine and the restoring one. */
export const GUID_MAY_DIFFER = new Set(['vmgenid', 'vmgenid-pci']);

/** The programs a snapshot's machine ran: ROM and guest image (name@version) and the guest's arguments. */
export interface ProgramIdentity {
  readonly firmware: string;
  readonly guest: string | null;
  readonly guestArgs: readonly string[];
}

function propValue(v: PropValue): JsonValue {
  return typeof v === 'object' ? `${v.slot}.${v.fn}` : v;
}

export function optionsOf(config: MachineConfig, programs: ProgramIdentity): JsonValue {
  return {
    board: config.board,
    machineProps: [...config.machineProps].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, propValue(v)]),
    ramSize: config.ramSize, slots: config.slots, maxmem: config.maxmem, smp: config.smp,
    cpu: { name: config.cpu.name, amd: config.cpu.amd, physBits: config.cpu.physBits },
    devices: config.devices.map((d) => ({
      driver: d.driver, id: d.id ?? null,
      props: [...d.props].filter(([k]) => !(GUID_MAY_DIFFER.has(d.driver) && k === 'guid')).map(([k, v]) => [k, propValue(v)]),
    })),
    memoryBackends: config.memoryBackends.map((b) => ({ id: b.id, size: b.size })),
    nodefaults: config.nodefaults, serial: [...config.serial], uuid: config.uuid ?? null, rtcBase: config.rtcBase ?? null,
    fwCfgFiles: config.fwCfgFiles.map((f) => ({ name: f.name, sha256: sha256Hex(f.data) })),
    firmware: programs.firmware, guest: programs.guest, guestArgs: [...programs.guestArgs],
  };
}

export function snapshotIdentity(version: string, config: MachineConfig, programs: ProgramIdentity): SnapshotIdentity {
  const options = optionsOf(config, programs);
  return { version, options, digest: sha256Hex(JSON.stringify(options)) };
}
