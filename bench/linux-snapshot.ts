/**
 * `npm run linux-snapshot [-- --at 2.5s] [--firmware fwlab|seabios]` (decision 0048): Debian's i386
 * kernel (scripts/fetch-linux.sh) booted to its root-mount panic three ways, each a fresh `fwlab
 * boot` process as a user runs it — straight; to `--at` (default 2.5 s of the x86 run: the kernel has printed 121 of its 358 lines) then QMP
 * `migrate` to a file from `--monitor stdio`; and `-incoming file:` on to the panic. The straight
 * serial log and the two halves put together must be the same bytes, time stamps included. Prints
 * the times and the first differing line; exit 1 on a difference.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SEABIOS, bootArgs, kernelPath } from './lib/linux-boot.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const argv = process.argv.slice(2);
const at = argv.includes('--at') ? argv[argv.indexOf('--at') + 1]! : '2.5s';
const firmware = argv.includes('--firmware') && argv[argv.indexOf('--firmware') + 1] === 'seabios' ? 'seabios' : 'fwlab';
const kernel = kernelPath(root);
if (!kernel) {
  console.log('linux-snapshot: skipped: no .cache/linux/vmlinuz (run scripts/fetch-linux.sh)');
  process.exit(0);
}
const args = [...bootArgs('pc', kernel), '-serial', 'stdio', ...(firmware === 'seabios' ? ['--bios', SEABIOS] : [])];
const until = 'end Kernel panic';

function fwlab(extra: readonly string[], input?: string): { stdout: string; status: number | null; cpuS: number } {
  const t0 = process.cpuUsage();
  const r = spawnSync(process.execPath, [join(root, 'bin', 'fwlab.js'), 'boot', ...args, ...extra], {
    encoding: 'latin1', cwd: root, maxBuffer: 1 << 26, ...(input !== undefined ? { input } : {}),
  });
  const c = process.cpuUsage(t0);
  if (r.status !== 0) process.stderr.write(r.stderr);
  return { stdout: r.stdout, status: r.status, cpuS: (c.user + c.system) / 1e6 };
}

const dir = mkdtempSync(join(tmpdir(), 'fwlab-linux-snapshot-'));
try {
  const snap = join(dir, 'linux.snap');
  let t = performance.now();
  const straight = fwlab(['--until', until]);
  console.log(`straight to the panic: ${((performance.now() - t) / 1000).toFixed(1)} s wall, ${straight.stdout.split('\n').length} lines`);
  t = performance.now();
  const qmp = [{ execute: 'qmp_capabilities' }, { execute: 'migrate', arguments: { uri: `file:${snap}` } }, { execute: 'quit' }].map((c) => JSON.stringify(c)).join('\n') + '\n';
  const first = fwlab(['--run-for', at, '--monitor', 'stdio'], qmp);
  const cut = first.stdout.indexOf('{"QMP":');
  console.log(`to ${at} and migrate: ${((performance.now() - t) / 1000).toFixed(1)} s wall; ${first.stdout.slice(cut).split('\n').filter((l) => l.includes('"error"')).join(' ') || 'migrate completed'}`);
  t = performance.now();
  const second = fwlab(['-incoming', `file:${snap}`, '--until', until]);
  console.log(`restored, on to the panic: ${((performance.now() - t) / 1000).toFixed(1)} s wall`);
  const joined = first.stdout.slice(0, Math.max(0, cut)) + second.stdout;
  const a = straight.stdout.split('\n');
  const b = joined.split('\n');
  const i = a.findIndex((l, n) => l !== b[n]);
  if (straight.status !== 0 || first.status !== 0 || second.status !== 0 || cut < 0 || joined !== straight.stdout) {
    console.log(`DIFFERENT at line ${i + 1}:\n  straight: ${a[i] ?? '(end)'}\n  resumed:  ${b[i] ?? '(end)'}`);
    process.exitCode = 1;
  } else {
    console.log(`identical: ${a.length} lines, ${straight.stdout.length} bytes; the snapshot cut the log after line ${first.stdout.slice(0, cut).split('\n').length - 1}; last line: ${a.filter(Boolean).at(-1)}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
