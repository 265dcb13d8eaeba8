/**
 * `fwlab boot --report FILE.html`: one self-contained page (inline CSS and SVG, no script, no
 * network): memory map to scale, PCI tree, the loader chain as a graph, the namespace tree.
 */
import type { Machine } from '../../inspect.js';
import type { BootReport } from '../../inspect.js';
import { buildReportModel } from './report-model.js';
import type { Region, ReportModel } from './report-model.js';

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const hx = (n: number) => `0x${n.toString(16)}`;
const COLOURS: Readonly<Record<string, string>> = { ram: '#8fd18f', rom: '#f2b36b', pam: '#d9c36a', mmio: '#7fb2e5', io: '#b59be0', acpi: '#e57f7f', alias: '#cccccc', bar: '#3c78d8', hole: '#fff3c4' };

/** One horizontal band [lo, hi) drawn linearly; regions outside are clipped, tiny ones get 1px. */
function band(regions: readonly Region[], lo: number, hi: number, label: string, width = 960): string {
  const x = (a: number) => ((Math.min(Math.max(a, lo), hi) - lo) / (hi - lo)) * width;
  const rects = regions
    .filter((r) => r.end > lo && r.start < hi)
    .map((r) => {
      const w = Math.max(1, x(r.end) - x(r.start));
      const y = r.kind === 'acpi' || r.kind === 'bar' ? 34 : 8;
      return `<rect class="region" data-kind="${esc(r.kind)}" data-name="${esc(r.name)}" x="${x(r.start).toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="22" fill="${COLOURS[r.kind] ?? '#aaa'}"><title>${esc(`${r.name} ${r.kind} ${hx(r.start)}-${hx(r.end - 1)}`)}</title></rect>`;
    })
    .join('');
  return `<figure><figcaption>${esc(label)} (${hx(lo)}–${hx(hi - 1)}, linear)</figcaption><svg class="band" width="${width}" height="64" viewBox="0 0 ${width} 64">`
    + `<rect x="0" y="8" width="${width}" height="22" fill="#f4f4f4" stroke="#999"/>${rects}</svg></figure>`;
}

function memorySection(m: ReportModel): string {
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
    + `<table class="regions"><tr><th>start</th><th>end</th><th>kind</th><th>name</th></tr>${[...m.regions].sort((a, b) => a.start - b.start).map((r) => `<tr><td>${hx(r.start)}</td><td>${hx(r.end - 1)}</td><td>${esc(r.kind)}</td><td>${esc(r.name)}</td></tr>`).join('')}</table></section>`;
}

function tree(value: unknown): string {
  if (Array.isArray(value)) return `<ul>${value.map((v) => `<li>${tree(v)}</li>`).join('')}</ul>`;
  if (value && typeof value === 'object') return `<ul>${Object.entries(value).map(([k, v]) => `<li><b>${esc(k)}</b>: ${tree(v)}</li>`).join('')}</ul>`;
  return esc(String(value));
}

function loaderSection(m: ReportModel): string {
  const nodes = [...new Set(m.loader.edges.flatMap((e) => [e.from, e.to.replace(/ \+ 0x[0-9a-f]+/, '').replace(/^.*\((.*)\)$/, '$1')]))];
  const y = (n: string) => 20 + nodes.indexOf(n) * 26;
  const height = 40 + nodes.length * 26;
  const label = (e: { to: string }) => e.to.replace(/ \+ 0x[0-9a-f]+/, '').replace(/^.*\((.*)\)$/, '$1');
  const svg = `<svg id="loader-graph-svg" width="960" height="${height}" viewBox="0 0 960 ${height}">`
    + nodes.map((n) => `<g class="node"><rect x="20" y="${y(n) - 12}" width="180" height="20" fill="#eef" stroke="#557"/><text x="26" y="${y(n) + 3}">${esc(n)}</text>`
      + `<rect x="760" y="${y(n) - 12}" width="180" height="20" fill="#fee" stroke="#755"/><text x="766" y="${y(n) + 3}">${esc(n)}</text></g>`).join('')
    + m.loader.edges.map((e) => `<g class="edge" data-index="${e.index}"><line x1="200" y1="${y(e.from)}" x2="760" y2="${y(label(e))}" stroke="#446" marker-end="url(#arrow)"/><title>${esc(`#${e.index} ${e.field} → ${e.to}`)}</title></g>`).join('')
    + '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#446"/></marker></defs></svg>';
  return `<section id="loader-graph"><h2>Linker-loader chain</h2><p>Blobs: ${m.loader.blobs.map(esc).join(', ') || 'none'}. Left: the table holding the patched field; right: what it now points to.</p>${svg}`
    + `<ol class="commands">${m.loader.commands.map((c) => `<li>${esc(c)}</li>`).join('')}</ol></section>`;
}

function namespaceSection(m: ReportModel): string {
  const items = [...m.namespace].sort((a, b) => a.path.localeCompare(b.path))
    .map((e) => `<li class="ns" style="margin-left:${(e.path.split('.').length - 1) * 1.2}em" data-path="${esc(e.path)}"><code>${esc(e.path)}</code> ${esc(e.kind)}</li>`).join('');
  return `<section id="namespace"><h2>ACPI namespace</h2><ul>${items || '<li>no AML tables installed</li>'}</ul></section>`;
}

export function renderHtmlModel(m: ReportModel): string {
  const tables = `<section id="acpi-tables"><h2>Installed ACPI tables</h2><table><tr><th>table</th><th>address</th><th>length</th><th>checksum</th></tr>`
    + m.tables.map((t) => `<tr><td>${esc(t.name)}</td><td>${hx(t.address)}</td><td>${t.length}</td><td>${t.checksumOk ? 'ok' : 'BAD'}</td></tr>`).join('') + '</table></section>';
  const pci = `<section id="pci-tree"><h2>PCI</h2>${m.pci ? tree(m.pci) : '<p>no PCI subsystem in this build</p>'}</section>`;
  const console = `<section id="console"><h2>Debug console</h2><pre>${esc([...(m.report.firmware?.console ?? []), ...(m.report.guest?.console ?? [])].join('\n'))}</pre></section>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(m.title)}</title><style>
body{font:14px system-ui,sans-serif;margin:1.5em;max-width:1000px}h2{border-bottom:1px solid #ccc}table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:2px 6px;font-family:monospace}
.key{padding:0 6px;border-radius:3px}svg text{font:11px monospace}figure{margin:0 0 1em}pre{background:#f6f6f6;padding:6px;overflow:auto}li.ns{list-style:none}
</style></head><body><h1>${esc(m.title)}</h1>${memorySection(m)}${pci}${tables}${loaderSection(m)}${namespaceSection(m)}${console}</body></html>\n`;
}

export function renderHtmlReport(report: BootReport, machine: Machine): string {
  return renderHtmlModel(buildReportModel(report, machine));
}
