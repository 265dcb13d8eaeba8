// A short run of every fuzz target (the long campaigns: `npm run fuzz`, figures in docs/reliability.md).
// Same oracle as the campaigns, without the wall-clock budget: no internal error on any case.
import test from 'ava';
import { loadTarget, targetNames } from './registry.js';
import { runBatch } from './batch.js';

/** Cases per target: a few seconds for all targets together. */
const RUNS: Readonly<Record<string, number>> = { aml: 150, loader: 2000, 'fwcfg-dma': 300, ports: 1000, 'config-space': 500, cli: 40, x86: 300 };

// Every target is loaded before any test is declared (ava wants them declared in one go).
const targets = await Promise.all(targetNames().map(async (name) => ({ name, target: (await loadTarget(name))! })));

for (const { name, target } of targets) {
  const unavailable = target.unavailable();
  const runs = RUNS[name] ?? 200;
  (unavailable ? test.skip : test)(`fuzz ${name}: ${runs} cases find no internal error${unavailable ? ` (not available: ${unavailable})` : ''}`, async (t) => {
    const r = await runBatch(target, { seed: 0x5eed, runs, noShrink: true });
    t.is(r.finding, undefined, r.finding ? `${r.finding.error}\n${r.finding.case}\n${r.finding.stack}` : '');
    t.is(r.runs, runs);
    t.log(`${r.runs} cases, ${r.typed} typed errors`);
  });
}
