/**
 * `npm run linux [-- --board pc|q35|pc-vmgenid|pc-smp2] [--firmware fwlab|seabios] [--capture] [--fwlab-log FILE]`: boots
 * Debian's i386 kernel (scripts/fetch-linux.sh) to its root-mount panic on fwlab (through fwlab's own
 * firmware by default, or Debian's SeaBIOS on the x86 core) and compares what Linux saw with QEMU 7.2 +
 * SeaBIOS: live QEMU when installed (or with --capture, the committed log
 * test/fixtures/linux/qemu-<board>/serial.log). `--fwlab-log FILE` compares a serial log fwlab already
 * wrote (`fwlab boot ... -serial file:FILE`) instead of booting. Prints the comparison
 * (src/tools/linux/boot-log.ts), the last lines and the times; exit 1 on a difference.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { compareViews, formatComparison, linuxView, printkLines } from '../src/tools/linux/boot-log.js';
import { PANIC_END, bootFwlab, bootQemu, kernelPath } from './lib/linux-boot.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const argv = process.argv.slice(2);
const boardArg = argv[argv.indexOf('--board') + 1];
const boards = argv.includes('--board') && boardArg ? [boardArg] : ['pc', 'q35', 'pc-vmgenid'];
const logArg = argv.includes('--fwlab-log') ? argv[argv.indexOf('--fwlab-log') + 1] : undefined;
const firmware = argv.includes('--firmware') && argv[argv.indexOf('--firmware') + 1] === 'seabios' ? 'seabios' : 'fwlab';
const useCapture = argv.includes('--capture') || logArg !== undefined || spawnSync('qemu-system-x86_64', ['--version']).error !== undefined;
const kernel = kernelPath(root);
let failed = false;

for (const board of boards) {
  let reference: string;
  let qemuMs: number | undefined;
  if (useCapture || !kernel) {
    reference = readFileSync(join(root, 'test', 'fixtures', 'linux', `qemu-${board}`, 'serial.log'), 'latin1');
    console.log(`${board}: QEMU reference: the committed capture test/fixtures/linux/qemu-${board}/serial.log`);
  } else {
    const q = await bootQemu(board, kernel);
    if (!q) throw new Error('qemu-system-x86_64 did not start');
    reference = q.log;
    qemuMs = q.wallMs;
    console.log(`${board}: QEMU 7.2 TCG live: ${(q.wallMs / 1000).toFixed(1)} s wall to the panic`);
  }
  let log: string;
  let reached: boolean;
  if (logArg !== undefined) {
    log = readFileSync(logArg, 'latin1');
    reached = PANIC_END.test(log) || linuxView(log).rootPanic !== undefined;
  } else if (!kernel) {
    console.log(`${board}: fwlab side skipped: no .cache/linux/vmlinuz (run scripts/fetch-linux.sh)`);
    continue;
  } else {
    const f = await bootFwlab(board, kernel, firmware);
    const out = join(root, '.cache', 'linux', `fwlab-${board}.log`);
    mkdirSync(join(root, '.cache', 'linux'), { recursive: true });
    writeFileSync(out, f.log);
    console.log(`${board}: fwlab (${firmware === 'fwlab' ? 'its TypeScript firmware' : "Debian's SeaBIOS"}): ${(f.cpuMs / 1000).toFixed(1)} s CPU, ${(f.wallMs / 1000).toFixed(1)} s wall, ${f.virtualMs.toFixed(0)} ms virtual; log in ${out}`);
    if (qemuMs !== undefined) console.log(`${board}: fwlab / QEMU TCG (wall) = ${(f.wallMs / qemuMs).toFixed(1)}`);
    log = f.log;
    reached = f.reached;
  }
  const view = linuxView(log);
  const cmp = compareViews(linuxView(reference), view);
  console.log(formatComparison(`${board}: fwlab against QEMU + SeaBIOS`, cmp, view).join('\n'));
  console.log(`  last lines:\n${printkLines(log).slice(-3).map((l) => `    ${l}`).join('\n')}`);
  if (!reached || view.faults.length || cmp.some((c) => !c.equal)) failed = true;
}
process.exitCode = failed ? 1 : 0;
