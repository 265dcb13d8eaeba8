/** The ACPI tables fwlab's own firmware installed, read from guest memory like an OS would. */
import { UsageError } from '../../lib/errors.js';
import { bootMachine, createMachine } from '../../inspect.js';
import { scanRsdp, tablesFromMemory } from './table-set.js';
import type { AcpiTable } from './table-set.js';

export async function machineTables(args: readonly string[], problems?: string[]): Promise<AcpiTable[]> {
  const machine = createMachine([...args]);
  await bootMachine(machine, { guest: 'none' });
  const read = (addr: number, length: number) => machine.memory.readBytes(addr, length);
  const rsdp = scanRsdp(read);
  if (rsdp === undefined) throw new UsageError('the machine\'s firmware installed no RSDP in 0xE0000..0xFFFFF');
  return tablesFromMemory(read, rsdp, problems);
}
