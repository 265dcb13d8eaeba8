/// <reference lib="dom" />
/**
 * fwlab in a browser page (dist/web/index.html, built by build.mjs): the machine runs here, the
 * firmware and the guest come as ROM scripts (dist/web/roms/*.js register themselves in
 * `globalThis.fwlabRoms`, as the CLI loads roms/*.mjs by path). The page is the static report's
 * components (src/tools/report/components.ts) plus behaviour: boot from a command line, open a
 * patched field's provenance, evaluate AML, change the VM generation ID or hot-plug and watch the events.
 * A command line in the URL fragment (`index.html#-machine pc ...`) is submitted on load; ` | ID`
 * after it clicks the button with that id once booted, or opens that command's provenance
 * (`... | change-guid | hotplug | cmd-9`).
 */
import { createMachine, runPrograms, toText } from '../inspect.js';
import type { LoadedProgram, Machine } from '../inspect.js';
import type { CpuProgram } from '../spec/cpu-wire.js';
import { UsageError } from '../lib/errors.js';
import { withChain } from '../tools/report/chain.js';
import type { FullBootReport } from '../tools/report/chain.js';
import { buildReportModel } from '../tools/report/report-model.js';
import { PAGE_CSS, acpiTables, consoles, loaderChain, memoryMap, namespaceTree, pciTree } from '../tools/report/components.js';
import { evaluateAml } from '../tools/machine-probe.js';
import { MonitorSession } from '../tools/monitor/monitor-session.js';

interface RomScript {
  readonly program: CpuProgram;
  /** The ROM module's bytes, base64 (what the machine maps as the ROM image). */
  readonly image: string;
}

function rom(name: string): LoadedProgram {
  const r = (globalThis as { fwlabRoms?: Record<string, RomScript> }).fwlabRoms?.[name];
  if (!r) throw new UsageError(`ROM script roms/${name.replace(/\.mjs$/, '.js')} is not loaded`);
  const bin = atob(r.image);
  const image = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) image[i] = bin.charCodeAt(i);
  return { path: `roms/${name}`, image, program: r.program };
}

const $ = <T extends HTMLElement>(sel: string, root: ParentNode = document): T => root.querySelector(sel) as T;

/** Words of a command line; "double" or 'single' quotes group. */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

interface Booted {
  readonly machine: Machine;
  readonly report: FullBootReport;
  readonly session: MonitorSession;
  consoleSeen: number;
  traceSeen: number;
}

let current: Booted | undefined;

/** Disk images are host files: a page has none, so these options are left out (and said so). */
const DISK_OPTIONS = new Set(['-drive', '-hda', '-hdb', '-hdc', '-hdd', '-cdrom', '-fda', '-fdb']);

function boot(line: string): void {
  const status = $('#status');
  const args = words(line);
  let firmware = 'fwlab-bios.mjs';
  let guest: string | undefined = 'ospm.mjs';
  const machineArgs: string[] = [];
  const skipped: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--firmware') firmware = args[++i] === 'ovmf' ? 'fwlab-ovmf.mjs' : 'fwlab-bios.mjs';
    else if (a === '--guest') guest = args[++i] === 'none' ? undefined : 'ospm.mjs';
    else if (DISK_OPTIONS.has(a)) skipped.push(`${a} ${args[++i] ?? ''}`);
    else machineArgs.push(a);
  }
  const started = performance.now();
  try {
    const machine = createMachine(machineArgs, ['aml', 'loader']);
    const result = runPrograms(machine, rom(firmware), guest ? rom(guest) : undefined);
    const report = withChain(result.report, machine);
    const model = buildReportModel(report, machine);
    const evalBox = '<form id="aml-eval"><input id="aml-path" size="40" value="\\_SB.PCI0._CRS" spellcheck="false"> <button id="aml-eval-button">Evaluate</button></form><pre id="aml-result"></pre>';
    const events = '<section id="events"><h2>Events</h2><p><button id="change-guid" type="button">Change the VM generation ID</button> '
      + '<input id="hotplug-args" size="30" value="e1000,id=nic9" spellcheck="false"> <button id="hotplug" type="button">Hot-plug (device_add)</button></p><ol id="event-list"></ol></section>';
    $('#page').innerHTML = memoryMap(model) + `<div class="grid">${pciTree(model)}${acpiTables(model)}</div>` + loaderChain(model)
      + `<div class="grid">${namespaceTree(model, evalBox)}<div>${events}${consoles(model)}</div></div>`;
    current = { machine, report, session: new MonitorSession(machine, {}), consoleSeen: machine.debugConsole.lines.length, traceSeen: 0 };
    void current.session.handle({ execute: 'qmp_capabilities' });
    status.textContent = `booted ${report.machine.board} (${report.machine.qemuMachine}) in ${(performance.now() - started).toFixed(0)} ms: `
      + `${report.chain.tables.length} ACPI tables, loader ${report.chain.loader.result ?? 'not run'}, guest ${report.guest ? report.guest.exit.kind : 'none'}`
      + (skipped.length ? `; left out (disk images need host files): ${skipped.join(', ')}` : '');
    status.className = 'ok';
    wire();
  } catch (e) {
    status.textContent = e instanceof UsageError ? `fwlab: ${e.message}` : `fwlab: internal error: ${(e as Error).message}`;
    status.className = 'error';
  }
}

function event(text: string): void {
  const li = document.createElement('li');
  li.textContent = text;
  $('#event-list').append(li);
}

/** What happened since the last look: QMP events, new guest console lines, AML trace records. */
function collect(): void {
  const b = current;
  if (!b) return;
  for (const e of b.session.takeEvents()) event(`QMP ${e.event} ${JSON.stringify(e.data ?? {})}`);
  // Guest console lines arrive as the monitor's CONSOLE events.
  b.consoleSeen = b.machine.debugConsole.lines.length;
  const trace = b.machine.traceRecords;
  for (const t of trace.slice(b.traceSeen)) if (t.area === 'aml' && (/^\s*(call|notify|gpe)/.test(t.text))) event(`aml: ${t.text.trim()}`);
  b.traceSeen = trace.length;
  // The PCI tree and the memory map as they are now (a hot-plugged function, its BARs).
  const model = buildReportModel(b.report, b.machine);
  const pci = document.getElementById('pci-tree');
  if (pci) pci.outerHTML = pciTree(model);
}

function wire(): void {
  const b = current!;
  b.traceSeen = b.machine.traceRecords.length;
  // A graph edge opens its command's provenance.
  document.querySelectorAll<SVGAElement>('#loader-graph a').forEach((a) => {
    a.addEventListener('click', (ev: Event) => {
      ev.preventDefault();
      const d = document.getElementById((a.getAttribute('href') ?? '').slice(1)) as HTMLDetailsElement | null;
      if (!d) return;
      d.open = true;
      d.scrollIntoView({ block: 'center' });
    });
  });
  $('#aml-eval').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const path = $<HTMLInputElement>('#aml-path').value.trim();
    try {
      $('#aml-result').textContent = toText(evaluateAml(b.machine, path));
    } catch (e) {
      $('#aml-result').textContent = (e as Error).message;
    }
  });
  let generation = 0;
  $('#change-guid').addEventListener('click', () => {
    generation++;
    const guid = `8f0c6a1e-5b2d-4c3a-9e7f-${generation.toString(16).padStart(12, '0')}`;
    void b.session.handle({ execute: 'set-vm-generation-id', arguments: { guid } }).then((r) => {
      if ('error' in r) event(`error: ${r.error.desc}`);
      collect();
    });
  });
  $('#hotplug').addEventListener('click', () => {
    const [driver, ...props] = $<HTMLInputElement>('#hotplug-args').value.split(',');
    const args: Record<string, string> = { driver: driver ?? '' };
    for (const p of props) {
      const [k, v] = p.split('=');
      if (k) args[k] = v ?? '';
    }
    void b.session.handle({ execute: 'device_add', arguments: args }).then((r) => {
      if ('error' in r) event(`error: ${r.error.desc}`);
      collect();
    });
  });
}

const HEADER_CSS = `header{position:sticky;top:0;background:#fff;border-bottom:1px solid #ccc;padding:.5em 0;z-index:1}h1{margin:.2em 0;font-size:1.3em}
h1 small{font-weight:normal;color:#666;font-size:.7em}#command-line{font-family:monospace}#status.ok{color:#265}#status.error{color:#a22;font-weight:bold}#event-list{font:12px monospace}`;

function start(): void {
  const style = document.createElement('style');
  style.textContent = PAGE_CSS + HEADER_CSS;
  document.head.append(style);
  const form = $<HTMLFormElement>('#command-form');
  const input = $<HTMLInputElement>('#command-line');
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    boot(input.value);
  });
  const [fromUrl, ...clicks] = decodeURIComponent(location.hash.slice(1)).split(' | ');
  if (fromUrl) input.value = fromUrl;
  $('#status').textContent = 'ready';
  form.requestSubmit();
  for (const id of clicks) {
    const el = document.getElementById(id.trim());
    if (el instanceof HTMLDetailsElement) el.open = true;
    else el?.click();
  }
}

start();
