import test from 'ava';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatInfoPci } from '../../src/tools/monitor/hmp-info-pci.js';
import type { PciInfo } from '../../src/machine/pci/index.js';
import { sharedPath } from '../helpers/paths.js';
import { testWith } from '../helpers/reference.js';

const shared = sharedPath('fixtures', 'qemu-7.2');
const captures = shared ? readdirSync(shared).flatMap((c) => ['seabios', 'ovmf'].map((fw) => join(shared, c, fw)))
  .filter((d) => existsSync(join(d, 'info-pci.txt')) && existsSync(join(d, 'query-pci.json'))) : [];

testWith(['shared-fixtures'])('info pci printed from query-pci equals QEMU 7.2\'s HMP text for every capture', (t) => {
  for (const d of captures) {
    const q = JSON.parse(readFileSync(join(d, 'query-pci.json'), 'utf8')) as PciInfo[];
    t.is(formatInfoPci(q), readFileSync(join(d, 'info-pci.txt'), 'utf8'), d);
  }
  t.true(captures.length >= 12, `${captures.length} captures`);
});
