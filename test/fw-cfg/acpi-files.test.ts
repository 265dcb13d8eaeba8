import test from 'ava';
import { createMachine } from '../../src/machine/create-machine.js';
import { dmaReadFile, readDirectory, readKey } from './port-client.js';

/** FADT PM1a_EVT_BLK (offset 56) as served in etc/acpi/tables. */
function pm1aEvt(tables: Uint8Array): number {
  const b = Buffer.from(tables);
  const facp = b.indexOf('FACP');
  return b.readUInt32LE(facp + 56);
}

test('ACPI carriers: fixed padded sizes; rebuilt from live state on the first select after each reset only', (t) => {
  const m = createMachine(['-machine', 'q35', '-nodefaults']);
  const acpi = m.acpiFiles!;
  const dir = readDirectory(m);
  const size = (n: string) => dir.find((e) => e.name === n)!.size;
  t.is(size('etc/acpi/tables'), 131072);
  t.is(size('etc/acpi/rsdp'), 20);
  t.is(size('etc/table-loader'), 4096);
  t.is(acpi.builds, 1);
  // The firmware programs the PM base, then selects a carrier: the FADT follows.
  m.setPmBase(0x600);
  t.is(pm1aEvt(dmaReadFile(m, 'etc/acpi/tables')), 0x600);
  t.is(acpi.builds, 2);
  // Later selects (any carrier) do not rebuild, even if the state changes.
  m.setPmBase(0xb000);
  readKey(m, dir.find((e) => e.name === 'etc/acpi/rsdp')!.select, 1);
  t.is(pm1aEvt(dmaReadFile(m, 'etc/acpi/tables')), 0x600);
  t.is(acpi.builds, 2);
  // After a reset the next select rebuilds again; sizes never change.
  m.reset();
  m.setPmBase(0xb000);
  readKey(m, dir.find((e) => e.name === 'etc/table-loader')!.select, 1);
  t.is(acpi.builds, 3);
  t.is(pm1aEvt(dmaReadFile(m, 'etc/acpi/tables')), 0xb000);
  t.deepEqual(readDirectory(m), dir);
});
