import test from 'ava';
import { readFileSync, readdirSync } from 'node:fs';
import { fixturePath } from '../helpers/paths.js';
import { AmlInterpreter, toJson } from '../../src/guest/aml/index.js';
import { parseAcpiexecEvaluations } from './acpiexec-output.js';

const CONFIGS = ['pc-bridge', 'pc-default', 'pc-vmgenid', 'q35-default', 'q35-rootports', 'q35-vmgenid'];

function amlTables(config: string): string[] {
  const dir = fixturePath('qemu-7.2', config, 'seabios', 'acpi-installed');
  const files = readdirSync(dir).filter((f) => f === 'dsdt.dat' || /^ssdt\d*\.dat$/.test(f)).sort();
  return files.map((f) => `${dir}/${f}`);
}

function load(config: string): AmlInterpreter {
  const aml = new AmlInterpreter();
  for (const f of amlTables(config)) aml.loadTable(new Uint8Array(readFileSync(f)));
  aml.initialize();
  return aml;
}

for (const config of CONFIGS) {
  test(`${config}: every DSDT/SSDT loads without errors`, (t) => {
    const aml = load(config);
    t.deepEqual(aml.loadErrors.map((e) => e.describe()), []);
    t.true(aml.tables.every((x) => x.checksumOk));
    t.truthy(aml.node('\\_SB.PCI0'));
  });

  test(`${config}: evaluations match seabios/acpica/acpiexec.txt`, (t) => {
    const text = readFileSync(fixturePath('qemu-7.2', config, 'seabios', 'acpica', 'acpiexec.txt'), 'utf8');
    const expected = parseAcpiexecEvaluations(text);
    t.true(expected.length >= 1);
    const aml = load(config);
    for (const e of expected) t.deepEqual(toJson(aml.evaluate(e.path)), e.value, e.path);
  });
}
