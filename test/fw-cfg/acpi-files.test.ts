import test from 'ava';
import { createMachine } from '../../src/machine/create-machine.js';
import { fwCfgOf } from '../../src/machine/fw-cfg/fw-cfg-subsystem.js';
import { attachAcpiFiles } from '../../src/machine/fw-cfg/acpi-files.js';
import type { Machine } from '../../src/machine/machine.js';
import { dmaReadFile, readDirectory, readKey } from './port-client.js';

/** A stand-in builder that records the live PM base in its output, like the FADT does. */
function fakeBuild(m: Machine) {
  const tables = new Uint8Array(100);
  tables[0] = (m.pmBase ?? 0) >> 8;
  return { tables, rsdp: new Uint8Array(20).fill(m.pmBase ? 1 : 0), tableLoader: new Uint8Array(128) };
}

test('ACPI carriers: fixed padded sizes; rebuilt from live state on the first select after reset only', (t) => {
  const m = createMachine(['-machine', 'q35', '-nodefaults']);
  const acpi = attachAcpiFiles(m, fwCfgOf(m), fakeBuild);
  const dir = readDirectory(m);
  const size = (n: string) => dir.find((e) => e.name === n)!.size;
  t.is(size('etc/acpi/tables'), 131072);
  t.is(size('etc/acpi/rsdp'), 20);
  t.is(size('etc/table-loader'), 4096);
  t.is(acpi.builds, 1);
  // The firmware programs the PM base, then selects a carrier: the tables follow.
  m.setPmBase(0x600);
  t.is(dmaReadFile(m, 'etc/acpi/tables')[0], 0x06);
  t.is(acpi.builds, 2);
  // Later selects do not rebuild, even if the state changes.
  m.setPmBase(0xb000);
  const rsdpSel = dir.find((e) => e.name === 'etc/acpi/rsdp')!.select;
  readKey(m, rsdpSel, 1);
  t.is(dmaReadFile(m, 'etc/acpi/tables')[0], 0x06);
  t.is(acpi.builds, 2);
  // After a reset the next select rebuilds again.
  m.reset();
  m.setPmBase(0xb000);
  t.is(dmaReadFile(m, 'etc/acpi/tables')[0], 0xb0);
  t.is(acpi.builds, 3);
  t.is(readDirectory(m).find((e) => e.name === 'etc/acpi/tables')!.size, 131072);
});
