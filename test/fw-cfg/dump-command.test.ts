import test from 'ava';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fwcfgCommand } from '../../src/cli/fwcfg-command.js';
import { UsageError } from '../../src/lib/errors.js';
import { fixturePath } from '../helpers/paths.js';

interface Entry { name: string; select: number; size: number; file: string; sha256: string }

test('fwcfg dump writes every file and an index.json whose hashes match the QEMU fixture', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'fwlab-dump-'));
  try {
    const out: string[] = [];
    const code = await fwcfgCommand(['dump', dir, '-machine', 'q35', '-m', '512M', '-nodefaults',
      '-device', 'vmgenid,guid=324e6eaf-d1d1-4bf6-bf41-b9bb6c91fb87'], { out: (s) => out.push(s) });
    t.is(code, 0);
    const ours = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as Entry[];
    const qemu = JSON.parse(readFileSync(fixturePath('qemu-7.2', 'q35-vmgenid', 'seabios', 'fwcfg-post', 'index.json'), 'utf8')) as Entry[];
    for (const name of ['etc/e820', 'etc/system-states', 'etc/vmgenid_guid', 'etc/smbios/smbios-tables', 'etc/smi/features-ok']) {
      const a = ours.find((e) => e.name === name)!;
      t.is(a.sha256, qemu.find((e) => e.name === name)!.sha256, name);
      t.is(readFileSync(join(dir, a.file.split('/').pop()!)).length, a.size);
    }
    t.true(ours.find((e) => e.name === 'etc/vmgenid_guid')!.file.endsWith('/etc__vmgenid_guid'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('fwcfg dump without a directory is a usage error', async (t) => {
  await t.throwsAsync(fwcfgCommand(['dump', '-machine', 'pc'], { out: () => {} }), { instanceOf: UsageError });
  await t.throwsAsync(fwcfgCommand(['list'], { out: () => {} }), { instanceOf: UsageError });
});
