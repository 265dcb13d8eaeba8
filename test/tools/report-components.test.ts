// The page components (src/tools/report/components.ts) that the static report and the browser page
// share: the PCI tree of QEMU 7.2's q35-rootports command line against QEMU's query-pci after SeaBIOS
// (address -1: a BAR not assigned).
import test from 'ava';
import { readFileSync } from 'node:fs';
import { fixturePath } from '../helpers/paths.js';
import { boot } from '../../src/index.js';
import { buildReportModel } from '../../src/tools/report/report-model.js';
import { pciTree, namespaceTree } from '../../src/tools/report/components.js';

const CONFIG = 'q35-rootports';
const args = readFileSync(fixturePath('qemu-7.2', CONFIG, 'seabios', 'cmdline.txt'), 'utf8').trim().split(/\s+/).slice(1).map((w) => w.replace(/\$T/g, '/tmp'))
  // The capture's boot disk ($T/bootdisk.img) is not kept; q35 would attach it to AHCI port 0.
  .filter((w, i, all) => w !== '-drive' && all[i - 1] !== '-drive');

type Range = { base: number; limit: number };
type Region = { bar: number; address: number; size: number; type: string };
interface Device {
  bus: number; slot: number; function: number; regions: Region[];
  pci_bridge?: { bus: { secondary: number; subordinate: number; io_range: Range; memory_range: Range; prefetchable_range: Range }; devices: Device[] };
}

const hx = (n: number) => `0x${n.toString(16)}`;
const win = (r: Range) => (r.limit < r.base ? 'closed' : `${hx(r.base)}-${hx(r.limit)}`);
const bdf = (d: Device) => `${d.bus.toString(16).padStart(2, '0')}:${d.slot.toString(16).padStart(2, '0')}.${d.function}`;

test('the PCI tree shows each bridge with QEMU\'s bus numbers and windows, and every BAR under its function', async (t) => {
  const { machine, report } = await boot(args, { guest: 'none' });
  const html = pciTree(buildReportModel(report, machine));
  const qemu = JSON.parse(readFileSync(fixturePath('qemu-7.2', CONFIG, 'seabios', 'query-pci.json'), 'utf8')) as Array<{ devices: Device[] }>;
  let bridges = 0;
  const visit = (d: Device): void => {
    const at = html.indexOf(`<li class="pci-fn" data-bdf="${bdf(d)}">`);
    t.true(at >= 0, bdf(d));
    const own = html.slice(at, html.indexOf('<li class="pci-fn"', at + 1) === -1 ? undefined : html.indexOf('<li class="pci-fn"', at + 1));
    for (const r of d.regions) t.true(own.includes(`BAR${r.bar} ${r.type === 'io' ? 'io' : 'memory'}`) && own.includes(`${r.address === -1 ? 'unassigned' : hx(r.address)} +${hx(r.size)}`), `${bdf(d)} BAR${r.bar}`);
    const b = d.pci_bridge;
    if (!b) return;
    bridges++;
    t.true(own.includes(`bus ${b.bus.secondary} (subordinate ${b.bus.subordinate}); windows: io ${win(b.bus.io_range)}, mem ${win(b.bus.memory_range)}, pref ${win(b.bus.prefetchable_range)}`), `${bdf(d)} windows`);
    b.devices.forEach(visit);
  };
  qemu[0]!.devices.forEach(visit);
  t.true(bridges >= 2, 'the capture has root ports');
});

test('the namespace tree nests scopes in <details> and keeps every path', async (t) => {
  const { machine, report } = await boot(args, { guest: 'none' });
  const model = buildReportModel(report, machine);
  const html = namespaceTree(model);
  for (const e of model.namespace.filter((x) => x.path !== '\\')) t.true(html.includes(`data-path="${e.path.replace(/&/g, '&amp;')}"`), e.path);
  t.regex(html, /<li class="ns" data-path="\\_SB\.PCI0"[^>]*><details[^>]*><summary><code>PCI0<\/code> Device<\/summary>/);
});
