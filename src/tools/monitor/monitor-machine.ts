/** Monitor commands that run programs or read tables on the machine: system_reset, query-acpi-tables, aml-eval. */
import type { Machine } from '../../inspect.js';
import { DEFAULT_BIOS, DEFAULT_GUEST, bootRaw, guestArgsOf, isRawFirmware, loadProgram, romPath } from '../../inspect.js';
import type { BootOptions } from '../../inspect.js';
import { scanRsdp, tableName, tablesFromMemory } from '../acpi/table-set.js';
import type { AcpiTable } from '../acpi/table-set.js';
import { evaluateInstalledAml } from './monitor-aml.js';
import { genericError } from './qmp-error.js';
import { placementOf } from '../report/chain.js';
import { whyAddress } from '../why/why-address.js';
import { whyAml } from '../why/why-aml.js';
import { UsageError } from '../../lib/errors.js';

function defaultGuest(): string {
  try {
    return romPath(DEFAULT_GUEST);
  } catch {
    return 'none';
  }
}

/** Same firmware and guest again from reset (the ROM stays installed): the loader runs again, WRITE_POINTER redone. */
export async function resetMachine(machine: Machine, boot: BootOptions): Promise<void> {
  if (boot.bios !== undefined && isRawFirmware(boot.bios)) {
    bootRaw(machine, boot.bios, undefined, undefined);
    return;
  }
  const bios = await loadProgram(boot.bios ?? romPath(DEFAULT_BIOS), '--bios');
  const guestPath = boot.guest ?? defaultGuest();
  const guest = guestPath === 'none' ? undefined : await loadProgram(guestPath, '--guest');
  machine.run(bios.program, guest?.program, guestArgsOf(boot));
}

function installedTables(machine: Machine): AcpiTable[] {
  const read = (a: number, n: number) => machine.memory.readBytes(a, n);
  const rsdp = scanRsdp(read);
  if (rsdp === undefined) throw genericError('no RSDP in 0xE0000..0xFFFFF: the firmware installed no ACPI tables');
  return tablesFromMemory(read, rsdp);
}

export function acpiTablesCommand(machine: Machine): unknown {
  return installedTables(machine).map((t) => {
    let sum = 0;
    const n = t.signature === 'RSDP' ? 20 : t.signature === 'FACS' ? 0 : t.data.length;
    for (let i = 0; i < n; i++) sum = (sum + t.data[i]!) & 0xff;
    return { table: tableName(t), address: `0x${t.address.toString(16)}`, length: t.data.length, checksumOk: sum === 0 };
  });
}

export function amlEvalCommand(machine: Machine, path: string, args: readonly unknown[]): unknown {
  return evaluateInstalledAml(machine, installedTables(machine), path, [...args]);
}

/** fwlab's `why`: {"address": N|"0x..."} or {"path": "\\_SB.X"} → the provenance answer (fwlab why). */
export function whyCommand(machine: Machine, args: Record<string, unknown>): unknown {
  const { address, path } = args;
  try {
    if (typeof path === 'string') return whyAml(machine, path);
    const a = typeof address === 'number' ? address : typeof address === 'string' && /^(0x[0-9a-f]+|\d+)$/i.test(address) ? Number(address) : undefined;
    if (a === undefined) throw genericError("why needs 'address' (a number or \"0x...\") or 'path' (an AML path)");
    return whyAddress(machine, placementOf(machine), a);
  } catch (e) {
    if (e instanceof UsageError) throw genericError(e.message);
    throw e;
  }
}
