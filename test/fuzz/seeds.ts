/**
 * Real inputs the targets mutate: the committed QEMU 7.2 captures (test/fixtures/qemu-7.2), the AML
 * suite and fixtures, and ../shared/corpus AML when this checkout has it. The order is fixed (sorted
 * paths), so a seed names the same case on every machine with the same inputs.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fixturePath, repoRoot, sharedPath } from '../helpers/paths.js';

export interface SeedFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

function filesUnder(dir: string, accept: (name: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p, accept));
    else if (accept(name)) out.push(p);
  }
  return out;
}

const read = (root: string) => (p: string): SeedFile => ({ name: p.slice(root.length + 1), bytes: new Uint8Array(readFileSync(p)) });

/** DSDTs and SSDTs (definition blocks) no larger than `maxBytes`, deduplicated by content. */
export function amlSeeds(maxBytes: number): SeedFile[] {
  const root = repoRoot();
  const isDefinitionBlock = (n: string) => /^(dsdt|ssdt).*\.(dat|aml)$/i.test(n) || /\.aml$/.test(n);
  const paths = [
    ...filesUnder(fixturePath('qemu-7.2'), isDefinitionBlock),
    ...filesUnder(fixturePath('aml'), isDefinitionBlock),
    ...filesUnder(join(root, 'test', 'aml-suite'), isDefinitionBlock),
  ];
  const seen = new Set<string>();
  const out: SeedFile[] = [];
  const add = (f: SeedFile) => {
    const key = Buffer.from(f.bytes).toString('base64');
    if (f.bytes.length < 36 || f.bytes.length > maxBytes || seen.has(key)) return;
    seen.add(key);
    out.push(f);
  };
  paths.map(read(root)).forEach(add);
  const corpus = sharedPath('corpus', 'acpi-dumps');
  if (corpus) filesUnder(corpus, isDefinitionBlock).map(read(join(corpus, '..'))).forEach(add);
  return out;
}

/** Every linker-loader capture: the fw_cfg file directories of the QEMU 7.2 fixtures. */
export function loaderCaptureDirs(): string[] {
  const base = fixturePath('qemu-7.2');
  return filesUnder(base, (n) => n === 'etc__table-loader').map((p) => p.slice(0, -'/etc__table-loader'.length));
}
