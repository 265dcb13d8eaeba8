import test from 'ava';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { captureFwCfg, boardOf } from '../../src/tools/capture/capture.js';
import { readFwCfgDir, writeFwCfgDir } from '../../src/tools/fw-cfg-dir/fw-cfg-dir.js';
import { fixturePath } from '../helpers/paths.js';
import { whenPresent } from '../helpers/reference.js';

const ACPI_BLOBS = ['etc/acpi/tables', 'etc/acpi/rsdp', 'etc/table-loader'];

/** The fixture's own capture command line, minus the qtest options capture adds itself. */
function fixtureArgv(config: string): string[] {
  const line = readFileSync(fixturePath('qemu-7.2', config, 'cmdline-fwcfg.txt'), 'utf8').trim().split(/\s+/);
  const out: string[] = [];
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '-S') continue;
    if (['-qtest', '-qtest-log', '-accel'].includes(line[i]!)) i++;
    else out.push(line[i]!);
  }
  return out;
}

test('boardOf reads -machine / -M and defaults to pc like QEMU', (t) => {
  t.is(boardOf(['qemu', '-machine', 'q35,accel=tcg']), 'q35');
  t.is(boardOf(['qemu', '-M', 'pc-q35-7.2']), 'q35');
  t.is(boardOf(['qemu', '-machine', 'type=pc-i440fx-7.2']), 'pc');
  t.is(boardOf(['qemu', '-m', '1G']), 'pc');
});

if (whenPresent(['qemu'], "capture -- <config>: ACPI blobs equal the fixture's seabios/fwcfg-post")) {
  for (const [config, withPci] of [['q35-vmgenid', false], ['q35-rootports', true], ['pc-bridge', true]] as const) {
    test(`capture -- ${config}: ACPI blobs equal the fixture's seabios/fwcfg-post`, async (t) => {
      const queryPci = withPci ? JSON.parse(readFileSync(fixturePath('qemu-7.2', config, 'seabios', 'query-pci.json'), 'utf8')) : undefined;
      const result = await captureFwCfg({ argv: fixtureArgv(config), queryPci });
      const dir = mkdtempSync(join(tmpdir(), 'fwlab-capture-'));
      try {
        writeFwCfgDir(join(dir, 'fwcfg-post'), result.files);
        const got = readFwCfgDir(join(dir, 'fwcfg-post'));
        const want = readFwCfgDir(fixturePath('qemu-7.2', config, 'seabios', 'fwcfg-post'));
        t.deepEqual([...got.keys()], [...want.keys()], 'same fw_cfg directory');
        for (const name of ACPI_BLOBS) t.true(Buffer.from(got.get(name)!.data).equals(Buffer.from(want.get(name)!.data)), name);
        t.true(result.dma);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
}

test('capture: a program that is not QEMU gives one line and exit 2', async (t) => {
  const { main } = await import('../../src/cli.js');
  const errors: string[] = [];
  const orig = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((s: string) => { errors.push(String(s)); return true; }) as typeof process.stderr.write;
  try {
    t.is(await main(['capture', '--out', '/nonexistent/x', '--', 'false'], { out: () => undefined }), 2);
    t.is(await main(['capture', '--out', '/nonexistent/x'], { out: () => undefined }), 2);
  } finally {
    process.stderr.write = orig;
  }
  t.regex(errors[0] ?? '', /^fwlab: QEMU exited \(code 1\)/);
  t.regex(errors[1] ?? '', /needs a QEMU command line after --/);
});
