/**
 * Option ROMs in PCI ROM BARs as QEMU 7.2's pci_add_option_rom loads them: the file found on the
 * firmware search path (`-L DIR` first), the BAR the file size rounded up to a power of two, a
 * default ROM patched to the device's vendor/device ids with the byte at offset 6 keeping the
 * image's sum. The live test drives real QEMU through qtest (-L with a crafted ROM) and fwlab
 * through its ports with the same config cycles, and compares every value read back.
 */
import test from 'ava';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMachine } from '../../src/machine/create-machine.js';
import { patchPciIds } from '../../src/machine/roms/option-rom.js';
import { UsageError } from '../../src/lib/errors.js';
import { testWith } from '../helpers/reference.js';

/** A 70,000-byte ROM: 55AAh, a PCIR structure at 0x1c naming 1234:5678, and a marker at its end. */
function craftedRom(): Uint8Array {
  const rom = new Uint8Array(70_000);
  rom.set([0x55, 0xaa, 70_000 / 512 + 1, 0xcb, 0, 0, 0x5a]);
  rom[0x18] = 0x1c;
  rom.set([...'PCIR'].map((c) => c.charCodeAt(0)), 0x1c);
  rom.set([0x34, 0x12, 0x78, 0x56], 0x1c + 4);
  rom.set([0xde, 0xad, 0xbe, 0xef], 70_000 - 4);
  return rom;
}

const sum = (b: Uint8Array) => b.reduce((a, v) => (a + v) & 0xff, 0);

test('patchPciIds: a default ROM gets the device ids and keeps its byte sum (QEMU pci_patch_ids)', (t) => {
  const rom = craftedRom();
  const before = sum(rom);
  patchPciIds(rom, rom.length, 0x8086, 0x100e);
  t.deepEqual([...rom.subarray(0x20, 0x24)], [0x86, 0x80, 0x0e, 0x10]);
  t.is(sum(rom), before);
  const noSignature = craftedRom();
  noSignature[0] = 0;
  patchPciIds(noSignature, noSignature.length, 0x8086, 0x100e);
  t.deepEqual([...noSignature.subarray(0x20, 0x24)], [0x34, 0x12, 0x78, 0x56]);
});

test('a romfile= that is missing or empty is QEMU\'s error', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'fwlab-rom-'));
  writeFileSync(join(dir, 'empty.rom'), new Uint8Array(0));
  t.throws(() => createMachine(['-nodefaults', '-device', 'e1000,romfile=nope.rom']), { instanceOf: UsageError, message: '-device e1000: failed to find romfile "nope.rom"' });
  t.throws(() => createMachine(['-nodefaults', '-L', dir, '-device', 'e1000,romfile=empty.rom']), { instanceOf: UsageError, message: '-device e1000: romfile "empty.rom" is empty' });
});

const CFG = (0x80000000 | (3 << 11)) >>> 0;
/** The config cycles and reads both machines get: size the ROM BAR, place it, enable it, read it. */
const STEPS: readonly (readonly ['outl', number, number] | readonly ['inl', number] | readonly ['readl', number])[] = [
  ['outl', 0xcf8, (CFG | 0x30) >>> 0], ['outl', 0xcfc, 0xffffffff], ['outl', 0xcf8, (CFG | 0x30) >>> 0], ['inl', 0xcfc],
  ['outl', 0xcf8, (CFG | 0x30) >>> 0], ['outl', 0xcfc, 0xfe000001], ['outl', 0xcf8, (CFG | 0x04) >>> 0], ['outl', 0xcfc, 0x00000002],
  ...[0, 4, 0x18, 0x1c, 0x20, 0x24, 70_000 - 4, 0x1fffc].map((o) => ['readl', 0xfe000000 + o] as const),
];

function fwlabRun(args: readonly string[]): string[] {
  const m = createMachine(args);
  const out: string[] = [];
  for (const s of STEPS) {
    if (s[0] === 'outl') m.ports.write(s[1], 4, s[2]);
    else if (s[0] === 'inl') out.push(`inl ${s[1].toString(16)} = ${(m.ports.read(s[1], 4) >>> 0).toString(16)}`);
    else out.push(`readl ${s[1].toString(16)} = ${(m.memory.read(s[1], 4) >>> 0).toString(16)}`);
  }
  return out;
}

/** Real QEMU under qtest: one reply line per command (QEMU does not exit at the end of its input). */
async function qemuRun(args: readonly string[]): Promise<string[]> {
  const commands = STEPS.map((s) => (s[0] === 'outl' ? `outl 0x${s[1].toString(16)} 0x${s[2].toString(16)}` : `${s[0]} 0x${s[1].toString(16)}`));
  const q = spawn('qemu-system-x86_64', [...args, '-display', 'none', '-S', '-qtest', 'stdio', '-qtest-log', '/dev/null'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const replies = await new Promise<string[]>((resolve, reject) => {
    const got: string[] = [];
    let buf = '';
    const timer = setTimeout(() => { q.kill(); reject(new Error(`qemu answered ${got.length} of ${commands.length}`)); }, 60_000);
    q.on('error', reject);
    q.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      for (let i; (i = buf.indexOf('\n')) >= 0;) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        if (/^(OK|FAIL|ERR)/.test(line)) got.push(line);
      }
      if (got.length === commands.length) { clearTimeout(timer); q.kill(); resolve(got); }
    });
    q.stdin.write(commands.join('\n') + '\n');
  });
  return STEPS.flatMap((s, i) => (s[0] === 'outl' ? [] : [`${s[0]} ${s[1].toString(16)} = ${(Number.parseInt(replies[i]!.split(' ')[1] ?? '', 16) >>> 0).toString(16)}`]));
}

testWith(['qemu'])('-L DIR: the ROM BAR of e1000 (size, patched ids, contents, zero padding) reads as on QEMU 7.2', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'fwlab-rom-'));
  writeFileSync(join(dir, 'efi-e1000.rom'), craftedRom());
  const args = ['-machine', 'pc', '-nodefaults', '-L', dir, '-device', 'e1000,addr=3'];
  const qemu = await qemuRun(args);
  t.is(qemu.length, 9, qemu.join('\n'));
  t.deepEqual(fwlabRun(args), qemu);
  // The ids were patched: QEMU's own answer says so (8086:100e), not fwlab's.
  t.true(qemu.includes('readl fe000020 = 100e8086'), qemu.join('\n'));
});
