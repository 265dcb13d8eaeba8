import test from 'ava';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fixturePath } from '../helpers/paths.js';
import { compareViews, fwlabView } from '../helpers/machine-compare.js';
import type { MachineView } from '../helpers/machine-compare.js';
import { testWith } from '../helpers/reference.js';
import { generateConfig } from '../../bench/config-generator.js';
import { compactView, runOne } from '../../bench/config-fuzz.js';

/**
 * Issue 14 item 7: the configuration fuzzer's committed seeds, replayed. Each fixture is real
 * QEMU 7.2 + SeaBIOS's view of one generated command line (npm run fuzz -- --target config
 * --keep DIR); fwlab must show the same bus-0 config spaces, query-pci after POST and fw_cfg.
 */
const dir = fixturePath('qemu-7.2', 'config-fuzz');
const seeds = existsSync(dir) ? readdirSync(dir).filter((f) => /^seed-\d+\.json$/.test(f)).sort() : [];

test('the replay set is non-trivial and each fixture is the generator\'s command line for its seed', (t) => {
  t.true(seeds.length >= 40, `${seeds.length} seeds`);
  for (const f of seeds) {
    const v = JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')) as MachineView & { seed: number };
    t.deepEqual(v.args, generateConfig(v.seed).args, f);
  }
});

for (const f of seeds) {
  const want = JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')) as MachineView & { seed: number };
  test(`config fuzz seed ${want.seed} (${want.args.slice(0, 5).join(' ')}, ${want.args.filter((a) => a === '-device').length} devices) equals QEMU 7.2 + SeaBIOS`, async (t) => {
    // The replay set keeps no extended config spaces (the catalog fixtures check those).
    const ours = compactView(await fwlabView(want.args, (want.config ?? []).map((c) => c.bdf)));
    t.deepEqual(compareViews(want, ours), [], want.args.join(' '));
  });
}

// Fresh command lines against the real QEMU (FWLAB_FUZZ_SEED picks them; by default a new pair each day).
const fresh = Number(process.env.FWLAB_FUZZ_SEED ?? Math.floor(Date.now() / 86_400_000) * 2);
const withQemu = testWith(['qemu', 'seabios']);
for (const seed of [fresh, fresh + 1]) {
  withQemu(`config fuzz: fresh seed ${seed} equals QEMU 7.2 + SeaBIOS (FWLAB_FUZZ_SEED=${seed} repeats it)`, async (t) => {
    const r = await runOne(seed);
    t.deepEqual(r.diffs, [], r.args.join(' '));
  });
}
