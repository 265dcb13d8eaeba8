import test from 'ava';
import { readFileSync, readdirSync } from 'node:fs';
import { boot } from '../../src/machine/create-machine.js';
import { fixturePath } from '../helpers/paths.js';

/**
 * What SeaBIOS 1.16.2 leaves in the F-segment for an OS, against real memory: each configuration
 * of test/fixtures/qemu-7.2-bios-tables/ (captured by scripts/capture-bios-tables.mjs from QEMU 7.2
 * + Debian's bios-256k.bin) booted on fwlab with its TypeScript firmware. The $PIR, the MP table,
 * the SMBIOS entry point and tables and the RSDP must sit at SeaBIOS's addresses with its bytes.
 * Below the RSDP SeaBIOS's later POST allocates its own (drive records): not compared.
 */
const ROOT = fixturePath('qemu-7.2-bios-tables');
const FSEG_BASE = 0xf5000;
const ZONE_END = 0xf5d00;

interface Capture {
  readonly qemu: readonly string[];
  readonly smbios: readonly { entryPoint: string; address: string; length: number; data: string }[];
}

/** "Copying NAME ... to 0xADDR" lines: SeaBIOS's and fwlab's logs name the same tables. */
function copies(lines: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const l of lines) {
    const m = /^Copying (PIR|MPTABLE|SMBIOS(?: 3\.0)?) .*to 0x([0-9a-f]+)$/.exec(l);
    if (m) out[m[1]!] = parseInt(m[2]!, 16);
  }
  return out;
}

function rsdpIn(mem: Uint8Array, base: number): number | undefined {
  for (let o = 0; o + 8 <= mem.length; o += 16) if (Buffer.from(mem.subarray(o, o + 8)).toString('latin1') === 'RSD PTR ') return base + o;
  return undefined;
}

const names = readdirSync(ROOT, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
const configs = JSON.parse(readFileSync(`${ROOT}/configs.json`, 'utf8')) as Record<string, string[]>;

test('every capture directory is listed in configs.json', (t) => {
  t.deepEqual(names.filter((n) => !(n in configs)), []);
});

for (const name of names) {
  const cap = JSON.parse(readFileSync(`${ROOT}/${name}/capture.json`, 'utf8')) as Capture;
  const args = cap.qemu.slice(1);
  test(`${name}: ${args.join(' ')} → PIR, MP table, SMBIOS and RSDP where SeaBIOS puts them, byte for byte`, async (t) => {
    const theirs = new Uint8Array(readFileSync(`${ROOT}/${name}/fseg.bin`));
    const seabiosLog = readFileSync(`${ROOT}/${name}/debugcon.log`, 'latin1').split('\n');
    const { machine } = await boot(args, { guest: 'none' });
    const ours = new Uint8Array(theirs.length);
    for (let i = 0; i < ours.length; i++) ours[i] = machine.memory.read(FSEG_BASE + i, 1);
    const rsdp = rsdpIn(theirs, FSEG_BASE);
    t.truthy(rsdp, 'SeaBIOS put an RSDP into the captured range');
    t.is(rsdpIn(ours, FSEG_BASE), rsdp, 'RSDP address');
    t.deepEqual(copies(machine.debugConsole.lines), copies(seabiosLog), 'table addresses');
    const from = rsdp! - FSEG_BASE;
    t.is(Buffer.from(ours.subarray(from, ZONE_END - FSEG_BASE)).toString('hex'), Buffer.from(theirs.subarray(from, ZONE_END - FSEG_BASE)).toString('hex'));
    for (const s of cap.smbios) {
      const addr = parseInt(s.address, 16);
      const got = Buffer.alloc(s.length);
      for (let i = 0; i < s.length; i++) got[i] = machine.memory.read(addr + i, 1);
      t.is(got.toString('hex'), s.data, `SMBIOS tables at ${s.address}`);
    }
  });
}
