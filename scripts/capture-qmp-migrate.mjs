#!/usr/bin/env node
// Runs test/fixtures/qemu-7.2/qmp/q35-migrate-script.json against a real QEMU 7.2 (Debian's
// qemu-system-x86_64 with SeaBIOS, after POST) and writes the transcript to q35-migrate.jsonl.
// Usage: node build.mjs --fast && node scripts/capture-qmp-migrate.mjs
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runQemuQmp } from '../build/test/helpers/qemu-qmp.js';

const dir = fileURLToPath(new URL('../test/fixtures/qemu-7.2/qmp/', import.meta.url));
const script = JSON.parse(readFileSync(dir + 'q35-migrate-script.json', 'utf8'));
const file = join(mkdtempSync(join(tmpdir(), 'fwlab-migrate-')), 'vm.bin');
const steps = script.steps.map((s) => JSON.parse(JSON.stringify(s.command).replaceAll('MIGRATE_FILE', file)));
const lines = await runQemuQmp(script.machine, steps);
const text = lines.map((l) => JSON.stringify(l).replaceAll(file, 'MIGRATE_FILE')).join('\n') + '\n';
writeFileSync(dir + 'q35-migrate.jsonl', text);
console.error(`wrote ${lines.length} lines`);
