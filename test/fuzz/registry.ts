/**
 * The fuzz targets, one file each under targets/. Adding a target: write targets/<name>.ts exporting
 * a FuzzTarget as `target`, add one line here.
 */
import type { FuzzTarget } from './target.js';

const TARGETS: Readonly<Record<string, () => Promise<FuzzTarget>>> = {
  aml: async () => (await import('./targets/aml.js')).target,
  loader: async () => (await import('./targets/loader.js')).target,
};

export function targetNames(): string[] {
  return Object.keys(TARGETS);
}

export async function loadTarget(name: string): Promise<FuzzTarget | undefined> {
  const load = TARGETS[name];
  return load ? load() : undefined;
}
