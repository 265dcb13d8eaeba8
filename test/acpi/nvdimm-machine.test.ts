import test from 'ava';
import { readFileSync } from 'node:fs';
import { createMachine } from '../../src/machine/create-machine.js';
import { buildAcpi } from '../../src/machine/acpi/build-acpi.js';
import { UsageError } from '../../src/lib/errors.js';
import { fixturePath } from '../helpers/paths.js';

const cap = (config: string, file: string) => readFileSync(fixturePath('qemu-7.2', 'qtest-captures', config, file));

const MACHINES: Record<string, string> = {
  'pc-nvdimm': '-machine pc,nvdimm=on -nodefaults -m 512M,slots=2,maxmem=2G -object memory-backend-ram,id=nv0,size=128M -device nvdimm,id=nvdimm0,memdev=nv0',
  'pc-nvdimm2': '-machine pc,nvdimm=on -nodefaults -m 512M,slots=3,maxmem=2G -object memory-backend-ram,id=nv0,size=128M -device nvdimm,id=nvdimm0,memdev=nv0 -object memory-backend-ram,id=nv1,size=256M -device nvdimm,id=nvdimm1,memdev=nv1',
  'pc-memhp': '-machine pc -nodefaults -m 512M,slots=4,maxmem=4G',
};

for (const [config, args] of Object.entries(MACHINES)) {
  test(`${config}: buildAcpi(machine) serves what QEMU 7.2 serves`, (t) => {
    const m = createMachine(args.split(' '));
    m.setPmBase(0x600);
    const r = buildAcpi(m);
    t.true(Buffer.from(r.tables).equals(cap(config, 'etc__acpi__tables')));
    t.true(Buffer.from(r.tableLoader).equals(cap(config, 'etc__table-loader')));
    if (config !== 'pc-memhp') t.deepEqual(Buffer.from(r.extraFiles!.get('etc/acpi/nvdimm-mem')!), cap(config, 'etc__acpi__nvdimm-mem'));
    else t.is(r.extraFiles, undefined);
  });
}

test('nvdimm: DIMMs go first-fit into the device memory window and their RAM is mapped there', (t) => {
  const m = createMachine(MACHINES['pc-nvdimm2']!.split(' '));
  t.deepEqual(m.nvdimms.map((d) => [d.slot, d.base, d.size]), [[0, 0x100000000, 128 * 2 ** 20], [1, 0x108000000, 256 * 2 ** 20]]);
  m.memory.write(0x108000010, 4, 0xdeadbeef);
  t.is(m.memory.read(0x108000010, 4), 0xdeadbeef);
});

test('nvdimm: option errors are one-line usage errors', (t) => {
  const mk = (s: string) => () => createMachine(s.split(' '));
  t.throws(mk('-machine pc -m 512M,slots=2,maxmem=2G -object memory-backend-ram,id=nv0,size=128M -device nvdimm,memdev=nv0'),
    { instanceOf: UsageError, message: /nvdimm=on/ });
  t.throws(mk('-machine pc,nvdimm=on -m 512M,slots=2,maxmem=2G -device nvdimm,memdev=nope'), { instanceOf: UsageError, message: /backend/ });
  t.throws(mk('-machine pc,nvdimm=on -m 512M,slots=1,maxmem=1G -object memory-backend-ram,id=nv0,size=2G -device nvdimm,memdev=nv0'),
    { instanceOf: UsageError, message: /space/ });
});
