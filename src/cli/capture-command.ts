import { readFileSync } from 'node:fs';
import { captureFwCfg } from '../tools/capture/capture.js';
import { writeFwCfgDir } from '../tools/fw-cfg-dir/fw-cfg-dir.js';
import { UsageError } from '../lib/errors.js';
import type { Io } from './io.js';

export const CAPTURE_HELP = `usage: fwlab capture [--out DIR] [--pci QUERY-PCI.json] [--raw] [--json] -- QEMU-COMMAND-LINE

Runs your QEMU paused under qtest (-accel tcg -S -qtest stdio -qtest-log none are added),
programs the chipset registers a firmware would (PCIEXBAR, PM base, SMBus; with --pci also the
bus numbers, bridge windows and BARs of a QMP query-pci result), then reads every fw_cfg file
and writes them plus index.json in the fixture format (default DIR: fwcfg-post).
  --raw    program nothing: the ACPI blobs are the pre-firmware ones`;

/** `fwlab capture -- qemu-system-x86_64 ...`. */
export async function captureCommand(args: readonly string[], io: Io): Promise<number> {
  const sep = args.indexOf('--');
  const own = sep < 0 ? args : args.slice(0, sep);
  const argv = sep < 0 ? [] : args.slice(sep + 1);
  let out = 'fwcfg-post';
  let json = false;
  let raw = false;
  let queryPci: unknown;
  for (let i = 0; i < own.length; i++) {
    const a = own[i]!;
    const next = (): string => {
      const v = own[++i];
      if (v === undefined) throw new UsageError(`option '${a}' needs a value`);
      return v;
    };
    if (a === '--help' || a === '-h') {
      io.out(CAPTURE_HELP);
      return 0;
    } else if (a === '--out' || a === '-o') out = next();
    else if (a === '--json') json = true;
    else if (a === '--raw') raw = true;
    else if (a === '--pci') {
      const file = next();
      try {
        queryPci = JSON.parse(readFileSync(file, 'utf8'));
      } catch (e) {
        throw new UsageError(`--pci ${file}: ${(e as Error).message.split('\n')[0]}`);
      }
    } else throw new UsageError(`unknown capture option '${a}' (the QEMU command line goes after --)`);
  }
  if (argv.length === 0) throw new UsageError('capture needs a QEMU command line after -- (fwlab capture --help)');
  const tty = process.stderr.isTTY === true;
  const onProgress = tty ? (done: number, total: number, name: string) => process.stderr.write(`\r\x1b[Kcapture: ${done}/${total} ${name}`) : undefined;
  const result = await captureFwCfg({ argv, raw, queryPci, onProgress });
  if (tty) process.stderr.write('\r\x1b[K');
  writeFwCfgDir(out, result.files);
  if (json) {
    io.out(JSON.stringify({ out, board: result.board, dma: result.dma, configWrites: result.writes.length, files: result.files.map((f) => ({ name: f.name, select: f.select, size: f.data.length })) }, null, 1));
  } else {
    io.out(`captured ${result.files.length} fw_cfg files from a ${result.board} machine (${result.dma ? 'DMA' : 'port I/O'}, ${result.writes.length} config writes) into ${out}/`);
  }
  return 0;
}
