import test from 'ava';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli.js';
import { findReference, whenPresent } from '../helpers/reference.js';

const ARGS = ['-machine', 'q35', '-m', '512M', '-device', 'vmgenid,guid=324e6eaf-d1d1-4bf6-bf41-b9bb6c91fb87', '-nodefaults', '--guest', 'none'];

async function render(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'fwlab-report-'));
  try {
    const file = join(dir, 'report.html');
    let out = '';
    const code = await main(['boot', ...ARGS, '--report', file], { out: (s) => { out += s; } });
    if (code !== 0) throw new Error(`exit ${code}`);
    if (!out.includes('fwlab: q35')) throw new Error('the text report is still printed');
    return readFileSync(file, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('--report writes one self-contained page with the memory map, PCI, loader graph and namespace sections', async (t) => {
  const html = await render();
  for (const id of ['memory-map', 'pci-tree', 'loader-graph', 'namespace', 'acpi-tables']) t.true(html.includes(`id="${id}"`), id);
  t.false(/<script|<link|src="http|href="http|@import/i.test(html), 'no script, no external resources');
  t.regex(html, /<rect class="region" data-kind="ram" data-name="ram-below-4g"/);
  t.regex(html, /<rect class="region" data-kind="hole" data-name="pci-hole"/);
  t.regex(html, /<rect class="region" data-kind="bar" data-name="00:1f\.2 ich9-ahci BAR5"/, 'AHCI BAR5 as SeaBIOS places it is drawn');
  t.regex(html, /<rect class="region" data-kind="acpi" data-name="DSDT"/);
  t.regex(html, /<li class="ns" [^>]*data-path="\\_SB\.VGEN"/, 'namespace tree');
  t.regex(html, /<g class="edge" data-index="\d+">/, 'loader edges drawn');
  t.regex(html, /SSDT\[VMGENID\]\+42 \(Name\(VGIA\)\)/, 'the VGIA patch is on the graph');
});

/** Debian's Chromium, headless, with nothing that reaches the network (env: machines/node.md). */
function headless(browser: string, profile: string, ...args: string[]) {
  return spawnSync(browser, ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`, ...args],
  { encoding: 'utf8', timeout: 60_000 });
}

if (whenPresent(['chromium'], 'headless Chromium opens the report and finds its elements')) {
  const browser = findReference('chromium')!;
  test('headless Chromium opens the report and finds its elements', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'fwlab-chromium-'));
    try {
      const file = join(dir, 'report.html');
      const { writeFileSync, statSync } = await import('node:fs');
      writeFileSync(file, await render());
      // The DOM as Chromium parsed it: the elements must survive a real HTML parser.
      const dom = headless(browser, join(dir, 'profile'), '--dump-dom', `file://${file}`);
      t.is(dom.status, 0, dom.stderr);
      const count = (re: RegExp) => (dom.stdout.match(re) ?? []).length;
      t.true(count(/<rect class="region"/g) > 3, 'memory map regions');
      t.true(count(/<g class="edge"/g) > 5, 'loader graph edges');
      t.true(count(/<li class="ns"/g) > 10, 'namespace entries');
      for (const id of ['memory-map', 'pci-tree', 'loader-graph', 'namespace', 'acpi-tables']) t.true(dom.stdout.includes(`id="${id}"`), id);
      // And it renders: a screenshot of the page is written.
      const png = join(dir, 'report.png');
      const shot = headless(browser, join(dir, 'profile'), '--window-size=1280,2000', `--screenshot=${png}`, `file://${file}`);
      t.is(shot.status, 0, shot.stderr);
      t.true(existsSync(png) && statSync(png).size > 10_000, 'a non-trivial screenshot');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
