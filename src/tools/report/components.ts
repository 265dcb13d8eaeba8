/**
 * The page components, as HTML strings with no script: the static `--report` page is made of them,
 * and the browser page (src/web/) renders the same strings into its DOM and adds behaviour. Each
 * takes the report model (report-model.ts); none touches the machine.
 */
import type { ReportModel, Region, PciFunctionView } from './report-model.js';

export const esc = (s: string): string => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const hx = (n: number): string => `0x${n.toString(16)}`;
export const COLOURS: Readonly<Record<string, string>> = { ram: '#8fd18f', rom: '#f2b36b', pam: '#d9c36a', mmio: '#7fb2e5', io: '#b59be0', acpi: '#e57f7f', alias: '#cccccc', bar: '#3c78d8', hole: '#fff3c4' };

/** One horizontal band [lo, hi) drawn linearly; regions outside are clipped, tiny ones get 1px; wide ones are labelled. */
function band(regions: readonly Region[], lo: number, hi: number, label: string, width = 960): string {
  const x = (a: number) => ((Math.min(Math.max(a, lo), hi) - lo) / (hi - lo)) * width;
  const shown = regions.filter((r) => r.end > lo && r.start < hi);
  const rects = shown.map((r) => {
    const w = Math.max(1, x(r.end) - x(r.start));
    const y = r.kind === 'acpi' || r.kind === 'bar' ? 34 : 8;
    const text = w > r.name.length * 6.2 + 4 ? `<text class="label" x="${(x(r.start) + 3).toFixed(1)}" y="${y + 15}">${esc(r.name)}</text>` : '';
    return `<rect class="region" data-kind="${esc(r.kind)}" data-name="${esc(r.name)}" x="${x(r.start).toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="22" fill="${COLOURS[r.kind] ?? '#aaa'}"><title>${esc(`${r.name} ${r.kind} ${hx(r.start)}-${hx(r.end - 1)}`)}</title></rect>${text}`;
  }).join('');
  return `<figure><figcaption>${esc(label)} (${hx(lo)}–${hx(hi - 1)}, linear)</figcaption><svg class="band" width="100%" height="64" viewBox="0 0 ${width} 64" preserveAspectRatio="none">`
    + `<rect x="0" y="8" width="${width}" height="22" fill="#f4f4f4" stroke="#999"/>${rects}</svg></figure>`;
}

export function memoryMap(m: ReportModel): string {
  const below4g = Number(m.report.memory.below4g);
  const acpi = m.regions.filter((r) => r.kind === 'acpi' && r.start >= 0x100000);
  const lo = acpi.length ? Math.floor(Math.min(...acpi.map((r) => r.start)) / 4096) * 4096 : 0;
  const hi = acpi.length ? Math.ceil(Math.max(...acpi.map((r) => r.end)) / 4096) * 4096 : 0;
  const bars = m.regions.filter((r) => r.kind === 'bar');
  const mib = 0x100000;
  const barLo = bars.length ? Math.floor(Math.min(...bars.map((r) => r.start)) / mib) * mib : 0;
  const barHi = bars.length ? Math.min(2 ** 32, Math.ceil(Math.max(...bars.map((r) => r.end)) / mib) * mib) : 0;
  return `<section id="memory-map"><h2>Memory map</h2>${band(m.regions, 0, 2 ** 32, 'Below 4 GiB')}${band(m.regions, 0, 0x100000, 'First MiB')}`
    + (bars.length ? band(m.regions, barLo, barHi, 'PCI BARs') : '')
    + (acpi.length ? band(m.regions, lo, hi, 'ACPI tables in high RAM') : '')
    + `<p>RAM below 4 GiB ${hx(below4g)}; legend: ${Object.entries(COLOURS).map(([k, c]) => `<span class="key" style="background:${c}">${k}</span>`).join(' ')}</p>`
    + `<details><summary>all ${m.regions.length} regions</summary><table class="regions"><tr><th>start</th><th>end</th><th>kind</th><th>name</th></tr>${[...m.regions].sort((a, b) => a.start - b.start).map((r) => `<tr><td>${hx(r.start)}</td><td>${hx(r.end - 1)}</td><td>${esc(r.kind)}</td><td>${esc(r.name)}</td></tr>`).join('')}</table></details></section>`;
}

const win = (w: { base: number; limit: number }): string => (w.limit < w.base ? 'closed' : `${hx(w.base)}-${hx(w.limit)}`);

function pciFunction(f: PciFunctionView, all: readonly PciFunctionView[]): string {
  const bars = f.bars.map((b) => `<li class="bar">BAR${b.bar} ${b.type}${b.prefetch ? ' pref' : ''}${b.is64 ? ' 64-bit' : ''} ${b.address < 0 ? 'unassigned' : hx(b.address)} +${hx(b.size)}</li>`).join('');
  let below = '';
  if (f.bridge) {
    const b = f.bridge;
    const children = all.filter((c) => c.bus === b.secondary);
    below = `<li class="bridge-bus">bus ${b.secondary} (subordinate ${b.subordinate}); windows: io ${win(b.io)}, mem ${win(b.memory)}, pref ${win(b.prefetchable)}`
      + `<ul>${children.map((c) => pciFunction(c, all)).join('') || '<li>empty</li>'}</ul></li>`;
  }
  return `<li class="pci-fn" data-bdf="${esc(f.bdf)}"><b>${esc(f.bdf)}</b> ${esc(f.name)}${f.id ? ` (${esc(f.id)})` : ''} <small>${f.vendor.toString(16).padStart(4, '0')}:${f.device.toString(16).padStart(4, '0')} class ${f.classCode.toString(16).padStart(4, '0')}</small>`
    + (bars || below ? `<ul>${bars}${below}</ul>` : '') + '</li>';
}

export function pciTree(m: ReportModel): string {
  const root = m.pciFunctions.filter((f) => f.bus === 0);
  return `<section id="pci-tree"><h2>PCI</h2>${m.pciFunctions.length ? `<ul class="pci"><li>bus 0 (root)<ul>${root.map((f) => pciFunction(f, m.pciFunctions)).join('')}</ul></li></ul>` : '<p>no PCI subsystem</p>'}</section>`;
}

export function acpiTables(m: ReportModel): string {
  return `<section id="acpi-tables"><h2>Installed ACPI tables</h2><table><tr><th>table</th><th>address</th><th>length</th><th>checksum</th></tr>`
    + m.tables.map((t) => `<tr><td>${esc(t.name)}</td><td>${hx(t.address)}</td><td>${t.length}</td><td>${t.checksumOk ? 'ok' : 'BAD'}</td></tr>`).join('') + '</table></section>';
}

/** The loader chain: a graph of pointer edges (each a link to its command) and the commands, each opening onto its provenance. */
export function loaderChain(m: ReportModel): string {
  const target = (e: { to: string }) => e.to.replace(/ \+ 0x[0-9a-f]+/, '').replace(/^.*\((.*)\)$/, '$1');
  const nodes = [...new Set(m.loader.edges.flatMap((e) => [e.from, target(e)]))];
  const y = (n: string) => 20 + nodes.indexOf(n) * 26;
  const height = 40 + nodes.length * 26;
  const svg = `<svg id="loader-graph-svg" width="100%" viewBox="0 0 960 ${height}">`
    + nodes.map((n) => `<g class="node"><rect x="20" y="${y(n) - 12}" width="180" height="20" fill="#eef" stroke="#557"/><text x="26" y="${y(n) + 3}">${esc(n)}</text>`
      + `<rect x="760" y="${y(n) - 12}" width="180" height="20" fill="#fee" stroke="#755"/><text x="766" y="${y(n) + 3}">${esc(n)}</text></g>`).join('')
    + m.loader.edges.map((e) => `<a href="#cmd-${e.index}"><g class="edge" data-index="${e.index}"><line x1="200" y1="${y(e.from)}" x2="760" y2="${y(target(e))}" stroke="#446" stroke-width="2" marker-end="url(#arrow)"/><title>${esc(`#${e.index} ${e.field} → ${e.to}`)}</title></g></a>`).join('')
    + '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#446"/></marker></defs></svg>';
  const commands = m.loader.commands.map((c) => {
    const why = m.loader.provenance[c.index];
    return `<li><details class="cmd" id="cmd-${c.index}" data-index="${c.index}"><summary>${esc(c.text)}</summary>`
      + (why ? `<pre class="why">${esc(why.join('\n'))}</pre>` : '<p>no guest byte to trace</p>') + '</details></li>';
  }).join('');
  return `<section id="loader-graph"><h2>Linker-loader chain</h2><p>Blobs: ${m.loader.blobs.map(esc).join(', ') || 'none'}. Left: the table holding the patched field; right: what it now points to. Click an edge or a command for the provenance of the patched bytes.</p>${svg}`
    + `<ol class="commands">${commands}</ol></section>`;
}

interface NsTree {
  readonly name: string;
  path: string;
  kind: string;
  readonly children: Map<string, NsTree>;
}

function nsNode(t: NsTree, depth: number): string {
  const label = `<code>${esc(t.name)}</code> ${esc(t.kind)}`;
  const li = `class="ns" data-path="${esc(t.path)}" style="margin-left:${depth ? 1 : 0}em"`;
  if (t.children.size === 0) return `<li ${li}>${label}</li>`;
  return `<li ${li}><details${depth < 2 ? ' open' : ''}><summary>${label}</summary><ul>${[...t.children.values()].map((c) => nsNode(c, depth + 1)).join('')}</ul></details></li>`;
}

/** The namespace as a collapsible tree (one <details> per scope), each node carrying its path. */
export function namespaceTree(m: ReportModel, extra = ''): string {
  const root: NsTree = { name: '\\', path: '\\', kind: 'Scope', children: new Map() };
  for (const e of [...m.namespace].sort((a, b) => a.path.localeCompare(b.path))) {
    let at = root;
    const segs = e.path.replace(/^\\/, '').split('.').filter(Boolean);
    segs.forEach((s, i) => {
      let next = at.children.get(s);
      if (!next) {
        next = { name: s, path: '\\' + segs.slice(0, i + 1).join('.'), kind: 'Scope', children: new Map() };
        at.children.set(s, next);
      }
      at = next;
    });
    // A Scope () term reopening a Device names nothing new: keep the Device.
    if (e.kind !== 'Scope') at.kind = e.kind;
  }
  const body = root.children.size ? `<ul class="ns-tree">${[...root.children.values()].map((c) => nsNode(c, 0)).join('')}</ul>` : '<ul><li>no AML tables installed</li></ul>';
  return `<section id="namespace"><h2>ACPI namespace</h2>${extra}${body}</section>`;
}

export function consoles(m: ReportModel): string {
  const debug = [...(m.report.firmware?.console ?? []), ...(m.report.guest?.console ?? [])];
  const serial = m.report.serial.filter((s) => s.output !== '').map((s) => `${s.name}: ${s.output}`).join('\n');
  return `<section id="console"><h2>Debug console (0x402)</h2><pre class="console">${esc(debug.join('\n'))}</pre>`
    + `<h2>Serial</h2><pre class="serial">${esc(serial || '(nothing written)')}</pre></section>`;
}

export const PAGE_CSS = `body{font:14px system-ui,sans-serif;margin:0 1.5em 1.5em}h2{border-bottom:1px solid #ccc;font-size:1.1em}table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:2px 6px;font-family:monospace}
.key{padding:0 6px;border-radius:3px}svg text{font:11px monospace}svg text.label{font-size:10px;pointer-events:none}figure{margin:0 0 1em}pre{background:#f6f6f6;padding:6px;overflow:auto;max-height:24em}
li.ns{list-style:none}ul.ns-tree{padding-left:0}.ns summary{cursor:pointer}.pci-fn small{color:#666}.bar{color:#235}.bridge-bus{color:#552}details.cmd summary{cursor:pointer;font-family:monospace;font-size:12px}
.grid{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:0 2em}.grid>section{min-width:0}@media(max-width:1100px){.grid{grid-template-columns:1fr}}`;
