import test from 'ava';
import { readFileSync, readdirSync } from 'node:fs';
import { createMachine } from '../../src/machine/create-machine.js';
import { UsageError } from '../../src/lib/errors.js';
import { fixturePath } from '../helpers/paths.js';
import { servedFiles } from './machine-captures.js';

/**
 * -smbios and smbios-entry-point-type against Debian's QEMU 7.2: the etc/smbios/* files of each
 * configuration of test/fixtures/qemu-7.2-bios-tables/ (scripts/capture-bios-tables.mjs) and
 * QEMU's answer to each case of smbios-messages.json (scripts/capture-smbios-errors.mjs).
 */
const ROOT = fixturePath('qemu-7.2-bios-tables');

interface MessageCase {
  readonly machine: string;
  readonly args: readonly string[];
  readonly stderr: string;
}

for (const name of readdirSync(ROOT, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
  const cap = JSON.parse(readFileSync(`${ROOT}/${name}/capture.json`, 'utf8')) as { qemu: string[]; fwcfg: Record<string, string> };
  test(`${name}: etc/smbios/* equal QEMU 7.2's`, (t) => {
    const files = servedFiles(createMachine(cap.qemu.slice(1)));
    const ours = Object.fromEntries([...files].filter(([n]) => n.startsWith('etc/smbios/')).map(([n, f]) => [n, Buffer.from(f.data).toString('hex')]));
    t.deepEqual(ours, cap.fwcfg);
  });
}

const CASES = JSON.parse(readFileSync(`${ROOT}/smbios-messages.json`, 'utf8')) as MessageCase[];
for (const c of CASES) {
  const accepted = c.stderr === '';
  test(`-machine ${c.machine} ${c.args.join(' ')}: ${accepted ? 'accepted' : 'refused'} as by QEMU 7.2`, (t) => {
    const make = () => createMachine(['-machine', c.machine, '-nodefaults', ...c.args]);
    if (accepted) t.notThrows(make);
    else t.throws(make, { instanceOf: UsageError, message: c.stderr });
  });
}
