#!/usr/bin/env node
// Builds fwlab:
//   build/   every .ts file of src/, firmware/, test/, bench/ transpiled one-to-one (what ava runs)
//   dist/    the library (index.js) and the CLI (cli.js), bundled
//   roms/    the firmware ROM modules the machine loads by path, and the guest images
//   dist/web/ the browser page: index.html, fwlab.js (machine + tools) and roms/*.js (the ROMs as scripts)
//   build/types  declarations + the strict type check (tsc), unless --fast
import { build } from 'esbuild';
import { readdirSync, statSync, mkdirSync, rmSync, existsSync, readFileSync, copyFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
const args = new Set(process.argv.slice(2));
const fast = args.has('--fast');
const quiet = args.has('--quiet');
const say = (msg) => { if (!quiet) console.error(msg); };

function tsFiles(dir) {
  const out = [];
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...tsFiles(path));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** ROM modules: firmware entry points → roms/NAME.mjs. Platform neutral: a ROM has no Node. */
const ROMS = [
  { entry: 'firmware/main.ts', out: 'roms/fwlab-bios.mjs' },
  { entry: 'firmware/ovmf.ts', out: 'roms/fwlab-ovmf.mjs' },
];
/** Guest images: what the CPU core runs after the firmware hands over. */
const IMAGES = [
  { entry: 'src/guest/main.ts', out: 'roms/ospm.mjs' },
];

const started = Date.now();
rmSync(join(root, 'build', 'src'), { recursive: true, force: true });
rmSync(join(root, 'build', 'test'), { recursive: true, force: true });
mkdirSync(join(root, 'build'), { recursive: true });

const sources = ['src', 'firmware', 'test', 'bench'].flatMap((d) => tsFiles(join(root, d)));
await build({
  entryPoints: sources,
  outdir: join(root, 'build'),
  outbase: root,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'inline',
  logLevel: 'warning',
});

const roms = [...ROMS, ...IMAGES].filter((r) => existsSync(join(root, r.entry)));
rmSync(join(root, 'dist'), { recursive: true, force: true });
await Promise.all([
  ...roms.map((r) => build({
    entryPoints: [join(root, r.entry)],
    outfile: join(root, r.out),
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'node20',
    legalComments: 'none',
    logLevel: 'warning',
  })),
  // The library and the CLI share chunks; each CLI command is a chunk loaded when it runs,
  // so `fwlab boot` compiles only what booting needs (docs/decisions/0029-startup-and-reuse.md).
  build({
    entryPoints: { index: join(root, 'src/index.ts'), cli: join(root, 'src/cli.ts') },
    outdir: join(root, 'dist'),
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    legalComments: 'none',
    logLevel: 'warning',
  }),
]);
const bundles = [...roms, { out: 'dist/index.js' }, { out: 'dist/cli.js' }];
// The browser page. The ROMs become classic scripts (file:// pages cannot import modules) that
// register the program and the ROM module's bytes in globalThis.fwlabRoms.
const web = join(root, 'dist', 'web');
mkdirSync(join(web, 'roms'), { recursive: true });
await Promise.all([...ROMS, ...IMAGES].filter((r) => existsSync(join(root, r.entry))).map((r) => {
  const name = r.out.replace(/^roms\//, '');
  const image = readFileSync(join(root, r.out)).toString('base64');
  return build({
    entryPoints: [join(root, r.entry)],
    outfile: join(web, 'roms', name.replace(/\.mjs$/, '.js')),
    bundle: true, format: 'iife', globalName: '__fwlabRom', platform: 'browser', target: 'es2022', legalComments: 'none', logLevel: 'warning',
    footer: { js: `(globalThis.fwlabRoms ??= {})[${JSON.stringify(name)}] = { program: __fwlabRom.program, image: ${JSON.stringify(image)} };` },
  });
}));
const nodeShim = {
  name: 'node-shim',
  setup(b) {
    b.onResolve({ filter: /^node:/ }, () => ({ path: join(root, 'src', 'web', 'node-shim.ts') }));
  },
};
await build({
  entryPoints: [join(root, 'src', 'web', 'main.ts')],
  outfile: join(web, 'fwlab.js'),
  bundle: true, format: 'iife', platform: 'browser', target: 'es2022', legalComments: 'none', logLevel: 'warning',
  plugins: [nodeShim],
  // romPath (import.meta.url) is for roms/ on disk; the page gets its ROMs as scripts.
  logOverride: { 'empty-import-meta': 'silent' },
});
copyFileSync(join(root, 'src', 'web', 'index.html'), join(web, 'index.html'));
say(`esbuild: ${sources.length} files, ${bundles.length} bundles and the web page in ${Date.now() - started} ms`);

// The startup snapshot bin/fwlab starts `fwlab boot` from (docs/decisions/0051-startup-snapshot-and-cheap-reboots.md):
// the CLI as one CommonJS script (a snapshot cannot import()), run by Node's --build-snapshot. `stamp`
// names the checkout it was made for; without a snapshot bin/fwlab runs bin/fwlab.js, so a failure
// here only costs speed.
{
  const t = Date.now();
  const dir = join(root, 'dist', 'snapshot');
  mkdirSync(dir, { recursive: true });
  const entry = join(dir, 'entry.cjs');
  await build({
    entryPoints: [join(root, 'src', 'cli', 'startup-snapshot.ts')],
    outfile: entry,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    legalComments: 'none',
    logLevel: 'warning',
    // import.meta.url of the bundled modules: this script's URL (romPath and packageVersion walk up from it).
    define: { 'import.meta.url': '__fwlabModuleUrl' },
    banner: { js: 'var __fwlabModuleUrl = require("node:url").pathToFileURL(__filename).href;' },
  });
  const blob = join(dir, 'fwlab.blob');
  const made = spawnSync(process.execPath, ['--snapshot-blob', blob, '--build-snapshot', entry], { cwd: root, encoding: 'utf8', env: { ...process.env, DEBUG: '' } });
  if (made.status === 0 && existsSync(blob)) {
    writeFileSync(join(dir, 'stamp'), `${root.replace(/\/$/, '')}\n`);
    say(`startup snapshot: ${(statSync(blob).size / 2 ** 20).toFixed(1)} MiB in ${Date.now() - t} ms`);
  } else {
    rmSync(blob, { force: true });
    console.error(`build: no startup snapshot (bin/fwlab starts without it): ${(made.stderr || made.error?.message || '').trim().split('\n').pop()}`);
  }
}

if (!fast) {
  const t = Date.now();
  const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.json')], {
    stdio: 'inherit',
  });
  if (tsc.status !== 0) {
    console.error('build: type check failed');
    process.exit(1);
  }
  say(`tsc: types checked in ${Date.now() - t} ms`);
}
say(`built in ${relative(process.cwd(), root) || '.'} (${Date.now() - started} ms)`);
