import test from 'ava';
import { AmlInterpreter, AmlPackage } from '../../src/guest/aml/index.js';
import { buildAcpiTables } from '../../src/machine/acpi/build-tables.js';
import { VGIA_TABLE_OFFSET } from '../../src/machine/acpi/vmgenid-ssdt.js';
import { fixtureInput } from './fixture-configs.js';
import { decodeLoader, walkTables } from './loader-decode.js';

/** The VMGENID SSDT as an OS sees it once the firmware has run the loader (VGIA patched). */
function loaded(vgia: number | undefined): { aml: AmlInterpreter; notes: Array<[string, number]> } {
  const r = buildAcpiTables(fixtureInput('q35-vmgenid'));
  const tables = r.tables.slice();
  const ssdt = walkTables(tables).find((t) => t.oemTableId === 'VMGENID\0')!;
  const ptr = decodeLoader(r.tableLoader).find((e) => e.cmd === 'ADD_POINTER' && e.src === 'etc/vmgenid_guid');
  if (ptr?.cmd !== 'ADD_POINTER') throw new Error('no VGIA pointer');
  if (vgia !== undefined) new DataView(tables.buffer).setUint32(ptr.offset, vgia, true);
  const aml = new AmlInterpreter();
  aml.loadTable(tables.subarray(ssdt.offset, ssdt.offset + ssdt.length));
  const notes: Array<[string, number]> = [];
  aml.onNotify((node, value) => notes.push([node.path(), value]));
  return { aml, notes };
}

test('the VGIA pointer is the dword at SSDT offset 42', (t) => {
  const r = buildAcpiTables(fixtureInput('q35-vmgenid'));
  const ssdt = walkTables(r.tables).find((x) => x.oemTableId === 'VMGENID\0')!;
  const ptr = decodeLoader(r.tableLoader).find((e) => e.cmd === 'ADD_POINTER' && e.src === 'etc/vmgenid_guid');
  t.is(ptr?.cmd === 'ADD_POINTER' ? ptr.offset - ssdt.offset : -1, VGIA_TABLE_OFFSET);
  t.is(VGIA_TABLE_OFFSET, 42);
});

test('\\_SB.VGEN: absent until the firmware patches VGIA, then ADDR = {VGIA + 0x28, 0}', (t) => {
  t.is(loaded(undefined).aml.evaluate('\\_SB.VGEN._STA'), 0n);
  const { aml } = loaded(0x1ffff000);
  t.is(aml.evaluate('\\_SB.VGEN._STA'), 0x0fn);
  const addr = aml.evaluate('\\_SB.VGEN.ADDR') as AmlPackage;
  t.deepEqual(addr.elements, [0x1ffff028n, 0n]);
  t.is((aml.evaluate('\\_SB.VGEN._HID') as { value: string }).value, 'QEMUVGID');
});

test('\\_GPE._E05 notifies \\_SB.VGEN with 0x80', (t) => {
  const { aml, notes } = loaded(0x1ffff000);
  aml.evaluate('\\_GPE._E05');
  t.deepEqual(notes, [['\\_SB_.VGEN', 0x80]]);
});
