import test from 'ava';
import { readFileSync } from 'node:fs';
import { createMachine } from '../../src/machine/create-machine.js';
import { buildAcpi } from '../../src/machine/acpi/build-acpi.js';
import { fixturePath } from '../helpers/paths.js';
import { CONFIGS } from './fixture-configs.js';
import { programChipset } from './program-chipset.js';

/**
 * End to end through the live machine: the fixture's QEMU options, the chipset and every BAR,
 * window and bus number left as SeaBIOS or OVMF left them (query-pci.json; PM base 0x600, or
 * 0xB000 for OVMF on pc), then buildAcpi(machine) against what QEMU served after that POST.
 */
const GUID = '324e6eaf-d1d1-4bf6-bf41-b9bb6c91fb87';
const ARGS: Record<(typeof CONFIGS)[number], string> = {
  'pc-default': '-machine pc',
  'pc-vmgenid': `-machine pc -device vmgenid,guid=${GUID}`,
  'pc-bridge': '-machine pc -device pci-bridge,chassis_nr=1,id=br1 -device e1000,bus=br1,addr=3 '
    + '-object memory-backend-ram,id=hm,size=2M -device ivshmem-plain,memdev=hm,bus=br1,addr=1',
  'q35-default': '-machine q35',
  'q35-vmgenid': `-machine q35 -device vmgenid,guid=${GUID}`,
  'q35-rootports': '-machine q35 -device pcie-root-port,id=rp1,bus=pcie.0,chassis=1,addr=0x10 '
    + '-device pcie-root-port,id=rp2,bus=pcie.0,chassis=2,addr=0x11 -device virtio-net-pci,bus=rp1 -device nvme,serial=deadbeef,bus=rp2',
};

for (const firmware of ['seabios', 'ovmf'] as const) {
  for (const config of CONFIGS) {
    test(`${config} after ${firmware}: buildAcpi(machine) serves QEMU's etc/acpi/tables, etc/table-loader, etc/acpi/rsdp`, (t) => {
      const m = createMachine([...ARGS[config].split(' '), '-nodefaults', '-m', '512M', '-serial', 'null']);
      const dir = (...p: string[]) => fixturePath('qemu-7.2', config, firmware, ...p);
      programChipset(m, dir('query-pci.json'), firmware === 'ovmf' && config.startsWith('pc') ? 0xb000 : 0x600);
      const r = buildAcpi(m);
      t.true(Buffer.from(r.tables).equals(readFileSync(dir('fwcfg-post', 'etc__acpi__tables'))), 'etc/acpi/tables');
      t.true(Buffer.from(r.tableLoader).equals(readFileSync(dir('fwcfg-post', 'etc__table-loader'))), 'etc/table-loader');
      t.true(Buffer.from(r.rsdp).equals(readFileSync(dir('fwcfg-post', 'etc__acpi__rsdp'))), 'etc/acpi/rsdp');
    });
  }
}
