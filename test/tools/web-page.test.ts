// The browser page (dist/web/, built by `npm run build`): machine, firmware and guest run in Debian's
// headless Chromium from a file:// URL, no server. The test submits QEMU 7.2's pc-vmgenid command line
// (through the URL fragment, which the page puts in its command-line box and submits), clicks
// "change the VM generation ID" and "hot-plug", and checks the DOM against the capture.
import test from 'ava';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturePath, repoRoot } from '../helpers/paths.js';
import { findReference, whenPresent } from '../helpers/reference.js';
import { readFwCfgDir } from '../../src/tools/fw-cfg-dir/fw-cfg-dir.js';
import { parseLoaderScript } from '../../src/tools/loader/loader-script.js';

const WEB = join(repoRoot(), 'dist', 'web');
const CONFIG = 'pc-vmgenid';

test('the build writes the browser page: index.html, fwlab.js and the ROMs as scripts', (t) => {
  for (const f of ['index.html', 'fwlab.js', 'roms/fwlab-bios.js', 'roms/fwlab-ovmf.js', 'roms/ospm.js']) t.true(existsSync(join(WEB, f)), f);
  const html = readFileSync(join(WEB, 'index.html'), 'utf8');
  t.false(/src="http|href="http|type="module"/.test(html), 'no network, classic scripts (file:// pages cannot load modules)');
});

function headless(browser: string, profile: string, ...args: string[]) {
  return spawnSync(browser, ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`,
    '--virtual-time-budget=30000', ...args], { encoding: 'utf8', timeout: 90_000 });
}

if (whenPresent(['chromium'], 'headless Chromium boots fwlab in the page from a QEMU command line')) {
  const browser = findReference('chromium')!;
  test('headless Chromium boots fwlab in the page from a QEMU command line', (t) => {
    const cmdline = readFileSync(fixturePath('qemu-7.2', CONFIG, 'seabios', 'cmdline.txt'), 'utf8').trim().split(/\s+/).slice(1).join(' ').replace(/\$T/g, '/tmp');
    const url = `file://${join(WEB, 'index.html')}#${encodeURIComponent(`${cmdline} | aml-eval-button | change-guid | hotplug`)}`;
    const dir = mkdtempSync(join(tmpdir(), 'fwlab-web-'));
    try {
      const dom = headless(browser, join(dir, 'profile'), '--dump-dom', url);
      t.is(dom.status, 0, dom.stderr);
      const html = dom.stdout;
      t.regex(html, /<p id="status" class="ok">booted pc \(pc-i440fx-7\.2\)/);
      // Labelled memory map.
      t.regex(html, /<text class="label"[^>]*>ram-below-4g<\/text>/);
      // The PCI tree: every BAR SeaBIOS placed in QEMU (query-pci.json), under its function.
      type Region = { bar: number; address: number; size: number; type: string };
      const qemu = JSON.parse(readFileSync(fixturePath('qemu-7.2', CONFIG, 'seabios', 'query-pci.json'), 'utf8')) as Array<{ devices: Array<{ slot: number; function: number; regions: Region[] }> }>;
      for (const d of qemu[0]!.devices) {
        const bdf = `00:${d.slot.toString(16).padStart(2, '0')}.${d.function}`;
        const li = new RegExp(`<li class="pci-fn" data-bdf="${bdf.replace('.', '\\.')}">(.*?)</ul></li>`).exec(html)?.[1] ?? '';
        for (const r of d.regions) t.true(li.includes(`BAR${r.bar} ${r.type === 'io' ? 'io' : 'memory'}`) && li.includes(`0x${r.address.toString(16)} +0x${r.size.toString(16)}`), `${bdf} BAR${r.bar}`);
      }
      // The loader chain: QEMU's VGIA patch is a command whose provenance names it as the last writer.
      const files = readFwCfgDir(fixturePath('qemu-7.2', CONFIG, 'seabios', 'fwcfg-post'));
      const vgia = parseLoaderScript(files.get('etc/table-loader')!.data).commands.find((c) => c.kind === 'ADD_POINTER' && c.srcFile === 'etc/vmgenid_guid')!;
      t.regex(html, new RegExp(`<a href="#cmd-${vgia.index}"><g class="edge" data-index="${vgia.index}">`));
      const details = new RegExp(`<details class="cmd" id="cmd-${vgia.index}"[^>]*><summary>([^<]*)</summary><pre class="why">([^<]*)</pre>`).exec(html);
      t.truthy(details, 'the VGIA command carries its provenance');
      t.regex(details![1]!, /SSDT\[VMGENID\]\+42 \(Name\(VGIA\)\)/);
      t.regex(details![2]!, new RegExp(`last written by #${vgia.index} ADD_POINTER`));
      // The namespace as a collapsible tree.
      t.regex(html, /<li class="ns" data-path="\\_SB"[^>]*><details open=""><summary>/);
      t.regex(html, /<li class="ns" data-path="\\_SB\.VGEN"/);
      // The consoles and the events after the clicks: the GUID change reaches the guest through
      // _E05 and Notify (QEMU's SSDT), the hot-plugged NIC through _E01.
      t.regex(html, /<pre class="console">fwlab BIOS /);
      const events = /<ol id="event-list">(.*?)<\/ol>/.exec(html)?.[1] ?? '';
      for (const want of ['QMP VMGENID_CHANGED', 'aml: gpe 0x05 dispatch \\_GPE._E05 (edge)', 'aml: notify \\_SB_.VGEN 0x80', 'aml: gpe 0x01 dispatch \\_GPE._E01 (edge)', 'pci-hotplug 00:']) {
        t.true(events.includes(want), `${want}\n${events}`);
      }
      // The evaluate box (default \_SB.PCI0._CRS) answers what acpiexec 20200925 answered over QEMU's installed DSDT.
      const acpiexec = readFileSync(fixturePath('qemu-7.2', CONFIG, 'seabios', 'acpica', 'acpiexec.txt'), 'utf8');
      const crs = /Evaluating \\_SB\.PCI0\._CRS\n[^\n]*\n\s*\[Buffer\] Length \w+ = \n((?:\s+[0-9A-F]{4}: [^\n]*\n)+)/.exec(acpiexec)![1]!
        .split('\n').flatMap((l) => /^\s+[0-9A-F]{4}: ((?:[0-9A-F]{2} )+)/.exec(l)?.[1]?.trim().split(' ') ?? []);
      t.true(crs.length > 100);
      t.is(/<pre id="aml-result">\[Buffer\] Length \w+ = ([0-9A-F ]+)<\/pre>/.exec(html)?.[1], crs.join(' '));
      // The PCI tree is redrawn after the hot-plug: the new function is in it.
      const plugged = /pci-hotplug (\d\d:\d\d\.\d) 8086:100e/.exec(events)?.[1];
      t.truthy(plugged, 'the guest saw the e1000 arrive');
      t.regex(/<section id="pci-tree">(.*?)<\/section>/.exec(html)?.[1] ?? '', new RegExp(`data-bdf="${plugged!.replace('.', '\\.')}"><b>[^<]*</b> e1000`));
      const png = join(dir, 'page.png');
      const shot = headless(browser, join(dir, 'profile'), '--window-size=1400,1800', `--screenshot=${png}`, url);
      t.is(shot.status, 0, shot.stderr);
      t.true(existsSync(png) && statSync(png).size > 20_000, 'a non-trivial screenshot');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
