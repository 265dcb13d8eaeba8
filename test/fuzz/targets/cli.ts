/**
 * cli: every command and option of `fwlab` with a malformed value (empty, signs, overflow, units,
 * separators, NULs, paths that are directories or missing...) or an arbitrary string, run in process
 * through `main` as bin/fwlab.js does. The oracle: never exit 70 ("internal error"), and a usage
 * error (exit 2) is exactly one line. Commands that would write where a random string points, wait on
 * stdin (--monitor) or start QEMU (capture) get only values that cannot create anything.
 */
import fc from 'fast-check';
import { main } from '../../../src/cli.js';
import { fixturePath } from '../../helpers/paths.js';
import { OracleViolation } from '../target.js';
import type { FuzzCase, FuzzTarget } from '../target.js';

const AML = fixturePath('aml', 'main.aml');
const CAPTURE = fixturePath('qemu-7.2', 'q35-vmgenid', 'seabios', 'fwcfg-post');
const DSDT = fixturePath('qemu-7.2', 'q35-vmgenid', 'seabios', 'acpi-installed', 'dsdt.dat');

/** Values a user might mistype, and values that break naive parsers. */
export const MALFORMED: readonly string[] = [
  '', ' ', '-', '--', '0', '-1', '1', '0x', '0x1g', '08', '1.5', '1e309', 'NaN', 'Infinity', '99999999999999999999',
  '18446744073709551616', '4294967296', '1K', '1T', '1P', '1E', '512Q', ',', ',,', '=', 'a=b', 'a=', '=b', 'x,y=z,,',
  'id=', 'bus=', 'addr=0x20.9', '\u0000', 'é', '..', '.', '/', '/dev/null', '/proc/self/fd', '/nonexistent/x', 'zz:zz',
  ':', 'unix:', 'f'.repeat(300), '%s%n', 'help', '?', 'on', 'off', 'true',
];
/** Values safe where the CLI creates files: every one of them is refused or names nothing creatable. */
const NOT_CREATABLE: readonly string[] = ['', '.', '/', '/dev/null', '/proc/self/fd', '/nonexistent/x', '..', CAPTURE];

/** Each template: argv with one `V` slot; `safe` templates take only NOT_CREATABLE values. */
const TEMPLATES: ReadonlyArray<{ readonly argv: readonly string[]; readonly safe?: boolean }> = [
  ...['-machine', '-M', '-m', '-device', '-object', '-serial', '-uuid', '-smp', '-cpu', '-chardev', '-rtc', '-fw_cfg',
    '--firmware', '--loader-policy', '--guest-os', '--bios', '--guest', '-net', '-accel', '-drive'].map((o) => ({ argv: ['boot', '--guest', 'none', o, 'V'] })),
  ...['q35,V', 'pc,V', 'q35,nvdimm=V', 'pc,accel=V'].map((m) => ({ argv: ['boot', '--guest', 'none', '-machine', m] })),
  ...['vmgenid,guid=V', 'e1000,mac=V', 'nvme,serial=x,id=V', 'pcie-root-port,chassis=V', 'pci-bridge,chassis_nr=V', 'e1000,bus=V', 'e1000,addr=V',
    'vmgenid,V', 'V,id=x', 'nvdimm,memdev=V'].map((d) => ({ argv: ['boot', '--guest', 'none', '-device', d] })),
  ...['V,slots=2,maxmem=4G', '1G,slots=V', '1G,maxmem=V'].map((m) => ({ argv: ['boot', '--guest', 'none', '-m', m] })),
  { argv: ['boot', '--guest', 'none', '-object', 'memory-backend-ram,id=m0,size=V'] },
  { argv: ['boot', '--guest', 'none', '-fw_cfg', 'name=opt/x,string=V'] },
  { argv: ['boot', '--guest', 'none', '-fw_cfg', 'name=V,string=x'] },
  { argv: ['boot', '--guest', 'none', '-rtc', 'base=V'] },
  { argv: ['boot', '--guest', 'none', '--report', 'V'], safe: true },
  { argv: ['boot', '--guest', 'none', '--json', 'V'] },
  { argv: ['boot', 'V'] },
  { argv: ['aml', 'eval', AML, 'V'] },
  { argv: ['aml', 'eval', 'V'] },
  { argv: ['aml', 'eval', AML, '\\MAIN', 'V'] },
  { argv: ['aml', 'run', 'V'] },
  { argv: ['aml', 'namespace', 'V'] },
  { argv: ['aml', 'V', AML] },
  { argv: ['aml', 'run', AML, '--while-loop-timeout', 'V'] },
  { argv: ['aml', 'run', AML, '--expect', 'V'] },
  { argv: ['aml', 'run', AML, '--extra-tables', 'V'] },
  ...['explain', 'lint', 'why', 'run', 'diff'].map((c) => ({ argv: ['loader', c, 'V'] })),
  { argv: ['loader', 'run', CAPTURE, '--ram', 'V'] },
  { argv: ['loader', 'run', CAPTURE, '--policy', 'V'] },
  { argv: ['loader', 'lint', CAPTURE, '--fail-on', 'V'] },
  { argv: ['loader', 'why', CAPTURE, 'V'] },
  { argv: ['loader', 'explain', 'machine:V'] },
  { argv: ['loader', 'diff', CAPTURE, 'V'] },
  { argv: ['loader', 'run', CAPTURE, '--dump', 'V'], safe: true },
  ...['dump', 'disasm', 'check'].map((c) => ({ argv: ['acpi', c, 'V'] })),
  { argv: ['acpi', 'diff', DSDT, 'V'] },
  { argv: ['acpi', 'disasm', DSDT, '--table', 'V'] },
  { argv: ['acpi', 'snapshot', 'V'], safe: true },
  { argv: ['fwcfg', 'dump', 'V'], safe: true },
  { argv: ['fwcfg', 'dump', '/nonexistent/out', '--bios', 'V'] },
  { argv: ['capture', 'V'], safe: true },
  { argv: ['help', 'V'] },
  { argv: ['V'] },
];

export interface CliCase {
  readonly template: number;
  readonly value: string;
}

export function argvOf(c: CliCase): string[] {
  const t = TEMPLATES[c.template % TEMPLATES.length]!;
  const value = t.safe ? NOT_CREATABLE[Math.abs(hash(c.value)) % NOT_CREATABLE.length]! : c.value;
  return t.argv.map((a) => (a === 'V' ? value : a.replace(/V/, value)));
}

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  return h;
}

/** Runs `fwlab ARGV` in process; returns the exit code, or throws when the oracle says no. */
export async function runCli(argv: readonly string[]): Promise<number> {
  let err = '';
  const write = process.stderr.write;
  process.stderr.write = ((chunk: string | Uint8Array) => {
    err += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
    return true;
  }) as typeof process.stderr.write;
  let code: number;
  try {
    code = await main(argv, { out: () => {}, warn: () => {} });
  } finally {
    process.stderr.write = write;
  }
  if (code === 70 || /internal error/.test(err)) throw new OracleViolation(`exit ${code}: ${err.trim().split('\n')[0]}`);
  if (code === 2 && err.trimEnd().split('\n').length !== 1) throw new OracleViolation(`exit 2 with ${err.trimEnd().split('\n').length} lines: ${err.trim()}`);
  return code;
}

export const target: FuzzTarget<CliCase> = {
  name: 'cli',
  summary: `${TEMPLATES.length} command/option templates × ${MALFORMED.length} malformed values or arbitrary strings, in process`,
  batchSize: 5_000,
  unavailable: () => undefined,
  async prepare(): Promise<FuzzCase<CliCase>> {
    const arbitrary = fc.record({
      template: fc.nat({ max: TEMPLATES.length - 1 }),
      value: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...MALFORMED) }, { weight: 1, arbitrary: fc.string({ maxLength: 40 }) }),
    });
    return {
      arbitrary,
      async: true,
      matrix: matrix(),
      run: async (c) => ({ typed: (await runCli(argvOf(c))) === 0 ? 0 : 1 }),
      describe: (c) => `fwlab ${argvOf(c).map((a) => JSON.stringify(a)).join(' ')}`,
    };
  },
};

/** The full matrix: every template with every malformed value (the campaign's deterministic part). */
export function matrix(): CliCase[] {
  return TEMPLATES.flatMap((_t, template) => MALFORMED.map((value) => ({ template, value })));
}
