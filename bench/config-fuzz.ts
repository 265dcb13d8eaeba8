/**
 * `npm run fuzz -- --target config --iterations N --seed S [--keep DIR] [--jobs J] [--generator pxb]`: the
 * differential configuration fuzzer. Each generated QEMU 7.2 command line runs through real
 * QEMU + SeaBIOS (query-pci after POST, every fw_cfg file after the same programming, bus-0
 * config spaces) and through fwlab; prints one line per difference and the equal fraction.
 * `--keep DIR` writes QEMU's view of each seed there (the committed replay set).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateConfig } from './config-generator.js';
import { generatePxbConfig } from './pxb-generator.js';
import { compareViews, fwlabView, qemuView } from '../test/helpers/machine-compare.js';
import type { MachineView } from '../test/helpers/machine-compare.js';
import { runOneOvmf } from './ovmf-fuzz.js';

export interface FuzzOptions {
  readonly iterations: number;
  readonly seed: number;
  readonly keep?: string | undefined;
  readonly jobs: number;
  /** 'pxb': command lines with expander bridges (bench/pxb-generator.ts) instead of the catalog generator. */
  readonly generator?: 'catalog' | 'pxb' | undefined;
  /** 'ovmf': compare PCI placement with QEMU + OVMF instead of the SeaBIOS views (bench/ovmf-fuzz.ts). */
  readonly firmware?: 'seabios' | 'ovmf' | undefined;
}

export interface FuzzOutcome {
  readonly seed: number;
  readonly args: readonly string[];
  readonly diffs: readonly string[];
}

/** QEMU's view without the bulky extended config spaces (the catalog fixtures keep those). */
export function compactView(v: MachineView): MachineView {
  return { ...v, ...(v.config ? { config: v.config.map((c) => ({ bdf: c.bdf, config: c.config })) } : {}) };
}

export async function runOne(seed: number, keep?: string, generator: 'catalog' | 'pxb' = 'catalog'): Promise<FuzzOutcome> {
  const { args } = generator === 'pxb' ? generatePxbConfig(seed) : generateConfig(seed);
  const qemu = compactView(await qemuView(args));
  if (keep) writeFileSync(join(keep, `seed-${seed}.json`), JSON.stringify({ seed, ...qemu }, null, 1) + '\n');
  const ours = compactView(await fwlabView(args, (qemu.config ?? []).map((c) => c.bdf)));
  return { seed, args, diffs: compareViews(qemu, ours) };
}

export async function fuzzConfigs(o: FuzzOptions, report: (line: string) => void): Promise<FuzzOutcome[]> {
  if (o.keep) mkdirSync(o.keep, { recursive: true });
  const seeds = Array.from({ length: o.iterations }, (_, i) => o.seed + i);
  const out: FuzzOutcome[] = [];
  let next = 0;
  const worker = async () => {
    while (next < seeds.length) {
      const seed = seeds[next++]!;
      const r = o.firmware === 'ovmf' ? await runOneOvmf(seed, o.generator) : await runOne(seed, o.keep, o.generator);
      out.push(r);
      if (r.diffs.length) report(`seed ${seed}: ${r.args.join(' ')}\n    ${r.diffs.join('\n    ')}`);
    }
  };
  await Promise.all(Array.from({ length: o.jobs }, worker));
  const equal = out.filter((r) => r.diffs.length === 0).length;
  const reference = o.firmware === 'ovmf' ? 'QEMU 7.2 + OVMF 2022.11 (PCI placement)' : 'QEMU 7.2 + SeaBIOS';
  report(`config fuzz: ${equal}/${out.length} command lines fully equal to ${reference} (${(100 * equal / out.length).toFixed(1)}%)`);
  return out.sort((a, b) => a.seed - b.seed);
}
