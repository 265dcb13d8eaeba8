#!/usr/bin/env node
// Runs the QMP script test/fixtures/qemu-7.2/qmp/q35-vmgenid-script.json against a real QEMU
// (Debian's qemu-system-x86_64 7.2 with SeaBIOS, after POST) and writes every message sent and
// received to test/fixtures/qemu-7.2/qmp/q35-vmgenid.jsonl.
// Usage: node build.mjs --fast && node scripts/capture-qmp.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runQemuQmp } from '../build/test/helpers/qemu-qmp.js';

const dir = fileURLToPath(new URL('../test/fixtures/qemu-7.2/qmp/', import.meta.url));
const script = JSON.parse(readFileSync(dir + 'q35-vmgenid-script.json', 'utf8'));
const lines = await runQemuQmp(script.machine, script.steps.map((s) => s.command));
writeFileSync(dir + 'q35-vmgenid.jsonl', lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
console.error(`wrote ${lines.length} lines`);
