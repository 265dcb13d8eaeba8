// Every user mistake is one line on stderr and exit 2, never an internal error; results that are
// wrong are never "ok". One table of bad inputs, each run through bin/fwlab.js as a user would.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturePath, repoRoot } from '../helpers/paths.js';

const bin = join(repoRoot(), 'bin', 'fwlab.js');
const capture = fixturePath('qemu-7.2', 'q35-vmgenid', 'seabios', 'fwcfg-post');
const tmp = mkdtempSync(join(tmpdir(), 'fwlab-bad-'));
const at = (...p: string[]) => join(tmp, ...p);

mkdirSync(at('a-dir'));
writeFileSync(at('a-file'), 'x');
mkdirSync(at('not-empty'));
writeFileSync(at('not-empty', 'keep'), 'x');
mkdirSync(at('not-json'));
writeFileSync(at('not-json', 'index.json'), '{ "name": ');
writeFileSync(at('not-json', 'etc__table-loader'), new Uint8Array(128));
mkdirSync(at('with-subdir', 'nested'), { recursive: true });
writeFileSync(at('with-subdir', 'etc__table-loader'), new Uint8Array(128));
cpSync(capture, at('bad-size'), { recursive: true });
appendFileSync(at('bad-size', 'etc__acpi__rsdp'), new Uint8Array([0]));
mkdirSync(at('tables'));
cpSync(fixturePath('qemu-7.2', 'q35-vmgenid', 'seabios', 'acpi-installed', 'dsdt.dat'), at('tables', 'dsdt.dat'));
writeFileSync(at('tables', 'junk.dat'), 'not a table at all');

interface Case {
  readonly args: readonly string[];
  readonly code: number;
  /** stderr, as a whole when `code` is 2 (exactly one line), else one of its lines. */
  readonly stderr?: RegExp;
  readonly stdout?: RegExp;
}

const CASES: readonly Case[] = [
  { args: ['boot', '-fw_cfg', 'name=etc/acpi/tables,string=x'], code: 2, stderr: /^fwlab: -fw_cfg name=etc\/acpi\/tables: the machine provides fw_cfg file 'etc\/acpi\/tables' itself/ },
  { args: ['boot', '--bios', at('a-dir')], code: 2, stderr: /^fwlab: --bios .*a-dir: is a directory, not a file$/ },
  { args: ['boot', '--bios', at('missing.mjs')], code: 2, stderr: /^fwlab: --bios .*missing\.mjs: no such file$/ },
  { args: ['boot', '--guest', at('a-dir')], code: 2, stderr: /^fwlab: --guest .*a-dir: is a directory/ },
  { args: ['boot', '--report', at('a-dir')], code: 2, stderr: /^fwlab: --report .*a-dir: is a directory, not a file$/ },
  { args: ['boot', '--report', at('missing', 'r.html')], code: 2, stderr: /^fwlab: --report .*r\.html: directory .*missing does not exist$/ },
  { args: ['boot', '--monitor', `unix:${at('a-dir')}`], code: 2, stderr: /^fwlab: --monitor unix: .*a-dir: already exists and is not a socket$/ },
  { args: ['boot', '--monitor', `unix:${at('a-file')}`], code: 2, stderr: /already exists and is not a socket$/ },
  { args: ['boot', '--monitor', `unix:${at('missing', 'sock')}`], code: 2, stderr: /^fwlab: --monitor unix: .*sock: directory .*missing does not exist$/ },
  { args: ['fwcfg', 'dump', at('a-file')], code: 2, stderr: /^fwlab: fwcfg dump .*a-file: already exists and is not a directory$/ },
  { args: ['fwcfg', 'dump', at('not-empty')], code: 2, stderr: /already exists and is not empty$/ },
  { args: ['fwcfg', 'dump', at('missing', 'out')], code: 2, stderr: /^fwlab: fwcfg dump .*out: directory .*missing does not exist$/ },
  { args: ['fwcfg', 'dump', at('out'), '--bios', at('a-dir')], code: 2, stderr: /is a directory, not a file$/ },
  { args: ['loader', 'explain', at('not-json')], code: 2, stderr: /^fwlab: .*not-json\/index\.json: not JSON/ },
  { args: ['acpi', 'dump', at('not-json')], code: 2, stderr: /^fwlab: .*not-json\/index\.json: not JSON/ },
  { args: ['loader', 'lint', at('with-subdir')], code: 2, stderr: /^fwlab: .*with-subdir: has a sub-directory 'nested'/ },
  { args: ['boot', '-device', 'e1000,mac=zz'], code: 2, stderr: /^fwlab: -device e1000: property 'mac' expects a MAC address like 52:54:00:12:34:56, got 'zz'$/ },
  { args: ['aml', 'eval', fixturePath('aml', 'main.aml'), ''], code: 2, stderr: /^fwlab: aml eval: the object path is empty/ },
  { args: ['loader', 'run', capture, '--ram', '0'], code: 2, stderr: /^fwlab: --ram 0: must be more than 1 MiB/ },
  { args: ['loader', 'run', capture, '--dump', at('a-file')], code: 2, stderr: /already exists and is not a directory$/ },
  // Wrong results are findings, never "ok".
  { args: ['loader', 'lint', at('bad-size'), '--fail-on', 'error'], code: 1, stdout: /^error +script capture-index: .*etc__acpi__rsdp: 21 bytes, index\.json says 20/m },
  { args: ['loader', 'explain', at('bad-size')], code: 0, stderr: /^fwlab: warning: .*etc__acpi__rsdp: 21 bytes, index\.json says 20 for etc\/acpi\/rsdp$/m },
  { args: ['boot', '-m', '1', '--guest', 'none'], code: 0, stdout: /^Linker-loader: FAILED, the guest has no usable ACPI tables: /m },
  { args: ['acpi', 'dump', at('tables')], code: 0, stderr: /^fwlab: warning: .*junk\.dat: no ACPI table signature/m, stdout: /^DSDT @ 0x0+$[\s\S]*^\?\?\?\? @ 0x0+$/m },
  // Accepted QEMU options that change nothing are named, on one line.
  // (-net none is not among them: it drops the default NIC, as on QEMU; -net user creates a NIC fwlab does not model.)
  { args: ['boot', '-net', 'none', '-net', 'user', '-accel', 'tcg', '-display', 'none', '--guest', 'none'], code: 0,
    stderr: /^fwlab: warning: accepted for QEMU compatibility but ignored: -net user, -accel tcg, -display none$/m },
  // -global: QEMU's own messages for a property the driver lacks and a value of the wrong type;
  // a global no device of the board takes is named in the warning line (QEMU: "global ... not used").
  { args: ['boot', '-global', 'PIIX4_PM.foo=1', '--guest', 'none'], code: 2, stderr: /^fwlab: can't apply global PIIX4_PM\.foo=1: Property 'PIIX4_PM\.foo' not found$/ },
  { args: ['boot', '-global', 'PIIX4_PM.disable_s3=on', '--guest', 'none'], code: 2, stderr: /^fwlab: can't apply global PIIX4_PM\.disable_s3=on: Parameter 'disable_s3' expects uint64$/ },
  { args: ['boot', '-global', 'fw_cfg.dma_enabled=1', '--guest', 'none'], code: 2, stderr: /^fwlab: can't apply global fw_cfg\.dma_enabled=1: Parameter 'dma_enabled' expects 'on' or 'off'$/ },
  // QEMU 7.2 (live: qemu-system-x86_64 -machine q35 -global fw_cfg.dma_enabled=off -device vmgenid).
  { args: ['boot', '-machine', 'q35', '-global', 'fw_cfg.dma_enabled=off', '-device', 'vmgenid', '--guest', 'none'], code: 2,
    stderr: /^fwlab: -device vmgenid: vmgenid requires DMA write support in fw_cfg, which this machine type does not provide$/ },
  { args: ['boot', '-global', 'e1000.foo=1', '--guest', 'none'], code: 2, stderr: /^fwlab: -global e1000\.foo=1: fwlab has no driver 'e1000' with global properties/ },
  { args: ['boot', '-machine', 'q35', '-global', 'PIIX4_PM.disable_s3=1', '-display', 'none', '--guest', 'none'], code: 0,
    stderr: /^fwlab: warning: accepted for QEMU compatibility but ignored: -global PIIX4_PM\.disable_s3=1 \(not used on q35\), -display none$/m },
];

for (const c of CASES) {
  test(`fwlab ${c.args.map((a) => a.replace(tmp, '$TMP') || "''").join(' ')} → exit ${c.code}`, (t) => {
    const r = spawnSync(process.execPath, [bin, ...c.args], { encoding: 'utf8' });
    t.is(r.status, c.code, r.stderr);
    t.notRegex(r.stderr, /internal error|\n\s+at /, 'no internal error, no stack trace');
    if (c.code === 2) t.is(r.stderr.trimEnd().split('\n').length, 1, 'exactly one line');
    if (c.stderr) t.regex(r.stderr.trimEnd(), c.stderr);
    if (c.stdout) t.regex(r.stdout, c.stdout);
  });
}
