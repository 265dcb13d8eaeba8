/**
 * Decision 0048 through the CLI, one process per step as a user runs it: `fwlab boot ... --until`
 * straight, against `--run-for T1 --monitor stdio` + QMP `migrate` in one process and
 * `-incoming file:PATH --until` in a fresh one. COM1 (-serial stdio) must be the same bytes.
 */
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../helpers/paths.js';
import { testWith } from '../helpers/reference.js';

const bin = join(repoRoot(), 'bin', 'fwlab.js');
const fwlab = (args: readonly string[], input?: string) => spawnSync(process.execPath, [bin, 'boot', ...args], { encoding: 'latin1', cwd: repoRoot(), ...(input !== undefined ? { input } : {}) });
const qmp = (...commands: object[]): string => commands.map((c) => JSON.stringify(c) + '\n').join('');
const GREETING = '{"QMP":';
/** The command replies on a QMP stream (no greeting, no events), in order. */
const repliesOf = (text: string) => text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>).filter((r) => 'return' in r || 'error' in r);

function splitRun(t: import('ava').ExecutionContext, args: readonly string[], t1: string, until: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'fwlab-x86snap-'));
  try {
    const snap = join(dir, 'vm.snap');
    const straight = fwlab([...args, '--until', until]);
    t.is(straight.status, 0, straight.stderr);
    const first = fwlab([...args, '--run-for', t1, '--monitor', 'stdio'], qmp(
      { execute: 'qmp_capabilities' }, { execute: 'migrate', arguments: { uri: `file:${snap}` } }, { execute: 'query-migrate' }, { execute: 'quit' },
    ));
    t.is(first.status, 0, first.stderr);
    const at = first.stdout.indexOf(GREETING);
    t.true(at > 0, 'COM1 printed before the monitor started');
    const replies = repliesOf(first.stdout.slice(at));
    t.deepEqual(replies[1], { return: {} }, 'migrate answered {}');
    t.is((replies[2] as { return: { status: string } }).return.status, 'completed');
    const second = fwlab([...args, '-incoming', `file:${snap}`, '--until', until]);
    t.is(second.status, 0, second.stderr);
    t.is(first.stdout.slice(0, at) + second.stdout, straight.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const BIOS_CALLS = ['-machine', 'pc', '-nodefaults', '-m', '128M', '-rtc', 'base=2021-03-04T05:06:07,clock=vm', '-drive', 'file=guest-images/bios-calls.img,format=raw,if=ide', '-serial', 'stdio'];

test('CLI: bios-calls.img under fwlab\'s firmware, migrated at 3 ms in one process and restored in another, prints on COM1 what the straight run prints', (t) => {
  splitRun(t, [...BIOS_CALLS, '--guest', 'none'], '3ms', 'bios-calls: done');
});

testWith(['seabios'])('CLI: Debian\'s SeaBIOS (--bios bios-256k.bin) migrated mid-boot-sector and restored in a fresh process: COM1 as straight', (t) => {
  splitRun(t, [...BIOS_CALLS, '--bios', '/usr/share/seabios/bios-256k.bin'], '15ms', 'bios-calls: done');
});

test('CLI: migrate refuses, in one line, a machine whose COM1 writes to a host file (-serial file:)', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'fwlab-x86snap-'));
  try {
    const args = BIOS_CALLS.map((a) => (a === 'stdio' ? `file:${join(dir, 'com1.txt')}` : a));
    const r = fwlab([...args, '--guest', 'none', '--run-for', '3ms', '--monitor', 'stdio'], qmp(
      { execute: 'qmp_capabilities' }, { execute: 'migrate', arguments: { uri: `file:${join(dir, 'vm.snap')}` } }, { execute: 'quit' },
    ));
    const reply = repliesOf(r.stdout.slice(r.stdout.indexOf(GREETING)))[1] as { error?: { class: string; desc: string } };
    t.is(reply.error?.class, 'GenericError');
    t.regex(reply.error?.desc ?? '', /^-serial file:\S+: a host file cannot be saved in a snapshot/);
    t.false((reply.error?.desc ?? '').includes('\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('CLI: migrate while x86 code runs (--qmp-at inside the run) fails with one line instead of saving a core inside an instruction', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'fwlab-x86snap-'));
  try {
    const r = fwlab([...BIOS_CALLS, '--guest', 'none', '--until', 'bios-calls: done', '--qmp-at', `5ms:${JSON.stringify({ execute: 'migrate', arguments: { uri: `file:${join(dir, 'vm.snap')}` } })}`]);
    t.is(r.status, 0, r.stderr);
    t.regex(r.stderr, /qmp-at 5\.000 ms .*"migrate".*x86 code is running: migrate once its run stopped/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('CLI: migrate refuses, in one line, a machine with more than one CPU (the APs\' state is not in a snapshot)', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'fwlab-x86snap-'));
  try {
    const r = fwlab([...BIOS_CALLS, '-smp', '2', '--guest', 'none', '--run-for', '3ms', '--monitor', 'stdio'], qmp(
      { execute: 'qmp_capabilities' }, { execute: 'migrate', arguments: { uri: `file:${join(dir, 'vm.snap')}` } }, { execute: 'query-migrate' }, { execute: 'quit' },
    ));
    t.is(r.status, 0, r.stderr);
    const replies = repliesOf(r.stdout.slice(r.stdout.indexOf(GREETING)));
    const reply = replies[1] as { error?: { class: string; desc: string } };
    t.is(reply.error?.class, 'GenericError');
    t.regex(reply.error?.desc ?? '', /^2 CPUs \(-smp\): only a one-CPU machine can be saved/);
    t.false((reply.error?.desc ?? '').includes('\n'));
    t.is((replies[2] as { return: { status: string } }).return.status, 'failed');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
