// In process, one at a time (the CLI writes to process.stderr, captured per case). Findings of `npm run fuzz -- --target cli`: each was "internal error" (exit 70); a user mistake is one line, exit 2.
import test from 'ava';
import { runCli } from './targets/cli.js';

for (const argv of [['fwcfg', 'dump', ''], ['boot', '--guest', 'none', '--report', ''], ['loader', 'run', 'x', '--dump', '']]) {
  test.serial(`fuzz regression: fwlab ${argv.map((a) => JSON.stringify(a)).join(' ')} is a usage error`, async (t) => {
    t.is(await runCli(argv), 2);
  });
}
