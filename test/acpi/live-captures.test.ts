import test from 'ava';
import { readFileSync } from 'node:fs';
import { createMachine } from '../../src/machine/create-machine.js';
import { buildAcpi } from '../../src/machine/acpi/build-acpi.js';
import { fixturePath } from '../helpers/paths.js';
import { UsageError } from '../../src/lib/errors.js';
import { decodeLoader, normalise, walkTables } from './loader-decode.js';

/** Machines built from QEMU options, chipset programmed as SeaBIOS does, against QEMU 7.2 captures. */
const CAPTURES: Record<string, string> = {
  'pc-e1000': '-machine pc -nodefaults -m 512M -device e1000,addr=3',
  'q35-e1000': '-machine q35 -nodefaults -m 512M -device e1000,addr=3',
  'pc-vga': '-machine pc -nodefaults -m 512M -device VGA',
  'q35-vga': '-machine q35 -nodefaults -m 512M -device VGA -device e1000,addr=4',
  'pc-nohpet': '-machine pc,hpet=off -nodefaults -m 512M -serial null',
  'q35-4g-nosmm': '-machine q35,smm=off -nodefaults -m 4G',
  'pc-4g': '-machine pc -nodefaults -m 4G',
  'q35-memhp-2560m': '-machine q35 -nodefaults -m 2560M,slots=4,maxmem=16G',
  'pc-nested-bridges': '-machine pc -nodefaults -m 512M -device pci-bridge,chassis_nr=1,id=b1 '
    + '-device pci-bridge,chassis_nr=2,id=b2,bus=b1,addr=4 -device e1000,bus=b2,addr=2',
  'q35-nvdimm-slot3': '-machine q35,nvdimm=on -nodefaults -m 1G,slots=4,maxmem=8G -object memory-backend-ram,id=a,size=512M '
    + '-device nvdimm,memdev=a,slot=3',
  'pc-nvdimm-label': '-machine pc,nvdimm=on -nodefaults -m 512M,slots=2,maxmem=2G -object memory-backend-ram,id=nv0,size=128M '
    + '-device nvdimm,id=nvdimm0,memdev=nv0,label-size=128K',
  'q35-oem': '-machine q35,x-oem-id=FWLAB,x-oem-table-id=TESTTBL -nodefaults -m 512M -device vmgenid,guid=324e6eaf-d1d1-4bf6-bf41-b9bb6c91fb87',
};

const cap = (config: string, file: string) => new Uint8Array(readFileSync(fixturePath('qemu-7.2', 'qtest-captures', config, file)));

for (const [config, args] of Object.entries(CAPTURES)) {
  test(`${config}: tables, loader and RSDP as QEMU 7.2 serves them`, (t) => {
    const m = createMachine(args.split(' '));
    const pci = m.pci;
    if (m.board.name === 'q35') {
      pci.configWrite(0, 0, 0x60, 4, 0xb0000001);
      pci.configWrite(0, 0xf8, 0x40, 4, 0x601);
      pci.configWrite(0, 0xf8, 0x44, 4, 0x80);
    } else {
      pci.configWrite(0, 0x0b, 0x40, 4, 0x601);
      pci.configWrite(0, 0x0b, 0x80, 1, 1);
    }
    const r = buildAcpi(m);
    const qemu = cap(config, 'etc__acpi__tables');
    const served = (JSON.parse(readFileSync(fixturePath('qemu-7.2', 'qtest-captures', config, 'index.json'), 'utf8')) as Record<string, { size: number }>)['etc/acpi/tables']!.size;
    t.is(r.tables.length, served);
    t.deepEqual(walkTables(r.tables).map((x) => `${x.signature}:${x.length}`), walkTables(qemu).map((x) => `${x.signature}:${x.length}`));
    t.true(Buffer.from(r.tables.subarray(0, qemu.length)).equals(qemu), 'byte-identical tables');
    t.true(r.tables.subarray(qemu.length).every((b) => b === 0), 'zero padding');
    t.deepEqual(decodeLoader(r.tableLoader).map((e) => normalise(e, walkTables(r.tables))),
      decodeLoader(cap(config, 'etc__table-loader')).map((e) => normalise(e, walkTables(qemu))));
    t.deepEqual(r.rsdp, cap(config, 'etc__acpi__rsdp'));
  });
}

test('x-oem-id / x-oem-table-id longer than the fields are usage errors, as in QEMU', (t) => {
  t.throws(() => createMachine(['-machine', 'q35,x-oem-id=TOOLONGID']), { instanceOf: UsageError, message: /x-oem-id.*6 bytes/ });
  t.throws(() => createMachine(['-machine', 'pc,x-oem-table-id=NINECHARS']), { instanceOf: UsageError, message: /x-oem-table-id.*8 bytes/ });
});
