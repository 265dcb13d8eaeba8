import test from 'ava';
import { readFileSync } from 'node:fs';
import { createMachine } from '../../src/index.js';
import { main } from '../../src/cli.js';
import { fixturePath } from '../helpers/paths.js';

async function bootJson(args: string[]): Promise<{ memory: { e820: { bytes: string } } }> {
  let out = '';
  const code = await main(['boot', ...args, '--json', '--guest', 'none'], { out: (s) => { out += s; } });
  if (code !== 0) throw new Error(`fwlab boot exited ${code}`);
  return JSON.parse(out);
}

for (const [config, board] of [['pc-default', 'pc'], ['q35-default', 'q35']] as const) {
  test(`fwlab boot -machine ${board} -m 512M --json reports QEMU's etc/e820 byte for byte (${config})`, async (t) => {
    const expected = readFileSync(fixturePath('qemu-7.2', config, 'seabios', 'fwcfg-post', 'etc__e820'));
    const report = await bootJson(['-machine', board, '-m', '512M']);
    t.is(report.memory.e820.bytes, expected.toString('hex'));
  });
}

// QEMU 7.2 rules (qemu-host.md §5.1), with the observed examples given there.
test('pc caps low RAM at 3 GiB from 3.5 GiB up; q35 at 2 GiB from 2.75 GiB up', (t) => {
  const layout = (args: string[]) => createMachine(args).ramLayout;
  t.like(layout(['-machine', 'pc', '-m', '3584']), { below4g: 0xc0000000, above4g: 0x20000000 });
  t.like(layout(['-machine', 'pc', '-m', '3583']), { below4g: 3583 * 2 ** 20, above4g: 0 });
  t.like(layout(['-machine', 'pc', '-m', '4G']), { below4g: 0xc0000000, above4g: 0x40000000 });
  t.like(layout(['-machine', 'q35', '-m', '2816']), { below4g: 0x80000000, above4g: 0x30000000 });
  t.like(layout(['-machine', 'q35', '-m', '2815']), { below4g: 2815 * 2 ** 20, above4g: 0 });
});

test('the AMD HyperTransport entry comes first on qemu64 and not on an Intel model', (t) => {
  const amd = createMachine(['-machine', 'q35', '-m', '8G']).e820;
  t.deepEqual(amd.map((e) => [e.address, e.length, e.type]), [
    [0xfd00000000, 0x300000000, 2], [0, 0x80000000, 1], [0x100000000, 0x180000000, 1],
  ]);
  const intel = createMachine(['-machine', 'q35', '-m', '8G', '-cpu', 'Skylake-Client']).e820;
  t.deepEqual(intel.map((e) => e.type), [1, 1]);
});

test('high RAM moves to 1 TiB when it would reach the HyperTransport hole, within phys-bits', (t) => {
  t.is(createMachine(['-machine', 'pc', '-m', '1000G']).ramLayout.above4gStart, 2 ** 32, 'ends below the hole: stays at 4 GiB');
  const m = createMachine(['-machine', 'pc', '-m', '1010G', '-cpu', 'qemu64,phys-bits=42']);
  t.is(m.ramLayout.above4gStart, 2 ** 40);
  t.throws(() => createMachine(['-machine', 'pc', '-m', '1010G']), { message: /phys-bits too low \(40\)/ });
});

test('maxmem adds device memory and etc/reserved-memory-end rounded to 1 GiB', (t) => {
  const l = createMachine(['-machine', 'pc', '-m', '1G,slots=2,maxmem=4G']).ramLayout;
  t.deepEqual(l.deviceMemory, { base: 0x100000000, size: 3 * 2 ** 30 + 2 * 2 ** 30 });
  t.is(l.reservedMemoryEnd, 0x100000000 + 5 * 2 ** 30);
});
