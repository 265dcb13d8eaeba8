// The outside references the differential tests need (README "Differential tests"). Each is
// checked for what it is; an absent one is a skipped test here (and in the tests that need it),
// a failing one under FWLAB_REQUIRE_REFERENCE=1 (.ci/run).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { findReference, testWith } from '../helpers/reference.js';
import type { Reference } from '../helpers/reference.js';

const output = (command: string, ...args: string[]) => {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: 60_000 });
  return `${r.stdout ?? ''}${r.stderr ?? ''}`;
};

const CHECKS: Array<[Reference, string, (path: string) => RegExp | boolean]> = [
  ['iasl', 'iasl is the ACPICA compiler', () => /ASL\+? Optimizing Compiler/],
  ['acpiexec', 'acpiexec is the ACPICA AML executor', () => /AML Execution\/Debug Utility/],
  ['acpixtract', 'acpixtract is the ACPICA table extractor', () => /ACPI Binary Table Extraction Utility/],
  ['qemu', 'qemu-system-x86_64 is QEMU', () => /^QEMU emulator version \d+\.\d+/m],
  ['chromium', 'chromium is Chromium', () => /^Chromium \d+/m],
  ['nasm', 'nasm is the Netwide Assembler', () => /^NASM version \d+/m],
  ['seabios', 'the SeaBIOS image is 256 KiB', (p) => statSync(p).size === 256 * 1024],
  // A UEFI firmware volume header carries "_FVH" at offset 40 (PI spec, EFI_FIRMWARE_VOLUME_HEADER).
  ['ovmf', 'the OVMF image starts with a firmware volume', (p) => readFileSync(p).subarray(40, 44).toString('latin1') === '_FVH'],
  ['shared-fixtures', '../shared/fixtures has the QEMU 7.2 captures', (p) => existsSync(join(p, 'qemu-7.2'))],
  ['shared-corpus', '../shared/corpus has the real-machine AML dumps', (p) => existsSync(join(p, 'acpi-dumps.json'))],
  // Linux boot protocol: "HdrS" at 0x202 of a bzImage (Documentation/x86/boot.rst).
  ['linux-kernel', "Debian's kernel is a bzImage", (p) => readFileSync(p).subarray(0x202, 0x206).toString('latin1') === 'HdrS'],
];

for (const [reference, title, check] of CHECKS) {
  testWith([reference])(`reference: ${title}`, (t) => {
    const path = findReference(reference)!;
    const result = check(path);
    if (typeof result === 'boolean') t.true(result, path);
    else t.regex(output(path, reference === 'qemu' || reference === 'chromium' ? '--version' : '-v'), result);
  });
}
