import test from 'ava';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli.js';
import { repoRoot } from '../helpers/paths.js';

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

function chromium(): string | undefined {
  for (const c of ['chromium', 'chromium-browser']) if (spawnSync(c, ['--version']).status === 0) return c;
  return undefined;
}
function playwright(): string | undefined {
  try {
    return createRequire(join(repoRoot(), 'package.json')).resolve('playwright-core');
  } catch {
    return undefined;
  }
}

const browser = chromium();
const pw = playwright();
if (!browser || !pw) {
  test('headless Chromium opens the report and finds its elements', (t) => {
    const msg = `SKIPPED: ${!browser ? 'no chromium on this machine' : 'playwright-core is not installed'}; the report was checked as text only`;
    console.warn(msg);
    t.log(msg);
    t.pass();
  });
} else {
  test('headless Chromium opens the report and finds its elements', async (t) => {
    const html = await render();
    const { chromium: launcher } = (await import(pw)) as { chromium: { launch(o: unknown): Promise<any> } };
    const b = await launcher.launch({ executablePath: spawnSync('which', [browser]).stdout.toString().trim() });
    try {
      const page = await b.newPage();
      await page.setContent(html);
      t.true((await page.locator('#memory-map svg rect.region').count()) > 3);
      t.true((await page.locator('#loader-graph g.edge').count()) > 5);
      t.true((await page.locator('#namespace li.ns').count()) > 10);
    } finally {
      await b.close();
    }
  });
}
