import test from 'ava';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileCase, parseCase, runCase, uacpiIaslFlags } from './uacpi-runner.js';
import type { UacpiCase } from './uacpi-runner.js';

// FWLAB_UACPI=<a uACPI checkout> runs its tests/test-cases here (docs/status/aml.md has the count).
const dir = process.env['FWLAB_UACPI'];
const casesDir = dir ? join(dir, 'tests', 'test-cases') : '';
const hasIasl = spawnSync('iasl', ['-v'], { encoding: 'utf8' }).status === 0;
const ready = hasIasl && casesDir !== '' && existsSync(casesDir);
const cases: UacpiCase[] = ready ? readdirSync(casesDir).filter((f) => f.endsWith('.asl')).sort().map((f) => parseCase(join(casesDir, f))) : [];
const out = ready ? mkdtempSync(join(tmpdir(), 'fwlab-uacpi-')) : '';
const flags = ready ? uacpiIaslFlags(dir!) : [];
const results = new Map<string, string>();

if (!ready) {
  // Not a Debian tool (.ci/run cannot install it): a skip, never required; the title says what is missing.
  const missing = [...(hasIasl ? [] : ['iasl (apt-get install acpica-tools)']), ...(dir ? (existsSync(casesDir) ? [] : [`${casesDir} (FWLAB_UACPI is not a uACPI checkout)`]) : ['FWLAB_UACPI=<uACPI checkout>'])];
  test.skip(`uACPI test-cases under uACPI's runner contract [missing: ${missing.join(', ')}]`, () => {});
}

for (const c of cases) {
  const base = c.file.replace(/^.*\//, '');
  test.serial(`uACPI ${base}: ${c.name} => ${c.type} ${c.value}`, (t) => {
    const { aml, log } = compileCase(c, flags, out);
    if (!aml) {
      results.set(base, 'does not compile');
      const errors = log.split('\n').filter((l) => /Error/.test(l));
      t.log(`iasl refuses it with uACPI's flags:\n${errors.join('\n')}`);
      t.true(errors.length > 0, 'a case that does not compile is one iasl reports errors for');
      return;
    }
    const why = runCase(c, aml);
    results.set(base, why ?? 'pass');
    t.is(why, undefined);
  });
}

if (ready) {
  test.after.always('summary', (t) => {
    const pass = [...results.values()].filter((r) => r === 'pass').length;
    const refused = [...results.entries()].filter(([, r]) => r === 'does not compile').map(([f]) => f);
    t.log(`uACPI test-cases: ${pass} of ${results.size - refused.length} compiled cases pass; iasl refuses ${refused.length}: ${refused.join(', ')}`);
    rmSync(out, { recursive: true, force: true });
  });
}
