#!/usr/bin/env node
import module from 'node:module';

// Node >= 22.1 keeps V8's compiled code for dist/ and roms/ between runs (node_modules/.cache or
// NODE_COMPILE_CACHE); Node 20 has no such cache, so this is a no-op there (docs/performance.md).
module.enableCompileCache?.();
const { main } = await import('../dist/cli.js');

process.exitCode = await main(process.argv.slice(2));
