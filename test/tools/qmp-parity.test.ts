/**
 * fwlab's monitor against real QEMU 7.2 with one QMP script: a committed transcript of QEMU
 * (scripts/capture-qmp.mjs) always, and QEMU itself when qemu-system-x86_64 is installed.
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { fixturePath } from '../helpers/paths.js';
import { runFwlabQmp } from '../helpers/fwlab-qmp.js';
import { runQemuQmp } from '../helpers/qemu-qmp.js';
import type { TranscriptLine } from '../helpers/qemu-qmp.js';
import { testWith } from '../helpers/reference.js';

type Json = Record<string, unknown>;
interface Step { readonly command: Json; readonly compare: 'value' | 'shape' | 'text-shape' | 'machines' | 'cpus' }
const script = JSON.parse(readFileSync(fixturePath('qemu-7.2', 'qmp', 'q35-vmgenid-script.json'), 'utf8')) as { machine: string[]; steps: Step[] };
const captured = readFileSync(fixturePath('qemu-7.2', 'qmp', 'q35-vmgenid.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as TranscriptLine);

/** Per command id: its reply and the QEMU events that came with it (fwlab-only events dropped). */
function byId(lines: readonly TranscriptLine[]): Map<number, { reply: Json; events: Json[] }> {
  const out = new Map<number, { reply: Json; events: Json[] }>();
  let events: Json[] = [];
  let last: { reply: Json; events: Json[] } | undefined;
  for (const l of lines) {
    if (!('recv' in l)) continue;
    const m = l.recv;
    if (typeof m.event === 'string') {
      if (['CONSOLE', 'VMGENID_CHANGED', 'BAR_OVERLAP'].includes(m.event)) continue;
      // QEMU sends SHUTDOWN after quit's reply; fwlab before it: both belong to the command.
      if (last && m.event === 'SHUTDOWN') last.events.push(m);
      else events.push(m);
    } else if (typeof m.id === 'number') {
      last = { reply: m, events };
      out.set(m.id, last);
      events = [];
    }
  }
  return out;
}

function sorted(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sorted);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, sorted(x)]));
  return v;
}

function shape(v: unknown): unknown {
  if (Array.isArray(v)) return [...new Set(v.map((x) => JSON.stringify(shape(x))))].sort();
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, shape((v as Json)[k])]));
  return v === null ? 'null' : typeof v;
}

/** A line of HMP text with addresses, numbers and names blanked out. */
function lineShape(l: string): string {
  return l.replace(/"[^"]*"/g, '"*"').replace(/\): .*$/, '): *').replace(/^(\s*)(dev|bus|type|address-space):? [^,]+/, '$1$2 *')
    .replace(/0x[0-9a-f]+/g, '0x#').replace(/\b[0-9a-f]{16}\b/g, '#16').replace(/\d+/g, '#');
}

const strip = (r: Json) => {
  const { id: _id, ...rest } = r;
  return rest;
};

/** Every disagreement between the two transcripts, as one line each. */
function compare(qemu: readonly TranscriptLine[], fwlab: readonly TranscriptLine[]): string[] {
  const problems: string[] = [];
  const check = (what: string, got: unknown, want: unknown) => {
    if (!isDeepStrictEqual(got, want)) problems.push(`${what}: fwlab ${JSON.stringify(got).slice(0, 400)} / qemu ${JSON.stringify(want).slice(0, 400)}`);
  };
  const q = byId(qemu);
  const f = byId(fwlab);
  const greeting = (ls: readonly TranscriptLine[]) => ('recv' in ls[0]! ? ls[0].recv : {}) as { QMP: { version: unknown; capabilities: string[] } };
  check('greeting version', shape(greeting(fwlab).QMP.version), shape(greeting(qemu).QMP.version));
  // QEMU offers "oob"; fwlab executes commands in order only.
  check('greeting capabilities', greeting(fwlab).QMP.capabilities.filter((c) => !greeting(qemu).QMP.capabilities.includes(c)), []);
  script.steps.forEach((step, i) => {
    const what = `#${i + 1} ${JSON.stringify(step.command)}`;
    const a = q.get(i + 1);
    const b = f.get(i + 1);
    if (!a || !b) return problems.push(`${what}: no reply (qemu ${!!a}, fwlab ${!!b})`);
    // After system_reset SeaBIOS reboots once more itself (RESET guest-reset, decision 0070): QEMU
    // shows it ~100 ms later, so only when the next command comes later than this script's quit.
    const firmwareReboot = (e: Json) => step.command.execute === 'system_reset' && e.event === 'RESET' && (e.data as { guest?: boolean } | undefined)?.guest === true;
    const ev = (x: { events: Json[] }) => x.events.filter((e) => !firmwareReboot(e)).map((e) => ({ event: e.event, data: e.data, timestamp: shape(e.timestamp) }));
    check(`${what} events`, ev(b), ev(a));
    const [ra, rb] = [strip(a.reply), strip(b.reply)];
    if ('error' in ra || 'error' in rb || step.compare === 'value') return check(what, sorted(rb), sorted(ra));
    const [va, vb] = [ra.return, rb.return];
    if (step.compare === 'shape') return check(what, shape(vb), shape(va));
    if (step.compare === 'text-shape') {
      const known = new Set((va as string).split('\r\n').map(lineShape));
      return check(`${what} lines unlike any of QEMU's`, (vb as string).split('\r\n').filter((l) => !known.has(lineShape(l))), []);
    }
    if (step.compare === 'cpus') {
      const drop = (v: unknown) => (v as Json[]).map(({ 'thread-id': tid, ...r }) => ({ ...r, tid: typeof tid }));
      return check(what, sorted(drop(vb)), sorted(drop(va)));
    }
    // machines: each fwlab machine type is QEMU's, except what fwlab runs (1 CPU, no CPU hot-plug).
    const theirs = new Map((va as Json[]).map((m) => [m.name, m]));
    for (const m of vb as Json[]) {
      const real = theirs.get(m.name) ?? {};
      check(`${what} ${String(m.name)}`, sorted({ ...m, 'cpu-max': 0, 'hotpluggable-cpus': 0 }), sorted({ ...real, 'cpu-max': 0, 'hotpluggable-cpus': 0 }));
    }
  });
  return problems;
}

test('QMP parity with a captured QEMU 7.2 transcript (query-pci, info pci, errors, events equal; versions and HMP text by shape)', async (t) => {
  t.deepEqual(compare(captured, await runFwlabQmp(script.machine, script.steps.map((s) => s.command))), []);
});

testWith(['qemu'])('QMP parity with a live QEMU 7.2 running the same script', async (t) => {
  const live = await runQemuQmp(script.machine, script.steps.map((s) => s.command));
  t.deepEqual(compare(live, await runFwlabQmp(script.machine, script.steps.map((s) => s.command))), []);
});
