/**
 * The entry of the startup snapshot `node build.mjs` makes (dist/snapshot/fwlab.blob, Node's
 * `--build-snapshot`): the CLI and the built-in ROMs compiled, each run once on a throw-away
 * machine so V8 has their bytecode, then `main` as the snapshot's entry. bin/fwlab starts Node
 * from it for `fwlab boot` (docs/decisions/0051-startup-snapshot-and-cheap-reboots.md).
 * Nothing a boot reports is kept: the warm-up machines are dropped before the snapshot is taken,
 * and every boot from the snapshot builds its machine and runs POST, loader and guest itself.
 */
import { readFileSync } from 'node:fs';
import { runInThisContext } from 'node:vm';
import { startupSnapshot } from 'node:v8';
import { main } from '../cli.js';
import { preloadProgram, romPath, romScriptProgram, DEFAULT_BIOS, DEFAULT_GUEST } from '../inspect.js';

const OVMF_ROM = 'fwlab-ovmf.mjs';

// A snapshot cannot import() (no module loader is restored): the built-in ROMs are evaluated from
// their files' own text now, and loadProgram serves them by path after checking the bytes.
const roms = [DEFAULT_BIOS, OVMF_ROM, DEFAULT_GUEST].map((name) => {
  const path = romPath(name);
  const image = new Uint8Array(readFileSync(path));
  const program = romScriptProgram(image, path, (code, filename) => runInThisContext(code, { filename }));
  if (!program) throw new Error(`${path}: not a self-contained ROM module; the snapshot cannot hold it`);
  return { path, image, program };
});
const preload = () => { for (const r of roms) preloadProgram(r.path, r.image, r.program); };
preload();

const WARM_UP: ReadonlyArray<readonly string[]> = [
  ['boot', '-machine', 'pc', '-nodefaults'],
  ['boot'],
];

async function warmUp(): Promise<void> {
  for (const args of WARM_UP) {
    const code = await main(args, { out: () => {} });
    if (code !== 0) throw new Error(`warm-up 'fwlab ${args.join(' ')}' exited ${code}`);
  }
}

void warmUp().then(() => {
  // The warm-up checked the files against the images; a process started from the snapshot checks again.
  preload();
  startupSnapshot.setDeserializeMainFunction(async () => {
    // Under --snapshot-blob, argv[1] is the first argument after the options (no script path).
    process.exitCode = await main(process.argv.slice(1));
  });
}, (e: unknown) => {
  process.stderr.write(`startup snapshot: ${(e as Error).message}\n`);
  process.exitCode = 1;
});
