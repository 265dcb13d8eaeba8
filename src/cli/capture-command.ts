import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KERNEL_ITEMS_DIR, kernelItemFileName } from '../tools/capture/kernel-items.js';
import type { KernelItem } from '../tools/capture/kernel-items.js';
import { captureFwCfg } from '../tools/capture/capture.js';
import { writeFwCfgDir } from '../tools/fw-cfg-dir/fw-cfg-dir.js';
import { UsageError } from '../lib/errors.js';
import type { Io } from './io.js';
import { parseCommandArgs } from '../tools/cli-args.js';
import { inputFile, outputDir } from './paths.js';

export const CAPTURE_HELP = `usage: fwlab capture [--out DIR] [--pci QUERY-PCI.json] [--raw] [--json] -- QEMU-COMMAND-LINE

Runs your QEMU paused under qtest (-accel tcg -S -qtest stdio -qtest-log none are added),
programs the chipset registers a firmware would (PCIEXBAR, PM base, SMBus; with --pci also the
bus numbers, bridge windows and BARs of a QMP query-pci result), then reads every fw_cfg file
and writes them plus index.json in the fixture format (default DIR: fwcfg-post).
  --raw    program nothing: the ACPI blobs are the pre-firmware ones`;

/** `fwlab capture -- qemu-system-x86_64 ...`. */
export async function captureCommand(args: readonly string[], io: Io): Promise<number> {
  const p = parseCommandArgs(args, { flags: ['--json', '--raw'], options: ['--out', '--pci'], aliases: { '-o': '--out' }, terminator: true }, 'capture');
  if (p.flags.has('--help')) {
    io.out(CAPTURE_HELP);
    return 0;
  }
  if (p.positionals.length) throw new UsageError(`unexpected argument '${p.positionals[0]}' (the QEMU command line goes after --)`);
  const argv = p.afterTerminator ?? [];
  const out = p.options.get('--out') ?? 'fwcfg-post';
  const json = p.flags.has('--json');
  const raw = p.flags.has('--raw');
  let queryPci: unknown;
  const pciFile = p.options.get('--pci');
  if (pciFile !== undefined) {
    inputFile(pciFile, '--pci');
    try {
      queryPci = JSON.parse(readFileSync(pciFile, 'utf8'));
    } catch (e) {
      throw new UsageError(`--pci ${pciFile}: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  if (argv.length === 0) throw new UsageError('capture needs a QEMU command line after -- (fwlab capture --help)');
  const tty = process.stderr.isTTY === true;
  const onProgress = tty ? (done: number, total: number, name: string) => process.stderr.write(`\r\x1b[Kcapture: ${done}/${total} ${name}`) : undefined;
  const result = await captureFwCfg({ argv, raw, queryPci, onProgress });
  if (tty) process.stderr.write('\r\x1b[K');
  outputDir(out, '--out');
  writeFwCfgDir(out, result.files);
  writeKernelItems(out, result.kernelItems);
  if (json) {
    io.out(JSON.stringify({ out, board: result.board, dma: result.dma, configWrites: result.writes.length, files: result.files.map((f) => ({ name: f.name, select: f.select, size: f.data.length })) }, null, 1));
  } else {
    io.out(`captured ${result.files.length} fw_cfg files from a ${result.board} machine (${result.dma ? 'DMA' : 'port I/O'}, ${result.writes.length} config writes) into ${out}/`);
  }
  return 0;
}

/** Kernel items as <out>/kernel-items/0xNN.bin (none without -kernel). */
function writeKernelItems(out: string, items: readonly KernelItem[]): void {
  if (!items.length) return;
  mkdirSync(join(out, KERNEL_ITEMS_DIR), { recursive: true });
  for (const i of items) writeFileSync(join(out, KERNEL_ITEMS_DIR, kernelItemFileName(i.key)), i.data);
}
