/**
 * The fwlab side of a QMP comparison: a machine booted with fwlab's firmware (no guest), then each
 * command (an `id` added, 1, 2, ...) through the monitor's JSON-lines transport; every line it sends
 * back, as test/helpers/qemu-qmp.ts records real QEMU's.
 */
import { PassThrough } from 'node:stream';
import { createInterface } from 'node:readline';
import { bootMachine, createMachine } from '../../src/machine/create-machine.js';
import { MonitorSession } from '../../src/tools/monitor/monitor-session.js';
import { serveLines } from '../../src/tools/monitor/qmp-server.js';
import type { TranscriptLine } from './qemu-qmp.js';

type Json = Record<string, unknown>;

export async function runFwlabQmp(machineArgs: readonly string[], commands: readonly Json[]): Promise<TranscriptLine[]> {
  const machine = createMachine(machineArgs);
  await bootMachine(machine, { guest: 'none' });
  const input = new PassThrough();
  const output = new PassThrough();
  const got: TranscriptLine[] = [];
  const reader = createInterface({ input: output });
  reader.on('line', (l) => got.push({ recv: JSON.parse(l) as Json }));
  const served = serveLines(new MonitorSession(machine, { guest: 'none' }), input, output);
  commands.forEach((c, i) => input.write(JSON.stringify({ ...c, id: i + 1 }) + '\n'));
  input.end();
  await served;
  output.end();
  await new Promise((r) => reader.once('close', r));
  return got;
}
