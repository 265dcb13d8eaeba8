import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli.js';
import { readFwCfgDir, writeFwCfgDir } from '../../src/tools/fw-cfg-dir/fw-cfg-dir.js';
import type { FwCfgFile } from '../../src/tools/fw-cfg-dir/fw-cfg-dir.js';
import { encodeLoaderScript, parseLoaderScript } from '../../src/tools/loader/loader-script.js';
import type { CommandInput } from '../../src/tools/loader/loader-script.js';
import { fixturePath } from '../helpers/paths.js';

export const CONFIGS = ['pc-default', 'pc-bridge', 'pc-vmgenid', 'q35-default', 'q35-rootports', 'q35-vmgenid'] as const;

export function fixtureFiles(config: string): Map<string, FwCfgFile> {
  return readFwCfgDir(fixturePath('qemu-7.2', config, 'seabios', 'fwcfg-post'));
}

/** The fixture's commands without entry indexes, to edit and re-encode. */
export function commandsOf(files: ReadonlyMap<string, FwCfgFile>): CommandInput[] {
  return parseLoaderScript(files.get('etc/table-loader')!.data).commands.map(({ index: _i, ...c }) => c as CommandInput);
}

export function withScript(files: Map<string, FwCfgFile>, commands: readonly CommandInput[]): Map<string, FwCfgFile> {
  const out = new Map(files);
  out.set('etc/table-loader', { ...files.get('etc/table-loader')!, data: encodeLoaderScript(commands, 4096) });
  return out;
}

export function withFile(files: Map<string, FwCfgFile>, name: string, data: Uint8Array): Map<string, FwCfgFile> {
  const out = new Map(files);
  out.set(name, { name, select: files.get(name)?.select ?? 0x40, data });
  return out;
}

/** Runs the CLI on the files written to a temporary directory; returns exit code and output. */
export async function cliOnFiles(files: Iterable<FwCfgFile>, args: (dir: string) => string[]): Promise<{ code: number; out: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'fwlab-loader-'));
  try {
    writeFwCfgDir(join(dir, 'fwcfg-post'), files);
    let out = '';
    const code = await main(args(join(dir, 'fwcfg-post')), { out: (s) => { out += s + '\n'; } });
    return { code, out };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
