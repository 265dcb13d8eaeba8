/**
 * `npm run bench [-- --quick]`: every series in SERIES, in order; prints their figures and the
 * issue-16 goals with what this run measured, and writes the run into docs/performance.md
 * (between the bench markers). Tests never assert times; this is where they are looked at.
 * A series is a file in bench/series/ exporting `default (ctx) => Promise<Section>`.
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchContext, Section, Series } from './lib/section.js';
import { verdict } from './lib/section.js';

const SERIES: ReadonlyArray<string> = [
  './series/cold-boot.js',
  './series/warm-boot.js',
  './series/pci-scale.js',
  './series/loader-scale.js',
  './series/ram-scale.js',
  './series/aml-interpreter.js',
  './series/linux-boot.js',
];

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const quick = process.argv.includes('--quick');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const ctx: BenchContext = { root, quick, earlier: new Map(), shared: new Map() };
const sections: Section[] = [];
const load0 = loadavg()[0]!;

for (const path of SERIES) {
  if (only && !path.includes(only)) continue;
  const series = (await import(path) as { default: Series }).default;
  const s = await series(ctx);
  (ctx.earlier as Map<string, Section>).set(s.title, s);
  sections.push(s);
  console.log(`\n## ${s.title}\n${s.lines.join('\n')}`);
}

const goals = sections.flatMap((s) => s.goals);
const table = ['| goal | measured | |', '|---|---|---|', ...goals.map((g) => `| ${g.goal} | ${g.measured} | ${verdict(g.met)} |`)];
console.log(`\n## Goals (issue 16)\n${goals.map((g) => `${verdict(g.met).padEnd(7)} ${g.goal}: ${g.measured}`).join('\n')}`);

const cpu = cpus();
const machine = `${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, `
  + `Node ${process.version}, ${process.platform}; load average ${load0.toFixed(1)} → ${loadavg()[0]!.toFixed(1)} during the run`;
const body = [
  `Run of \`npm run bench${quick ? ' -- --quick' : ''}\` on ${new Date().toISOString().slice(0, 10)}: ${machine}.`,
  '',
  ...table,
  '',
  ...sections.flatMap((s) => [`### ${s.title}`, '', '```', ...s.lines, '```', '']),
].join('\n');

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';
const doc = join(root, 'docs', 'performance.md');
if (!only) {
  const text = existsSync(doc) ? readFileSync(doc, 'utf8') : `# Performance\n\n${START}\n${END}\n`;
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  const next = a >= 0 && b > a ? `${text.slice(0, a + START.length)}\n${body}\n${text.slice(b)}` : `${text}\n${START}\n${body}\n${END}\n`;
  writeFileSync(doc, next);
  console.log(`\nwrote ${doc}`);
}

// x86 interpreter speed, side by side with QEMU TCG (bench/x86.ts): its own printout.
if (!only || only === 'x86') await import('./x86.js');
