/**
 * The firmware ROM on the real machine: after fwlab's POST, the machine's query-pci equals
 * the fixture's seabios/query-pci.json, the ACPI tables are where the RSDP scan finds them,
 * and vmgenid's WRITE_POINTER reached fw_cfg.
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { boot } from '../../src/machine/create-machine.js';
import { DEVICE_CATALOG } from '../../src/machine/devices/catalog.js';
import { fixturePath } from '../helpers/paths.js';
import { romPath } from '../../src/machine/rom/load-program.js';
import { CONFIGS } from './helpers/fixtures.js';

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sorted((value as Record<string, unknown>)[k])]));
  }
  return value;
}

/** The fixture's QEMU command line as fwlab machine options. */
export function fixtureArgs(config: string, fw = 'seabios'): string[] {
  const words = readFileSync(fixturePath('qemu-7.2', config, fw, 'cmdline.txt'), 'utf8').trim().split(/\s+/).slice(1);
  const args: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const v = words[i + 1] ?? '';
    if (['-chardev', '-serial', '-mon', '-qtest', '-qtest-log', '-drive', '-display', '-accel', '-bios', '-drive', '-global'].includes(w)) { i++; continue; }
    if (w === '-device' && !DEVICE_CATALOG.has(v.split(',')[0]!)) { i++; continue; }
    args.push(w);
  }
  return args;
}

for (const config of CONFIGS) {
  test(`${config}: after fwlab's POST on the machine, query-pci equals seabios/query-pci.json`, async (t) => {
    const { machine, report } = await boot(fixtureArgs(config), { guest: 'none' });
    const fw = report.firmware!;
    t.is(fw.exit.kind, 'handover', fw.console.join('\n'));
    const expected = JSON.parse(readFileSync(fixturePath('qemu-7.2', config, 'seabios', 'query-pci.json'), 'utf8')) as unknown;
    t.deepEqual(sorted(machine.pci.queryPci()), sorted(expected));
  });
}

for (const config of ['pc-vmgenid', 'q35-vmgenid']) {
  test(`${config}: a full boot leaves etc/vmgenid_addr pointing at the GUID, little-endian in memory`, async (t) => {
    const { machine } = await boot(fixtureArgs(config), { guest: 'none' });
    const addrFile = machine.fwCfg.file('etc/vmgenid_addr');
    t.truthy(addrFile);
    const addr = Number(new DataView(addrFile!.buffer, addrFile!.byteOffset, 8).getBigUint64(0, true));
    t.true(addr > 0 && addr < 2 ** 32 && addr % 8 === 0, `0x${addr.toString(16)}`);
    // -device vmgenid,guid=324e6eaf-d1d1-4bf6-bf41-b9bb6c91fb87 (qemu-host.md §3.3 observed bytes)
    t.deepEqual([...machine.memory.readBytes(addr, 16)],
      [0xaf, 0x6e, 0x4e, 0x32, 0xd1, 0xd1, 0xf6, 0x4b, 0xbf, 0x41, 0xb9, 0xbb, 0x6c, 0x91, 0xfb, 0x87]);
    // The blob sits in the reserved top of RAM, like SeaBIOS's 0x1ffff028.
    t.is(addr, 0x1ffff028);
  });
}

for (const config of ['pc-default', 'q35-default', 'pc-bridge', 'q35-rootports', 'pc-vmgenid', 'q35-vmgenid']) {
  test(`${config}: after fwlab's POST with the OVMF profile, query-pci equals ovmf/query-pci.json`, async (t) => {
    const { machine, report } = await boot(fixtureArgs(config, 'ovmf'), { bios: romPath('fwlab-ovmf.mjs'), guest: 'none' });
    t.is(report.firmware!.exit.kind, 'handover', report.firmware!.console.join('\n'));
    const expected = JSON.parse(readFileSync(fixturePath('qemu-7.2', config, 'ovmf', 'query-pci.json'), 'utf8')) as unknown;
    t.deepEqual(sorted(machine.pci.queryPci()), sorted(expected));
  });
}
