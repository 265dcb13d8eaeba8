/**
 * Media change at run time through QMP against real QEMU 7.2: the scripts
 * test/fixtures/qemu-7.2/qmp/pc-media-script.json (a disk, the CD-ROM ide1-cd0 and the floppy drive
 * floppy0 on pc; HMP eject/change too) and q35-media-script.json (the CD-ROM on AHCI port 2) through fwlab's monitor must give QEMU's replies, errors and DEVICE_TRAY_MOVED
 * events (NAME.jsonl, recorded by `node scripts/capture-qmp.mjs NAME` from the repository root). What QEMU numbers for itself is compared by type: block node names, the qdev path of devices
 * without an id, the allocated size of an image on the host's file system, the event timestamps.
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { fixturePath } from '../helpers/paths.js';
import { runFwlabQmp } from '../helpers/fwlab-qmp.js';
import type { TranscriptLine } from '../helpers/qemu-qmp.js';

type Json = Record<string, unknown>;
interface Step { readonly command: Json; readonly compare: 'value' | 'block' }
interface Script { machine: string[]; steps: Step[] }
const load = (name: string): { script: Script; captured: TranscriptLine[] } => ({
  script: JSON.parse(readFileSync(fixturePath('qemu-7.2', 'qmp', `${name}-script.json`), 'utf8')) as Script,
  captured: readFileSync(fixturePath('qemu-7.2', 'qmp', `${name}.jsonl`), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as TranscriptLine),
});

/** Per command id: its reply and the DEVICE_TRAY_MOVED events before it. */
function byId(lines: readonly TranscriptLine[]): Map<number, { reply: Json; events: Json[] }> {
  const out = new Map<number, { reply: Json; events: Json[] }>();
  let events: Json[] = [];
  for (const l of lines) {
    if (!('recv' in l)) continue;
    const m = l.recv;
    if (m.event === 'DEVICE_TRAY_MOVED') events.push(m);
    else if (typeof m.id === 'number') {
      out.set(m.id, { reply: m, events });
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

/** QEMU's own numbering and the host file system's allocation, by type. */
function normalized(v: unknown, key = ''): unknown {
  if (['qdev', 'node-name', 'actual-size', 'id', 'seconds', 'microseconds'].includes(key)) return typeof v;
  if (Array.isArray(v)) return v.map((x) => normalized(x));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalized(x, k)]));
  return v;
}

for (const [name, minEvents] of [['pc-media', 7], ['q35-media', 4]] as const) {
  test(`${name}: fwlab gives QEMU 7.2's replies, errors and DEVICE_TRAY_MOVED events, step by step`, async (t) => {
    const { script, captured } = load(name);
    const q = byId(captured);
    const f = byId(await runFwlabQmp(script.machine, script.steps.map((s) => s.command)));
    t.is(q.size, script.steps.length);
    const problems: string[] = [];
    script.steps.forEach((step, i) => {
      const a = q.get(i + 1)!;
      const b = f.get(i + 1);
      const what = `#${i + 1} ${JSON.stringify(step.command)}`;
      if (!b) return problems.push(`${what}: no reply from fwlab`);
      const strip = ({ id: _id, ...rest }: Json): Json => rest;
      const want = JSON.stringify(sorted(normalized({ reply: strip(a.reply), events: a.events })));
      const got = JSON.stringify(sorted(normalized({ reply: strip(b.reply), events: b.events })));
      if (want !== got) problems.push(`${what}:\n  fwlab ${got.slice(0, 600)}\n  qemu  ${want.slice(0, 600)}`);
    });
    t.deepEqual(problems, []);
    // The transcript exercises what it claims: tray events from open, close, change and eject.
    t.true([...q.values()].reduce((n, x) => n + x.events.length, 0) >= minEvents);
  });
}
