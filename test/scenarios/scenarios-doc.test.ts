/**
 * docs/scenarios.md is executable: every ```sh block runs under bash from the repository root with
 * `fwlab` on PATH, and each **expect** / **absent** regular expression after it is checked against
 * the block's stdout + stderr.
 */
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../helpers/paths.js';

const REPO_ROOT = repoRoot();

interface Scenario {
  readonly title: string;
  readonly command: string;
  readonly expect: RegExp[];
  readonly absent: RegExp[];
}

function parse(markdown: string): Scenario[] {
  const out: Array<{ title: string; command: string; expect: RegExp[]; absent: RegExp[] }> = [];
  let title = '';
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.startsWith('#')) title = l.replace(/^#+\s*/, '');
    if (l.trim() === '```sh') {
      const body: string[] = [];
      for (i++; i < lines.length && lines[i]!.trim() !== '```'; i++) body.push(lines[i]!);
      out.push({ title, command: body.join('\n'), expect: [], absent: [] });
      continue;
    }
    const m = /^- \*\*(expect|absent)\*\* `(.*)`\s*$/.exec(l);
    if (m && out.length) out[out.length - 1]![m[1] as 'expect' | 'absent'].push(new RegExp(m[2]!));
  }
  return out;
}

const doc = readFileSync(join(REPO_ROOT, 'docs', 'scenarios.md'), 'utf8');
const scenarios = parse(doc);
const shim = mkdtempSync(join(tmpdir(), 'fwlab-shim-'));
writeFileSync(join(shim, 'fwlab'), `#!/bin/sh\nexec "${process.execPath}" "${join(REPO_ROOT, 'bin', 'fwlab.js')}" "$@"\n`);
chmodSync(join(shim, 'fwlab'), 0o755);

test('docs/scenarios.md has runnable blocks, each with outcomes to check', (t) => {
  t.true(scenarios.length >= 10);
  for (const s of scenarios) t.true(s.expect.length + s.absent.length > 0, s.command);
});

for (const [i, s] of scenarios.entries()) {
  test(`scenario ${i + 1} (${s.title}): ${s.command.slice(0, 90)}`, (t) => {
    const run = spawnSync('bash', ['-c', s.command], {
      cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, PATH: `${shim}:${process.env.PATH ?? ''}` },
    });
    const output = `${run.stdout}${run.stderr}`;
    t.is(run.status, 0, output.slice(-2000));
    for (const re of s.expect) t.regex(output, re);
    for (const re of s.absent) t.notRegex(output, re);
  });
}
