#!/usr/bin/env node
// Runs test/fixtures/qemu-7.2-machines/cpu-hotplug-script.json against Debian's QEMU 7.2 (SeaBIOS,
// after POST; SeaBIOS leaves the CPU hot-plug block in its legacy mode) and writes every reply to
// test/fixtures/qemu-7.2-machines/cpu-hotplug.jsonl.  Usage: node build.mjs && node scripts/capture-cpu-qmp.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runQemuQmp } from '../build/test/helpers/qemu-qmp.js';

const dir = fileURLToPath(new URL('../test/fixtures/qemu-7.2-machines/', import.meta.url));
const script = JSON.parse(readFileSync(dir + 'cpu-hotplug-script.json', 'utf8'));
const lines = await runQemuQmp(script.machine, script.commands);
writeFileSync(dir + 'cpu-hotplug.jsonl', lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
console.error(`wrote ${lines.length} lines`);
