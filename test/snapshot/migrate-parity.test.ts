/**
 * QMP migrate against real QEMU 7.2 with one script (test/fixtures/qemu-7.2/qmp/q35-migrate-script.json):
 * the committed transcript (scripts/capture-qmp-migrate.mjs) always, QEMU itself when installed.
 * Both get the same URI, 7.2's `exec:cat > FILE`. Events are compared per command (QEMU sends a
 * migration's events after migrate's reply, fwlab before it); MIGRATION_PASS is left out (how many
 * passes QEMU makes depends on what the running guest dirties meanwhile).
 */
import test from 'ava';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { bootMachine, createMachine } from '../../src/machine/create-machine.js';
import { MonitorSession } from '../../src/tools/monitor/monitor-session.js';
import { fixturePath } from '../helpers/paths.js';
import { runQemuQmp } from '../helpers/qemu-qmp.js';
import type { TranscriptLine } from '../helpers/qemu-qmp.js';
import { testWith } from '../helpers/reference.js';

type Json = Record<string, unknown>;
interface Step { readonly command: Json; readonly compare: 'value' | 'shape' }
interface Answer { readonly reply: Json; readonly events: Json[] }
const script = JSON.parse(readFileSync(fixturePath('qemu-7.2', 'qmp', 'q35-migrate-script.json'), 'utf8')) as { machine: string[]; steps: Step[] };
const captured = readFileSync(fixturePath('qemu-7.2', 'qmp', 'q35-migrate.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as TranscriptLine);

const commands = (file: string) => script.steps.map((s) => JSON.parse(JSON.stringify(s.command).replaceAll('MIGRATE_FILE', file)) as Json);

/** Per step: the reply and the events received between its send and the next send. */
function answers(lines: readonly TranscriptLine[]): Answer[] {
  const out: Answer[] = [];
  for (const l of lines) {
    if ('send' in l) out.push({ reply: {}, events: [] });
    else if (out.length > 0) {
      const cur = out[out.length - 1]!;
      if (typeof l.recv.event === 'string') cur.events.push(l.recv);
      else Object.assign(cur.reply, l.recv);
    }
  }
  return out;
}

async function runFwlab(): Promise<Answer[]> {
  const machine = createMachine(script.machine);
  await bootMachine(machine);
  const s = new MonitorSession(machine, {}, '0.1.0');
  const out: Answer[] = [];
  for (const [i, cmd] of commands(join(mkdtempSync(join(tmpdir(), 'fwlab-migrate-')), 'vm.snap')).entries()) {
    const reply = await s.handle({ ...cmd, id: i + 1 }) as Json;
    out.push({ reply, events: s.takeEvents() as unknown as Json[] });
  }
  return out;
}

function shape(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(shape);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, shape((v as Json)[k])]));
  return typeof v;
}

function compare(qemu: Answer[], fwlab: Answer[]): string[] {
  const problems: string[] = [];
  const events = (a: Answer) => a.events.filter((e) => !['CONSOLE', 'MIGRATION_PASS'].includes(String(e.event))).map((e) => ({ event: e.event, data: e.data }));
  const strip = ({ id: _id, ...rest }: Json) => rest;
  script.steps.forEach((step, i) => {
    const [q, f] = [qemu[i], fwlab[i]];
    const what = `#${i + 1} ${JSON.stringify(step.command)}`;
    if (!q || !f) return problems.push(`${what}: missing`);
    if (!isDeepStrictEqual(events(f), events(q))) problems.push(`${what} events: fwlab ${JSON.stringify(events(f))} / qemu ${JSON.stringify(events(q))}`);
    const [rq, rf] = [strip(q.reply), strip(f.reply)];
    const same = step.compare === 'shape' && !('error' in rq) ? isDeepStrictEqual(shape(rf), shape(rq)) : isDeepStrictEqual(rf, rq);
    if (!same) problems.push(`${what}: fwlab ${JSON.stringify(rf)} / qemu ${JSON.stringify(rq)}`);
  });
  return problems;
}

test('QMP migrate parity with a captured QEMU 7.2 transcript (events, errors, postmigrate, query-migrate by shape)', async (t) => {
  t.deepEqual(compare(answers(captured), await runFwlab()), []);
});

testWith(['qemu'])('QMP migrate parity with a live QEMU 7.2 running the same script', async (t) => {
  const file = join(mkdtempSync(join(tmpdir(), 'fwlab-migrate-')), 'vm.bin');
  const live = await runQemuQmp(script.machine, commands(file));
  t.deepEqual(compare(answers(live), await runFwlab()), []);
});
