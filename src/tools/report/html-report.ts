/**
 * `fwlab boot --report FILE.html`: one self-contained page (inline CSS and SVG, no script, no
 * network) made of the page components (components.ts) the browser page (src/web/) uses too:
 * labelled memory map, PCI tree, the loader chain as a graph with each command's provenance, the
 * namespace as a collapsible tree, the consoles.
 */
import type { Machine } from '../../inspect.js';
import type { BootReport } from '../../inspect.js';
import { buildReportModel } from './report-model.js';
import type { ReportModel } from './report-model.js';
import { PAGE_CSS, acpiTables, consoles, esc, loaderChain, memoryMap, namespaceTree, pciTree } from './components.js';

export function renderHtmlModel(m: ReportModel): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(m.title)}</title><style>${PAGE_CSS}</style></head><body>`
    + `<h1>${esc(m.title)}</h1>${memoryMap(m)}<div class="grid">${pciTree(m)}${acpiTables(m)}</div>${loaderChain(m)}<div class="grid">${namespaceTree(m)}${consoles(m)}</div></body></html>\n`;
}

export function renderHtmlReport(report: BootReport, machine: Machine): string {
  return renderHtmlModel(buildReportModel(report, machine));
}
