import test from 'ava';
import { readFileSync } from 'node:fs';
import { bootMachine, createMachine } from '../../src/machine/create-machine.js';
import { main } from '../../src/cli.js';
import { readFwCfgDir } from '../../src/tools/fw-cfg-dir/fw-cfg-dir.js';
import { serveCapturedChain } from '../../src/tools/fw-cfg-dir/serve-captured.js';
import { scanRsdp, tableName, tablesFromMemory } from '../../src/tools/acpi/table-set.js';
import { tablesFromBinaryDir } from '../../src/tools/acpi/table-source.js';
import { fixturePath } from '../helpers/paths.js';
import { CONFIGS } from './loader-helpers.js';

/** The fixture's QEMU options, minus what only concerns running QEMU itself. */
function machineArgs(config: string): string[] {
  const line = readFileSync(fixturePath('qemu-7.2', config, 'cmdline-fwcfg.txt'), 'utf8').trim().split(/\s+/).slice(1);
  const out: string[] = [];
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '-S') continue;
    if (['-qtest', '-qtest-log', '-accel', '-display'].includes(line[i]!)) i++;
    else out.push(line[i]!);
  }
  return out;
}

for (const config of CONFIGS) {
  test(`${config}: fwlab's firmware on QEMU's captured loader chain installs exactly SeaBIOS's tables`, async (t) => {
    const m = createMachine(machineArgs(config));
    const served = serveCapturedChain(m, readFwCfgDir(fixturePath('qemu-7.2', config, 'seabios', 'fwcfg-post')));
    t.true(served.includes('etc/table-loader') && served.includes('etc/acpi/tables'));
    await bootMachine(m, { guest: 'none' });
    const read = (a: number, n: number) => m.memory.readBytes(a, n);
    const rsdp = scanRsdp(read);
    t.not(rsdp, undefined);
    const ours = tablesFromMemory(read, rsdp!);
    const real = new Map(tablesFromBinaryDir(fixturePath('qemu-7.2', config, 'seabios', 'acpi-installed')).map((x) => [tableName(x), x]));
    t.deepEqual(ours.map(tableName).sort(), [...real.keys()].sort());
    for (const x of ours) t.true(Buffer.from(x.data).equals(Buffer.from(real.get(tableName(x))!.data)), `${tableName(x)} byte-identical`);
  });
}

test('fwlab boot --fw-cfg DIR runs QEMU\'s chain: WRITE_POINTER sends the address SeaBIOS sent', async (t) => {
  let out = '';
  const code = await main(['boot', ...machineArgs('q35-vmgenid'), '--guest', 'none', '--fw-cfg', fixturePath('qemu-7.2', 'q35-vmgenid', 'seabios', 'fwcfg-post')], { out: (s) => { out += s; } });
  t.is(code, 0);
  t.regex(out, /loader: WRITE_POINTER etc\/vmgenid_addr\+0 = 0x1ffff028/, 'the address SeaBIOS reported (fixture etc/vmgenid_addr)');
});
