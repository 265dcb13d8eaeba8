import test from 'ava';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCommandArgs } from '../../src/tools/cli-args.js';
import { UsageError } from '../../src/lib/errors.js';
import { repoRoot } from '../helpers/paths.js';

const bin = join(repoRoot(), 'bin', 'fwlab.js');
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

test('fwlab --version prints the version in package.json', (t) => {
  const pkg = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as { version: string };
  const r = run('--version');
  t.is(r.status, 0, r.stderr);
  t.is(r.stdout, `fwlab ${pkg.version}\n`);
});

const UNKNOWN: Array<[string[], RegExp]> = [
  [['--frobnicate'], /^fwlab: unknown option '--frobnicate'/],
  [['boot', '--frobnicate'], /^fwlab: unknown option '--frobnicate'/],
  [['boot', '-frobnicate'], /^fwlab: unknown option '-frobnicate'/],
  [['boot', '--json=yes'], /^fwlab: option '--json' takes no value/],
  [['boot', '--guest'], /^fwlab: option '--guest' needs a value/],
  [['loader', 'explain', 'dir', '--frobnicate'], /^fwlab: unknown loader option '--frobnicate'/],
  [['acpi', 'dump', 'dir', '-x'], /^fwlab: unknown acpi option '-x'/],
  [['aml', 'eval', 'x.aml', '\\MAIN', '--frobnicate'], /^fwlab: unknown aml option '--frobnicate'/],
  [['aml', 'run', 'x.aml', '--frobnicate'], /^fwlab: unknown aml option '--frobnicate'/],
  [['capture', '--frobnicate', '--', 'qemu-system-x86_64'], /^fwlab: unknown capture option '--frobnicate'/],
  [['fwcfg', 'dump', 'out', '--frobnicate'], /^fwlab: unknown option '--frobnicate'/],
];

for (const [args, message] of UNKNOWN) {
  test(`fwlab ${args.join(' ')} → one line, exit 2`, (t) => {
    const r = run(...args);
    t.is(r.status, 2, r.stderr);
    t.regex(r.stderr, message);
    t.is(r.stderr.trim().split('\n').length, 1);
  });
}

test('qemu mode takes out only the command\'s own --options; QEMU options pass through in order', (t) => {
  const p = parseCommandArgs(
    ['-machine', 'q35', '--json', '-m', '1G', '--bios=rom.mjs', '-device', 'vmgenid,guid=auto', '-bios', 'x.mjs', '-nodefaults', '--random'],
    { flags: ['--json'], options: ['--bios'], aliases: { '-bios': '--bios' } }, 'boot', 'qemu');
  t.deepEqual(p.passThrough, ['-machine', 'q35', '-m', '1G', '-device', 'vmgenid,guid=auto', '-nodefaults', '--random']);
  t.true(p.flags.has('--json'));
  t.is(p.options.get('--bios'), 'x.mjs', 'the last one given wins');
});

test('tool mode: positionals, --opt VALUE and --opt=VALUE, -h is --help, -- ends the options', (t) => {
  const p = parseCommandArgs(['a', '--out', 'f', 'b', '--table=DSDT', '-h', '--', '--not-an-option'], { flags: [], options: ['--out', '--table'] }, 'acpi');
  t.deepEqual(p.positionals, ['a', 'b', '--not-an-option']);
  t.deepEqual([...p.options], [['--out', 'f'], ['--table', 'DSDT']]);
  t.deepEqual(p.after, [undefined, '--out', undefined]);
  t.true(p.flags.has('--help'));
  const c = parseCommandArgs(['--raw', '--', 'qemu-system-x86_64', '-m', '1G'], { flags: ['--raw'], terminator: true }, 'capture');
  t.deepEqual(c.afterTerminator, ['qemu-system-x86_64', '-m', '1G']);
  t.throws(() => parseCommandArgs(['-x'], {}, 'acpi'), { instanceOf: UsageError, message: "unknown acpi option '-x' (fwlab acpi --help)" });
});
