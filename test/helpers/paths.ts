import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (the folder with package.json), found from the built test file. */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('package.json not found above the test');
    dir = up;
  }
  return dir;
}

/** A committed test fixture under test/fixtures/. */
export function fixturePath(...parts: string[]): string {
  return join(repoRoot(), 'test', 'fixtures', ...parts);
}

/** The shared ground truth (../shared/fixtures), or undefined when this checkout has none. */
export function sharedPath(...parts: string[]): string | undefined {
  const p = join(repoRoot(), '..', 'shared', ...parts);
  return existsSync(p) ? p : undefined;
}
