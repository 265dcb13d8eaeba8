import test from 'ava';
import { readFileSync } from 'node:fs';
import * as fwlab from '../../src/index.js';
import { fixturePath } from '../helpers/paths.js';

test('the public API exports exactly the documented values', (t) => {
  t.deepEqual(Object.keys(fwlab).sort(), [
    'AmlBuffer', 'AmlError', 'AmlInterpreter', 'AmlPackage', 'AmlString', 'LOADER_POLICIES', 'Machine', 'OSI_STRINGS',
    'SEVERITIES', 'SPACE', 'SimulatedSpace', 'UsageError', 'boot', 'bootMachine', 'checkSnapshot', 'createMachine',
    'debugText', 'diffRuns', 'diffScripts', 'diffTableSets', 'disassembleTable', 'evaluateAml', 'explainScript',
    'formatAcpidump', 'formatFinding', 'formatGuid', 'formatTableAsl', 'guidFromMicrosoftBytes', 'guidToMicrosoftBytes',
    'installedTables', 'isAmlTable', 'lineTracer', 'lintScript', 'loadFwCfgFiles', 'loadTables', 'makeTable', 'mangleName', 'methodsOf',
    'nodeTypeName', 'parseAcpidump', 'parseFileOffset', 'parseGuid', 'readFwCfgDir', 'readGuid', 'runScript', 'scanRsdp',
    'setVmGenerationId', 'tableName', 'tablesFromBinaryDir', 'tablesFromFwCfgDir', 'tablesFromMemory', 'toJson', 'toText', 'traceValue',
    'whyByte', 'writeFwCfgDir', 'writeSnapshot',
  ]);
  t.is(typeof fwlab.createMachine, 'function');
  t.is(typeof fwlab.boot, 'function');
});

test("the public AML interpreter evaluates QEMU's real vmgenid SSDT", (t) => {
  const aml = new fwlab.AmlInterpreter();
  aml.loadTable(new Uint8Array(readFileSync(fixturePath('qemu-7.2', 'q35-vmgenid', 'seabios', 'acpi-installed', 'ssdt.dat'))));
  t.true(aml.namespace().some((e) => e.path === '\\_SB_.VGEN' && e.type === 'Device'));
  const hid = aml.evaluate('\\_SB.VGEN._HID');
  t.true(hid instanceof fwlab.AmlString && hid.value === 'QEMUVGID', fwlab.toText(hid));
});

test('the public loader and ACPI tools read a real QEMU capture', async (t) => {
  const dir = fixturePath('qemu-7.2', 'q35-vmgenid', 'seabios', 'fwcfg-post');
  const files = await fwlab.loadFwCfgFiles(dir, undefined);
  const explained = fwlab.explainScript(files, dir);
  t.true(explained.some((c) => c.kind === 'WRITE_POINTER'), JSON.stringify(explained.map((c) => c.kind)));
  t.true(fwlab.lintScript(files, dir).seabiosAccepts);
  const run = fwlab.runScript(files, dir, 'seabios');
  t.true(run.result.ok);
  t.true(run.rsdp !== undefined);
  const tables = await fwlab.loadTables(dir, undefined);
  t.deepEqual(fwlab.diffTableSets(tables, tables), []);
  t.regex(fwlab.formatAcpidump(tables), /^DSDT @ 0x/m);
});

test('createMachine builds from QEMU-style options without running anything', (t) => {
  const m = fwlab.createMachine(['-machine', 'pc', '-m', '1G']);
  t.is(m.board.name, 'pc');
  t.is(m.ramLayout.below4g, 2 ** 30);
  t.is(m.clock.now(), 0);
  t.is(m.ramAllocated, 0);
});

test('boot runs the ROM from roms/ by path and reports its console', async (t) => {
  const { report } = await fwlab.boot(['-machine', 'q35'], { guest: 'none' });
  t.is(report.firmware?.name, 'fwlab-bios');
  t.true(report.firmware!.path.endsWith('roms/fwlab-bios.mjs'));
  t.true(report.firmware!.console.length > 0);
});

test('--bios loads a different ROM module', async (t) => {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'fwlab-rom-'));
  const rom = join(dir, 'other.mjs');
  writeFileSync(rom, `export const program = { name: 'other-rom', version: '9', run(wire) {
    for (const c of 'hello from another ROM') wire.out8(0x402, c.charCodeAt(0)); wire.out8(0x402, 10);
    return { kind: 'halt', reason: 'done' }; } };`);
  const { report } = await fwlab.boot(['-machine', 'pc'], { bios: rom, guest: 'none' });
  t.is(report.firmware?.name, 'other-rom');
  t.deepEqual(report.firmware?.console, ['hello from another ROM']);
  const bad = join(dir, 'bad.mjs');
  writeFileSync(bad, 'export const nothing = 1;');
  await t.throwsAsync(fwlab.boot([], { bios: bad, guest: 'none' }), { instanceOf: fwlab.UsageError, message: /not a fwlab program/ });
});

test('the report splits the debug console between the firmware and the guest at hand-over', async (t) => {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'fwlab-split-'));
  const say = (text: string) => `for (const c of ${JSON.stringify(text + '\n')}) wire.out8(0x402, c.charCodeAt(0));`;
  writeFileSync(join(dir, 'rom.mjs'), `export const program = { name: 'r', version: '1', run(wire) { ${say('post done')} return { kind: 'handover' }; } };`);
  writeFileSync(join(dir, 'os.mjs'), `export const program = { name: 'g', version: '1', run(wire) { ${say('os here')} return { kind: 'halt', reason: 'end' }; } };`);
  const { report } = await fwlab.boot([], { bios: join(dir, 'rom.mjs'), guest: join(dir, 'os.mjs') });
  t.deepEqual(report.firmware?.console, ['post done']);
  t.deepEqual(report.guest?.console, ['os here']);
  t.deepEqual(report.guest?.exit, { kind: 'halt', reason: 'end' });
});

test("--guest ospm names the built-in guest image; 'none' runs no guest", async (t) => {
  const named = await fwlab.boot(['-machine', 'pc'], { guest: 'ospm' });
  t.true(named.report.guest!.path.endsWith('roms/ospm.mjs'));
  const none = await fwlab.boot(['-machine', 'pc'], { guest: 'none' });
  t.is(none.report.guest, null);
});
