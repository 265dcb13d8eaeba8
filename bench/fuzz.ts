/**
 * `npm run fuzz -- --target NAME [options]`: long randomized campaigns kept out of `npm test`.
 * Targets: config (bench/config-fuzz.ts). Exit 1 when a campaign finds a difference.
 */
import { fuzzConfigs } from './config-fuzz.js';

function option(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

const args = process.argv.slice(2);
const target = option(args, '--target');
if (target !== 'config') {
  console.error(`fuzz: unknown or missing --target '${target ?? ''}' (targets: config)`);
  process.exit(2);
}
const iterations = Number(option(args, '--iterations') ?? '100');
const seed = Number(option(args, '--seed') ?? '1');
const jobs = Number(option(args, '--jobs') ?? '1');
if (!Number.isSafeInteger(iterations) || !Number.isSafeInteger(seed) || !Number.isSafeInteger(jobs) || jobs < 1) {
  console.error('fuzz: --iterations, --seed and --jobs take integers');
  process.exit(2);
}
const generator = option(args, '--generator') ?? 'catalog';
if (generator !== 'catalog' && generator !== 'pxb') {
  console.error(`fuzz: --generator ${generator}: catalog or pxb`);
  process.exit(2);
}
const firmware = option(args, '--firmware') ?? 'seabios';
if (firmware !== 'seabios' && firmware !== 'ovmf') {
  console.error(`fuzz: --firmware ${firmware}: seabios or ovmf`);
  process.exit(2);
}
const outcomes = await fuzzConfigs({ iterations, seed, jobs, keep: option(args, '--keep'), generator, firmware }, (l) => console.log(l));
process.exit(outcomes.some((o) => o.diffs.length > 0) ? 1 : 0);
