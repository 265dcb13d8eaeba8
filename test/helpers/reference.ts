/**
 * The outside references differential tests compare against — Debian's tools and the shared
 * captures — found once at module load. A test that needs one is registered with `testWith`:
 * present → `test`, absent → `test.skip` (ava counts it as skipped, the title says what it needs),
 * and with FWLAB_REQUIRE_REFERENCE=1 (.ci/run) an absent one is a failing test naming it.
 */
import test from 'ava';
import type { Implementation } from 'ava';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { repoRoot, sharedPath } from './paths.js';

export type Reference = 'iasl' | 'acpiexec' | 'acpixtract' | 'qemu' | 'seabios' | 'ovmf' | 'chromium' | 'nasm' | 'qemu-roms' | 'syslinux' | 'shared-fixtures' | 'shared-corpus' | 'linux-kernel';

interface ReferenceSpec {
  /** How a title names it. */
  readonly label: string;
  /** Where it comes from, for the failure message. */
  readonly source: string;
  readonly find: () => string | undefined;
}

function onPath(...commands: string[]): string | undefined {
  for (const c of commands) {
    const r = spawnSync(c, ['--version'], { stdio: 'ignore', timeout: 20_000 });
    if (!r.error) return c;
  }
  return undefined;
}

/** acpica-tools' programs (and nasm) take -v, not --version. */
function acpica(command: string): string | undefined {
  const r = spawnSync(command, ['-v'], { stdio: 'ignore', timeout: 20_000 });
  return r.error ? undefined : command;
}

const firstFile = (...paths: string[]) => paths.find((p) => existsSync(p));

export const REFERENCES: Readonly<Record<Reference, ReferenceSpec>> = {
  iasl: { label: 'iasl', source: 'apt-get install acpica-tools', find: () => acpica('iasl') },
  acpiexec: { label: 'acpiexec', source: 'apt-get install acpica-tools', find: () => acpica('acpiexec') },
  acpixtract: { label: 'acpixtract', source: 'apt-get install acpica-tools', find: () => acpica('acpixtract') },
  qemu: { label: 'qemu-system-x86_64', source: 'apt-get install qemu-system-x86', find: () => onPath('qemu-system-x86_64') },
  seabios: { label: 'SeaBIOS', source: 'apt-get install seabios', find: () => firstFile('/usr/share/seabios/bios-256k.bin') },
  ovmf: { label: 'OVMF', source: 'apt-get install ovmf', find: () => firstFile('/usr/share/OVMF/OVMF_CODE.fd', '/usr/share/OVMF/OVMF_CODE_4M.fd', '/usr/share/ovmf/OVMF.fd') },
  'qemu-roms': { label: 'QEMU\'s option ROMs', source: 'apt-get install qemu-system-data', find: () => firstFile('/usr/share/qemu/linuxboot_dma.bin') },
  nasm: { label: 'nasm', source: 'apt-get install nasm', find: () => acpica('nasm') },
  syslinux: {
    label: 'syslinux + mtools + dosfstools', source: 'apt-get install syslinux mtools dosfstools',
    find: () => (onPath('mcopy') && onPath('syslinux') && existsSync('/usr/sbin/mkfs.fat') ? firstFile('/usr/lib/syslinux/modules/bios/reboot.c32') : undefined),
  },
  chromium: { label: 'chromium', source: 'apt-get install chromium', find: () => onPath('chromium', 'chromium-browser') },
  'shared-fixtures': { label: '../shared/fixtures', source: 'the shared checkout beside this repository', find: () => sharedPath('fixtures') },
  'shared-corpus': { label: '../shared/corpus', source: 'the shared checkout beside this repository', find: () => sharedPath('corpus') },
  'linux-kernel': { label: "Debian's i386 kernel", source: 'scripts/fetch-linux.sh', find: () => firstFile(`${repoRoot()}/.cache/linux/vmlinuz`) },
};

const found = new Map<Reference, string | undefined>();

/** The reference's command or path, or undefined when this machine lacks it (looked up once). */
export function findReference(r: Reference): string | undefined {
  if (!found.has(r)) found.set(r, REFERENCES[r].find());
  return found.get(r);
}

/** Set by .ci/run: every reference must be present, a missing one fails the run. */
export const REQUIRE_REFERENCE = process.env.FWLAB_REQUIRE_REFERENCE === '1';

/** What `needs` lack, as "iasl (apt-get install acpica-tools)" phrases. */
export function missingReferences(needs: readonly Reference[]): string[] {
  return needs.filter((r) => findReference(r) === undefined).map((r) => `${REFERENCES[r].label} (${REFERENCES[r].source})`);
}

/**
 * `test` for a test that needs `needs`, chosen now: the title gets ` [needs X, Y]`; when one is
 * absent the test is skipped (or, under FWLAB_REQUIRE_REFERENCE=1, fails naming what is missing).
 */
export function testWith(needs: readonly Reference[]): (title: string, impl: Implementation<[]>) => void {
  const missing = missingReferences(needs);
  const tag = ` [needs ${needs.map((r) => REFERENCES[r].label).join(', ')}]`;
  return (title, impl) => {
    if (missing.length === 0) test(title + tag, impl);
    else if (REQUIRE_REFERENCE) test(title + tag, (t) => t.fail(`FWLAB_REQUIRE_REFERENCE=1 but missing: ${missing.join(', ')}`));
    else test.skip(`${title} [missing: ${missing.join(', ')}]`, impl);
  };
}

/**
 * For tests that can only be listed when the reference is there (one per corpus machine): true
 * when `needs` are present; otherwise registers one skipped test `title` (failing under
 * FWLAB_REQUIRE_REFERENCE=1) and returns false.
 */
export function whenPresent(needs: readonly Reference[], title: string): boolean {
  if (missingReferences(needs).length === 0) return true;
  testWith(needs)(title, (t) => t.fail('a skipped placeholder ran'));
  return false;
}
