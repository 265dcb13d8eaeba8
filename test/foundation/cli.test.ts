import test from 'ava';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../helpers/paths.js';

const bin = join(repoRoot(), 'bin', 'fwlab.js');
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

const BAD: Array<[string[], RegExp]> = [
  [['-device', 'no-such-thing'], /^fwlab: -device no-such-thing: unknown device driver 'no-such-thing'/],
  [['-device', 'isa-debugcon,colour=red'], /unknown property 'colour'/],
  [['-m', 'lots'], /^fwlab: -m lots: bad memory size/],
  [['-machine', 'z80'], /unknown machine type 'z80'/],
  [['-object', 'memory-backend-ram,id=a,size=1M', '-object', 'memory-backend-ram,id=a,size=1M'], /duplicate id 'a'/],
  [['-smp', '3,cores=2'], /^fwlab: -smp 3,cores=2: Invalid CPU topology: product of the hierarchy must match maxcpus/],
  [['--frobnicate'], /unknown option '--frobnicate'/],
];

for (const [args, message] of BAD) {
  test(`fwlab boot ${args.join(' ')} → one line naming the problem, exit 2`, (t) => {
    const r = run('boot', ...args);
    t.is(r.status, 2);
    t.regex(r.stderr, message);
    t.is(r.stderr.trim().split('\n').length, 1, 'exactly one line, no stack trace');
    t.is(r.stdout, '');
  });
}

test('fwlab boot prints a boot report with the board, memory map and devices', (t) => {
  const r = run('boot', '-machine', 'pc', '-m', '512M', '--guest', 'none');
  t.is(r.status, 0, r.stderr);
  t.regex(r.stdout, /^fwlab: pc \(Standard PC \(i440FX \+ PIIX, 1996\)/);
  t.regex(r.stdout, /0x0 +\+0x20000000 +RAM/);
  t.regex(r.stdout, /isa-debugcon/);
  t.regex(r.stdout, /Firmware fwlab-bios/);
});

test('fwlab boot -m 64G stays under 200 MB of resident memory', (t) => {
  const script = `const { main } = await import(${JSON.stringify(join(repoRoot(), 'dist', 'cli.js'))});
    let out = ''; const code = await main(['boot', '-machine', 'q35', '-m', '64G', '--json', '--guest', 'none'], { out: (s) => { out += s; } });
    const r = JSON.parse(out);
    console.log(JSON.stringify({ code, maxRssKb: process.resourceUsage().maxRSS, above4g: r.memory.above4g }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  t.is(r.status, 0, r.stderr);
  const result = JSON.parse(r.stdout) as { code: number; maxRssKb: number; above4g: string };
  t.is(result.code, 0);
  t.is(result.above4g, '0xf80000000');
  t.log(`peak RSS ${(result.maxRssKb / 1024).toFixed(1)} MB`);
  t.true(result.maxRssKb < 200 * 1024, `peak RSS ${result.maxRssKb} KiB`);
});

test('-fw_cfg serves a user file; --loader-policy reaches the firmware through it', (t) => {
  const r = run('boot', '--loader-policy', 'strict', '-fw_cfg', 'name=opt/org.example/hello,string=hi', '--json', '--guest', 'none');
  t.is(r.status, 0, r.stderr);
  const report = JSON.parse(r.stdout) as { sections: { fw_cfg: string[] }; firmware: { console: string[] } };
  t.true(report.sections.fw_cfg.some((l) => l.endsWith(' opt/org.example/hello (2)')), report.sections.fw_cfg.join('\n'));
  t.true(report.sections.fw_cfg.some((l) => l.endsWith(' opt/fwlab/loader-policy (6)')));
  t.true(report.firmware.console.some((l) => /policy strict/.test(l)), report.firmware.console.join('\n'));
  const bad = run('boot', '--loader-policy', 'lenient');
  t.is(bad.status, 2);
  t.regex(bad.stderr, /^fwlab: --loader-policy lenient: expected seabios, ovmf, strict/);
  const both = run('boot', '-fw_cfg', 'name=opt/x,string=a,file=/etc/hostname');
  t.is(both.status, 2);
  t.regex(both.stderr, /exactly one of file= and string=/);
});

test('fwlab aml eval names a missing table file in one line, exit 2', (t) => {
  const r = run('aml', 'eval', '/nonexistent/dsdt.aml', '\\_SB.X');
  t.is(r.status, 2);
  t.is(r.stderr, 'fwlab: /nonexistent/dsdt.aml: no such table file\n');
});
