// `fwlab aml namespace` against acpiexec's namespace dump of the six QEMU 7.2 fixture configs:
// the recorded dump (test/aml-namespace/<config>.acpiexec.txt, scripts/aml-suite/record-namespace.sh)
// always, and a fresh acpiexec run when acpica-tools is installed.
import test from 'ava';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturePath, repoRoot } from '../helpers/paths.js';
import { fwlab, acpiexec } from '../aml-suite/fwlab-cli.js';
import { parseAcpiexecNamespace, parseFwlabNamespace, diffNamespaces, acpiexecNodeCount } from './namespace-dump.js';
import { whenPresent } from '../helpers/reference.js';

const CONFIGS = ['pc-default', 'pc-bridge', 'pc-vmgenid', 'q35-default', 'q35-rootports', 'q35-vmgenid'] as const;

function tablesOf(config: string): string[] {
  const dir = fixturePath('qemu-7.2', config, 'seabios', 'acpi-installed');
  return ['dsdt.dat', 'ssdt.dat'].map((f) => join(dir, f)).filter((p) => existsSync(p));
}

const recorded = (config: string): string => readFileSync(join(repoRoot(), 'test', 'aml-namespace', `${config}.acpiexec.txt`), 'utf8');

for (const config of CONFIGS) {
  test(`${config}: the recorded acpiexec dump parses into the node count acpiexec printed`, (t) => {
    const text = recorded(config);
    const nodes = parseAcpiexecNamespace(text);
    // acpiexec's count includes its two self-test nodes \_TI_ and \_TI_._T97, which the parser drops.
    t.is(nodes.length + 2, acpiexecNodeCount(text) ?? -1);
    t.true(nodes.some((n) => n.path === '\\_SB_.PCI0' && n.type === 'Device'));
  });

  test(`${config}: fwlab aml namespace lists the same paths and object types as acpiexec`, async (t) => {
    const r = await fwlab(['aml', 'namespace', ...tablesOf(config)]);
    t.is(r.thrown, undefined, r.thrown);
    t.is(r.code, 0, r.out.slice(0, 300));
    const expected = parseAcpiexecNamespace(recorded(config));
    const actual = parseFwlabNamespace(r.out);
    const diff = diffNamespaces(expected, actual);
    t.log(`${config}: acpiexec ${expected.length} nodes, fwlab ${actual.length}`);
    t.deepEqual(diff, [], diff.slice(0, 40).join('\n'));
  });
}

if (whenPresent(['acpiexec'], "live: acpiexec's namespace today equals the recorded one and fwlab's")) {
  for (const config of CONFIGS) {
    test(`live: ${config}: acpiexec's namespace today equals the recorded one and fwlab's`, async (t) => {
      const live = parseAcpiexecNamespace(await acpiexec(['-b', 'namespace', ...tablesOf(config)], true));
      t.deepEqual(diffNamespaces(parseAcpiexecNamespace(recorded(config)), live), [], 'acpiexec no longer matches the recording');
      const r = await fwlab(['aml', 'namespace', ...tablesOf(config)]);
      const diff = diffNamespaces(live, parseFwlabNamespace(r.out));
      t.deepEqual(diff, [], diff.slice(0, 40).join('\n'));
    });
  }
}

test('the comparison catches a missing node, an extra node and a changed type', (t) => {
  const expected = parseAcpiexecNamespace(recorded('pc-default'));
  const actual = expected.filter((n) => n.path !== '\\_SB_.PCI0._CRS')
    .map((n) => (n.path === '\\_S5_' ? { path: n.path, type: 'Integer' } : n))
    .concat([{ path: '\\XTRA', type: 'Integer' }]);
  t.deepEqual(diffNamespaces(expected, actual).sort(), ['extra \\XTRA Integer', 'missing \\_SB_.PCI0._CRS Buffer', 'type of \\_S5_: acpiexec Package, fwlab Integer']);
  t.deepEqual(parseFwlabNamespace('\\_SB.PCI0 Device\n\\_SB_.PCI0._HID Integer'), [
    { path: '\\_SB_.PCI0', type: 'Device' }, { path: '\\_SB_.PCI0._HID', type: 'Integer' }]);
});
