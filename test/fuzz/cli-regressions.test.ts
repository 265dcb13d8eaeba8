// In process, one at a time (the CLI writes to process.stderr, captured per case). Findings of `npm run fuzz -- --target cli`: each was "internal error" (exit 70); a user mistake is one line, exit 2.
import test from 'ava';
import { runCli } from './targets/cli.js';

const CASES = [
  ['fwcfg', 'dump', ''], ['boot', '--guest', 'none', '--report', ''], ['loader', 'run', 'x', '--dump', ''],
  // A directory whose entries vanish between listing and stat (/proc/self/fd: the listing's own fd).
  ['loader', 'explain', '/proc/self/fd'],
];

for (const argv of CASES) {
  test.serial(`fuzz regression: fwlab ${argv.map((a) => JSON.stringify(a)).join(' ')} is a usage error`, async (t) => {
    t.is(await runCli(argv), 2);
  });
}
