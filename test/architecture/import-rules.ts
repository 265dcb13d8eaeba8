import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** The three programs, the host side around them, and what each may import (three programs, one wire). */
export type Side = 'machine' | 'firmware' | 'guest' | 'spec' | 'lib' | 'cli' | 'tools' | 'host' | 'test' | 'other';

export function sideOf(repoPath: string): Side {
  const p = repoPath.split(sep).join('/');
  if (p.startsWith('src/machine/')) return 'machine';
  if (p.startsWith('firmware/')) return 'firmware';
  if (p.startsWith('src/guest/')) return 'guest';
  if (p.startsWith('src/spec/')) return 'spec';
  if (p.startsWith('src/lib/')) return 'lib';
  if (p.startsWith('src/cli/') || p === 'src/cli.ts') return 'cli';
  if (p.startsWith('src/tools/')) return 'tools';
  if (p.startsWith('test/') || p.startsWith('bench/')) return 'test';
  if (p.startsWith('src/')) return 'host';
  return 'other';
}

/** src/lib files that run on the CPU side too: pure, no Node, no debug, importing only each other and src/spec. */
export const PURE_LIB: ReadonlySet<string> = new Set(['src/lib/bytes.ts', 'src/lib/hex.ts', 'src/lib/size.ts', 'src/lib/guid.ts', 'src/lib/aml-decode.ts']);

/** The public API: what `import ... from 'fwlab'` gives (package.json exports → dist/index.js). */
export const PUBLIC_API = 'src/index.ts';
/** The inspection surface: what host-side tools may reach of the machine and the AML interpreter. */
export const INSPECT_SURFACE = 'src/inspect.ts';
/** The firmware's published entry for host-side tools: its linker-loader executor. */
export const FIRMWARE_ENTRY = 'firmware/loader/index.ts';

/**
 * Import links that may close a cycle, each with its reason. Only type-only parent/child links
 * belong here (they are erased at build, so no module runs before its dependency is ready);
 * `temporary` ones are value cycles known to be under repair, each naming who removes it.
 */
export const ALLOWED_CYCLE_LINKS: ReadonlyArray<{ from: string; to: string; reason: string; temporary?: string }> = [
  { from: 'src/guest/aml/types.ts', to: 'src/guest/aml/namespace.ts', reason: 'a reference value (RefOf) holds a namespace node and a node holds a value: mutually recursive types' },
  { from: 'src/machine/fw-cfg/fw-cfg-dma.ts', to: 'src/machine/fw-cfg/fw-cfg-device.ts', reason: 'the DMA engine (child) is handed the fw_cfg device it belongs to' },
  { from: 'src/machine/pci/pci-function.ts', to: 'src/machine/pci/pci-bus.ts', reason: 'a PCI function (child) knows the bus it sits on' },
  // The wiring (src/machine/wiring) builds every device; each device module is handed the narrow
  // context or the platform it is plugged into, so it names their types.
  ...([
    ['nvdimm/nvdimm', 'device-context'], ['options/device-driver', 'device-context'], ['vmgenid/vmgenid', 'device-context'], ['vmgenid/vmgenid-pci', 'device-context'],
    ['pci/bar-mapper', 'platform'], ['pci/pci-host', 'platform'], ['pci/chipset-pc', 'platform'], ['pci/chipset-pc', 'device-context'],
    ['pci/chipset-q35', 'platform'], ['pci/chipset-q35', 'device-context'], ['pci/hotplug', 'platform'], ['pci/hotplug', 'device-context'],
    ['pci/pci-subsystem', 'platform'], ['pci/pci-subsystem', 'device-context'],
  ] as const).map(([device, wiring]) => ({
    from: `src/machine/${device}.ts`,
    to: `src/machine/wiring/${wiring}.ts`,
    reason: 'a device (child of the wiring) is handed the context/platform it is plugged into',
  })),
];

export interface Violation {
  readonly file: string;
  readonly specifier: string;
  readonly rule: string;
}

const IMPORT_RE = /(?:^|[;\s])(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

export function importsOf(source: string): Array<{ specifier: string; typeOnly: boolean }> {
  const out: Array<{ specifier: string; typeOnly: boolean }> = [];
  const text = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
  for (const m of text.matchAll(IMPORT_RE)) out.push({ specifier: (m[2] ?? m[3])!, typeOnly: Boolean(m[1]) });
  return out;
}

/** Check one file's imports against the rules. `root` is the repository root. */
export function checkFile(root: string, file: string, source: string): Violation[] {
  const self = relative(root, file).split(sep).join('/');
  const from = sideOf(self);
  const violations: Violation[] = [];
  for (const { specifier } of importsOf(source)) {
    const bad = (rule: string) => violations.push({ file: relative(root, file), specifier, rule });
    if (!specifier.startsWith('.')) {
      const cpuSide = from === 'firmware' || from === 'guest' || from === 'spec' || PURE_LIB.has(self);
      if (cpuSide && (specifier.startsWith('node:') || specifier === 'debug' || /^(fs|path|url|os|child_process)$/.test(specifier))) {
        bad(`${from === 'lib' ? 'pure src/lib' : from} code runs on the CPU: no Node modules or debug`);
      }
      continue;
    }
    const target = relative(root, resolve(dirname(file), specifier)).replace(/\.js$/, '.ts').split(sep).join('/');
    const to = sideOf(target);
    if (to === 'test' && from !== 'test') bad('product code must not import tests');
    switch (from) {
      case 'firmware':
        if (to === 'machine' || to === 'guest' || to === 'host' || to === 'cli' || to === 'tools') bad('firmware may import only firmware/, src/spec and pure src/lib');
        if (to === 'lib' && !PURE_LIB.has(target)) bad(`firmware may import only pure src/lib files (${[...PURE_LIB].join(', ')})`);
        break;
      case 'guest':
        if (to === 'machine' || to === 'firmware' || to === 'host' || to === 'cli' || to === 'tools') bad('guest may import only src/guest, src/spec and pure src/lib');
        if (to === 'lib' && !PURE_LIB.has(target)) bad('guest may import only pure src/lib files');
        break;
      case 'machine':
        if (to === 'firmware' || to === 'guest' || to === 'host' || to === 'cli' || to === 'tools') bad('machine may import only src/machine, src/spec and src/lib');
        break;
      case 'spec':
        if (to !== 'spec') bad('src/spec holds constants and layouts only: it imports nothing but src/spec');
        break;
      case 'lib':
        if (to !== 'lib' && to !== 'spec') bad('src/lib is pure helpers: it imports only src/lib and src/spec');
        if (PURE_LIB.has(self) && to === 'lib' && !PURE_LIB.has(target)) {
          bad(`a pure src/lib file imports only pure src/lib files (${target} is not pure)`);
        }
        break;
      case 'cli':
        if (to === 'machine' || to === 'guest' || to === 'firmware' || (to === 'host' && target !== PUBLIC_API && target !== INSPECT_SURFACE)) {
          bad(`the CLI goes through the public API (${PUBLIC_API}) and the inspection surface (${INSPECT_SURFACE})`);
        }
        break;
      case 'tools':
        if (to === 'machine' || to === 'guest' || (to === 'host' && target !== INSPECT_SURFACE)) bad(`tools reach the machine and the AML interpreter only through ${INSPECT_SURFACE}`);
        if (to === 'firmware' && target !== FIRMWARE_ENTRY) bad(`tools reach the firmware only through its published entry ${FIRMWARE_ENTRY}`);
        if (to === 'cli') bad('tools must not import the CLI');
        break;
      case 'host':
        if (to === 'firmware' && target !== FIRMWARE_ENTRY) bad(`host code reaches the firmware only through its published entry ${FIRMWARE_ENTRY}`);
        if (to === 'cli') bad('the public API must not import the CLI');
        break;
      default:
        break;
    }
  }
  return violations;
}

export function sourceFiles(root: string, dirs: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    if (!existsSync(d)) return;
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.ts')) out.push(p);
    }
  };
  for (const d of dirs) walk(join(root, d));
  return out;
}

export function checkTree(root: string): Violation[] {
  return sourceFiles(root, ['src', 'firmware', 'test']).flatMap((f) => checkFile(root, f, readFileSync(f, 'utf8')));
}
