import test from 'ava';
import { readFileSync } from 'node:fs';
import { createMachine } from '../../src/machine/create-machine.js';
import { acpiPciSourceOf, buildAcpi } from '../../src/machine/acpi/build-acpi.js';
import { fixturePath } from '../helpers/paths.js';
import { walkTables } from './loader-decode.js';

const fx = (config: string, file: string) => readFileSync(fixturePath('qemu-7.2', config, 'seabios', 'fwcfg-post', file));
const base = ['-nodefaults', '-m', '512M', '-serial', 'null'];
const GUID = '324e6eaf-d1d1-4bf6-bf41-b9bb6c91fb87';

test('buildAcpi(machine) for pc with PM base 0x600 serves what QEMU serves (pc-default)', (t) => {
  const m = createMachine(['-machine', 'pc', ...base]);
  m.setPmBase(0x600);
  const r = buildAcpi(m);
  t.true(Buffer.from(r.tables).equals(fx('pc-default', 'etc__acpi__tables')));
  t.true(Buffer.from(r.tableLoader).equals(fx('pc-default', 'etc__table-loader')));
  t.true(Buffer.from(r.rsdp).equals(fx('pc-default', 'etc__acpi__rsdp')));
});

test('buildAcpi(machine) with -device vmgenid adds the VMGENID SSDT and its commands (pc-vmgenid)', (t) => {
  const m = createMachine(['-machine', 'pc', ...base, '-device', `vmgenid,guid=${GUID}`]);
  m.setPmBase(0x600);
  const r = buildAcpi(m);
  t.true(Buffer.from(r.tables).equals(fx('pc-vmgenid', 'etc__acpi__tables')));
  t.true(Buffer.from(r.tableLoader).equals(fx('pc-vmgenid', 'etc__table-loader')));
});

test('the FADT PM blocks follow the PM base the firmware programmed', (t) => {
  const m = createMachine(['-machine', 'q35', ...base]);
  const fadtOf = () => {
    const r = buildAcpi(m);
    const f = walkTables(r.tables).find((x) => x.signature === 'FACP')!;
    const dv = new DataView(r.tables.buffer, r.tables.byteOffset + f.offset);
    return { pm1a: dv.getUint32(56, true), gpe0: dv.getUint32(80, true), xpm1a: dv.getUint32(148 + 4, true) };
  };
  t.deepEqual(fadtOf(), { pm1a: 0, gpe0: 0x20, xpm1a: 0 });
  m.setPmBase(0x600);
  t.deepEqual(fadtOf(), { pm1a: 0x600, gpe0: 0x620, xpm1a: 0x600 });
});

test('q35: MCFG and DRAC appear only once PCIEXBAR is enabled (q35-default once it is)', (t) => {
  const m = createMachine(['-machine', 'q35', ...base]);
  m.setPmBase(0x600);
  const before = walkTables(buildAcpi(m).tables).map((x) => x.signature);
  t.false(before.includes('MCFG'));
  const def = acpiPciSourceOf(m);
  const r = buildAcpi(m, { ...def, mmcfg: () => ({ base: 0xb0000000, size: 0x10000000 }) });
  t.deepEqual(walkTables(r.tables).map((x) => x.signature), ['FACS', 'DSDT', 'FACP', 'APIC', 'HPET', 'MCFG', 'WAET', 'RSDT']);
  t.true(Buffer.from(r.tables).equals(fx('q35-default', 'etc__acpi__tables')));
  t.true(Buffer.from(r.tableLoader).equals(fx('q35-default', 'etc__table-loader')));
});

test('the PCI0 _CRS 64-bit window follows the PCI source (firmware-assigned 64-bit BARs)', (t) => {
  const m = createMachine(['-machine', 'pc', ...base]);
  m.setPmBase(0x600);
  const def = acpiPciSourceOf(m);
  let source = def;
  const dsdtOf = () => {
    const r = buildAcpi(m, source);
    const d = walkTables(r.tables)[1]!;
    return Buffer.from(r.tables.subarray(d.offset, d.offset + d.length));
  };
  // QWordMemory minimum/maximum as little-endian qwords.
  const le64 = (v: bigint) => { const b = Buffer.alloc(8); b.writeBigUInt64LE(v); return b; };
  t.true(dsdtOf().includes(Buffer.concat([le64(0x100000000n), le64(0x17fffffffn)])));
  source = { ...def, pciHole64: () => ({ start: 0x800000000n, end: 0xfffffffffn }) };
  t.true(dsdtOf().includes(Buffer.concat([le64(0x800000000n), le64(0xfffffffffn)])));
});

