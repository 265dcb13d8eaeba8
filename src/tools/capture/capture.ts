import { QtestClient } from '../qtest/qtest-client.js';
import { applyConfigWrites, chipsetWrites, pciWritesFromQueryPci } from './chipset-setup.js';
import type { ConfigWrite } from './chipset-setup.js';
import { FwCfgQtestReader } from './fw-cfg-qtest.js';
import { readKernelItems } from './kernel-items.js';
import type { KernelItem } from './kernel-items.js';
import type { FwCfgFile } from '../fw-cfg-dir/fw-cfg-dir.js';

export interface CaptureOptions {
  /** QEMU program and its options, as the user would run it. */
  readonly argv: readonly string[];
  /** Skip the chipset programming: the tables then are the pre-firmware ones. */
  readonly raw?: boolean;
  /** A QMP query-pci result whose bus numbers, windows and BARs are programmed too. */
  readonly queryPci?: unknown;
  /** Called after each file is read (the CLI shows progress on a TTY). */
  readonly onProgress?: (done: number, total: number, name: string) => void;
}

export interface CaptureResult {
  readonly board: 'pc' | 'q35';
  readonly dma: boolean;
  readonly writes: readonly ConfigWrite[];
  readonly files: FwCfgFile[];
  /** With -kernel: the kernel, initrd, cmdline and setup items (keys 0x07-0x18). */
  readonly kernelItems: KernelItem[];
}

/** The board QEMU will build: `-machine`/`-M` type (pc, pc-i440fx-*, q35, pc-q35-*); QEMU's default is pc. */
export function boardOf(argv: readonly string[]): 'pc' | 'q35' {
  let type = 'pc';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-machine' || a === '-M' || a === '--machine') {
      const first = (argv[i + 1] ?? '').split(',');
      const t = first.find((p) => p.startsWith('type=')) ?? first[0] ?? '';
      type = t.replace(/^type=/, '');
    }
  }
  return type.includes('q35') ? 'q35' : 'pc';
}

/**
 * Runs the user's QEMU paused under qtest, programs what a firmware would before touching
 * the ACPI files, and reads every fw_cfg file (selecting it first runs QEMU's rebuild).
 */
export async function captureFwCfg(opts: CaptureOptions): Promise<CaptureResult> {
  const board = boardOf(opts.argv);
  const writes = opts.raw ? [] : [...chipsetWrites(board), ...(opts.queryPci ? pciWritesFromQueryPci(opts.queryPci) : [])];
  const q = QtestClient.start(opts.argv);
  try {
    await applyConfigWrites(q, writes);
    const reader = await FwCfgQtestReader.open(q);
    const files: FwCfgFile[] = [];
    const dir = await reader.directory();
    for (const e of dir) {
      files.push({ name: e.name, select: e.select, data: await reader.read(e.select, e.size) });
      opts.onProgress?.(files.length, dir.length, e.name);
    }
    const kernelItems = opts.argv.includes('-kernel') ? await readKernelItems(reader) : [];
    return { board, dma: reader.dma, writes, files, kernelItems };
  } finally {
    await q.close();
  }
}
