import test from 'ava';
import { prng as rng } from '../helpers/prng.js';
import { readFileSync } from 'node:fs';
import { fixturePath } from '../helpers/paths.js';
import { AmlError, AmlInterpreter } from '../../src/guest/aml/index.js';


test('mutated DSDTs: loading, _INI and evaluation raise only AmlError (never a crash or a hang)', (t) => {
  const base = new Uint8Array(readFileSync(fixturePath('qemu-7.2', 'q35-vmgenid', 'seabios', 'acpi-installed', 'dsdt.dat')));
  const random = rng(0x6a6d6c);
  const next = (): number => Math.floor(random() * 2 ** 32);
  let amlErrors = 0;
  let rounds = 0;
  for (let round = 0; round < 150; round++) {
    const b = base.slice();
    const flips = 1 + (next() % 8);
    for (let i = 0; i < flips; i++) b[36 + (next() % (b.length - 36))] = next() & 0xff;
    const aml = new AmlInterpreter({}, { maxLoopIterations: 2000, maxCallDepth: 64 });
    try {
      aml.loadTable(b);
      aml.initialize();
      for (const p of ['\\_SB.PCI0._CRS', '\\_SB.PCI0._PRT', '\\_S5_']) {
        try {
          aml.evaluate(p);
        } catch (e) {
          if (!(e instanceof AmlError)) throw e;
        }
      }
    } catch (e) {
      if (!(e instanceof AmlError)) t.fail(`round ${round}: ${(e as Error).stack}`);
    }
    amlErrors += aml.loadErrors.length;
    rounds++;
  }
  t.log(`150 mutated tables, ${amlErrors} recovered AML errors`);
  t.is(rounds, 150, 'every mutated table was loaded, initialized and evaluated to the end');
  t.true(amlErrors > 0, 'the mutations reached the interpreter\'s error paths (recovered load errors)');
});
