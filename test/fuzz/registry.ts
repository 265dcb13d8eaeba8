/**
 * The fuzz targets, one file each under targets/. Adding a target: write targets/<name>.ts exporting
 * a FuzzTarget as `target`, add one line here.
 */
import type { FuzzTarget } from './target.js';

const TARGETS: Readonly<Record<string, () => Promise<FuzzTarget>>> = {
  aml: async () => (await import('./targets/aml.js')).target,
  loader: async () => (await import('./targets/loader.js')).target,
  'fwcfg-dma': async () => (await import('./targets/fwcfg-dma.js')).target,
  ports: async () => (await import('./targets/ports.js')).target,
  'config-space': async () => (await import('./targets/config-space.js')).target,
  cli: async () => (await import('./targets/cli.js')).target,
  x86: async () => (await import('./targets/x86.js')).target,
};

export function targetNames(): string[] {
  return Object.keys(TARGETS);
}

export async function loadTarget(name: string): Promise<FuzzTarget | undefined> {
  const load = TARGETS[name];
  return load ? load() : undefined;
}
