#!/usr/bin/env node
// Runs a QMP script test/fixtures/qemu-7.2/qmp/NAME-script.json against a real QEMU (Debian's
// qemu-system-x86_64 7.2 with SeaBIOS, after POST; run from the repository root, the image paths
// are relative to it) and writes every message sent and received to test/fixtures/qemu-7.2/qmp/NAME.jsonl.
// Usage: node build.mjs --fast && node scripts/capture-qmp.mjs [NAME]   (default q35-vmgenid; pc-media)
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runQemuQmp } from '../build/test/helpers/qemu-qmp.js';

const dir = fileURLToPath(new URL('../test/fixtures/qemu-7.2/qmp/', import.meta.url));
const name = process.argv[2] ?? 'q35-vmgenid';
const script = JSON.parse(readFileSync(dir + `${name}-script.json`, 'utf8'));
const lines = await runQemuQmp(script.machine, script.steps.map((s) => s.command));
writeFileSync(dir + `${name}.jsonl`, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
console.error(`wrote ${lines.length} lines`);
