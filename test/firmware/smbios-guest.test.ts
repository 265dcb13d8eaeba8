import test from 'ava';
import { readFileSync } from 'node:fs';
import { boot } from '../../src/machine/create-machine.js';
import { fixturePath } from '../helpers/paths.js';

/**
 * The guest finds and parses the SMBIOS entry point the TypeScript firmware installed: the
 * addresses, length and structure count it reports are those of real QEMU 7.2 + SeaBIOS's memory
 * (capture.json, fseg.bin), its system identity the -smbios type=1 and -uuid values given.
 */
const ROOT = fixturePath('qemu-7.2-bios-tables');
const FSEG_BASE = 0xf5000;

interface Capture {
  readonly qemu: readonly string[];
  readonly smbios: readonly { entryPoint: string; address: string; length: number }[];
}

function expectedLine(name: string): string {
  const cap = JSON.parse(readFileSync(`${ROOT}/${name}/capture.json`, 'utf8')) as Capture;
  const fseg = readFileSync(`${ROOT}/${name}/fseg.bin`);
  const s = cap.smbios[0]!;
  const ep = parseInt(s.entryPoint, 16);
  const v3 = fseg[ep - FSEG_BASE + 3] === 0x33;
  const version = v3 ? `${fseg[ep - FSEG_BASE + 7]}.${fseg[ep - FSEG_BASE + 8]}` : `${fseg[ep - FSEG_BASE + 6]}.${fseg[ep - FSEG_BASE + 7]}`;
  const count = v3 ? undefined : fseg.readUInt16LE(ep - FSEG_BASE + 0x1c);
  return `ospm: smbios ${version} 0x${ep.toString(16)} table=${s.address} len=${s.length}` + (count === undefined ? '' : ` structures=${count}`);
}

test('pc with -uuid and -smbios type=0..17: the guest reads SeaBIOS\'s entry point and the system identity given', async (t) => {
  const cap = JSON.parse(readFileSync(`${ROOT}/pc-smbios-types/capture.json`, 'utf8')) as Capture;
  const { machine } = await boot(cap.qemu.slice(1));
  const lines = machine.debugConsole.lines;
  const dmi = lines.find((l) => l.startsWith('ospm: smbios '));
  t.is(dmi, `${expectedLine('pc-smbios-types')} checksum=ok`);
  t.true(lines.includes('ospm: smbios-system "Acme" "Box" "v1" serial="S123" uuid=0b6f3b0a-4a52-4d2c-9c35-2f6a1f0e3d11'), lines.join('\n'));
});

test('q35 with smbios-entry-point-type=64: the guest takes the _SM3_ entry point', async (t) => {
  const cap = JSON.parse(readFileSync(`${ROOT}/q35-ep64/capture.json`, 'utf8')) as Capture;
  const { machine } = await boot(cap.qemu.slice(1));
  const dmi = machine.debugConsole.lines.find((l) => l.startsWith('ospm: smbios '));
  t.regex(dmi ?? '', new RegExp(`^${expectedLine('q35-ep64').replace(/\./g, '\\.')} structures=\\d+ checksum=ok$`));
  t.true(dmi!.startsWith('ospm: smbios 3.0 '));
});
