import test from 'ava';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../helpers/paths.js';

const root = repoRoot();

/** The ```js block under the README's "Using fwlab as a library" heading, exactly as written. */
function readmeExample(): string {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((s) => s.startsWith('Using fwlab as a library'));
  const block = section && /```js\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error('README.md has no ```js block under "## Using fwlab as a library"');
  return block[1]!;
}

/** The vmgenid GUID's 16 bytes in guest memory: fields 1-3 little-endian (QEMU docs/specs/vmgenid.txt). */
function microsoftBytes(guid: string): string {
  const hex = guid.replace(/-/g, '');
  const swap = (s: string) => s.match(/../g)!.reverse().join('');
  return swap(hex.slice(0, 8)) + swap(hex.slice(8, 12)) + swap(hex.slice(12, 16)) + hex.slice(16);
}

test('the README library example runs against dist/index.js and reads the new GUID back at ADDR', (t) => {
  const code = readmeExample();
  t.regex(code, /from 'fwlab'/);
  const set = /const guid = '([0-9a-f-]{36})'/.exec(code)?.[1];
  const booted = /vmgenid,guid=([0-9a-f-]{36})/.exec(code)?.[1];
  t.truthy(set, 'the example sets a GUID literal');
  t.not(set, booted, 'the example changes the GUID it booted with');
  // Inside the package directory 'fwlab' resolves through package.json "exports", as for a user.
  const dir = mkdtempSync(join(root, 'build', 'readme-'));
  try {
    writeFileSync(join(dir, 'example.mjs'), code);
    const r = spawnSync(process.execPath, [join(dir, 'example.mjs')], { cwd: dir, encoding: 'utf8' });
    t.is(r.status, 0, r.stderr);
    const m = /^vmgenid at 0x([0-9a-f]+): ([0-9a-f-]{36})\nbytes: ([0-9a-f]{32})\n$/.exec(r.stdout);
    t.truthy(m, r.stdout);
    const addr = parseInt(m![1]!, 16);
    t.true(addr >= 0x100000 && addr < 2 ** 32 && addr % 8 === 0, `ADDR 0x${addr.toString(16)} is in RAM below 4 GiB`);
    t.is(m![2], set!);
    t.is(m![3], microsoftBytes(set!));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
