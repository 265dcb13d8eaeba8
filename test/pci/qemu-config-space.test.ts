import test from 'ava';
import { readFileSync } from 'node:fs';
import { createMachine } from '../../src/machine/create-machine.js';
import type { Machine } from '../../src/machine/machine.js';
import { fixturePath } from '../helpers/paths.js';
import { cfgRead, cfgWrite } from './config-cycles.js';

/**
 * Register-by-register comparison with QEMU 7.2.22 itself: config spaces captured through
 * qtest by test/fixtures/qemu-7.2/pci-config/capture.py (power-on bytes, and what every
 * dword reads back after writing all-ones / all-zeros, restored after each probe).
 */
interface Capture {
  readonly args: string[];
  readonly bdf: string;
  readonly name: string;
  readonly config: string;
  readonly ones?: string;
  readonly zeros?: string;
  readonly extended?: string;
  /** Config writes made before reading (bus numbers behind a switch), re-made before each function. */
  readonly writes?: ReadonlyArray<readonly [number, number, number, number]>;
}

const captures = ['config-spaces.json', 'switch-config-spaces.json']
  .flatMap((f) => JSON.parse(readFileSync(fixturePath('qemu-7.2', 'pci-config', f), 'utf8')) as Capture[]);

const dwords = (hexText: string): number[] => {
  const b = Buffer.from(hexText, 'hex');
  return Array.from({ length: b.length / 4 }, (_, i) => b.readUInt32LE(4 * i));
};
const hex = (v: number) => `0x${v.toString(16).padStart(8, '0')}`;

/** What capture.py did before reading: MMCONFIG on, root ports 00:10.0/00:11.0 given buses 1 and 2. */
function prepare(m: Machine, c: Capture): void {
  if (c.writes) {
    for (const [bus, devfn, reg, value] of c.writes) cfgWrite(m, bus, devfn, reg, 4, value);
    return;
  }
  if (m.board.name !== 'q35') return;
  cfgWrite(m, 0, 0, 0x60, 4, 0xb0000001);
  cfgWrite(m, 0, 0x10 * 8, 0x18, 4, 0x00010100);
  cfgWrite(m, 0, 0x11 * 8, 0x18, 4, 0x00020200);
}

function diff(got: number[], want: number[], base: number): string[] {
  const out: string[] = [];
  want.forEach((w, i) => {
    if (got[i] !== w) out.push(`${hex(base + 4 * i)}: fwlab ${hex(got[i]!)} QEMU ${hex(w)}`);
  });
  return out;
}

for (const c of captures) {
  test(`config space like QEMU 7.2: ${c.bdf} ${c.name} (${c.args.slice(1, 2).join('')})`, (t) => {
    // The captures ran without -m: QEMU's default RAM (128 MiB) shows in i440FX's RAM-size register.
    const m = createMachine(c.args.includes('-m') ? c.args : [...c.args, '-m', '128M']);
    prepare(m, c);
    const bus = parseInt(c.bdf.slice(0, 2), 16);
    const devfn = parseInt(c.bdf.slice(3, 5), 16) * 8 + Number(c.bdf[6]);
    const got = Array.from({ length: 64 }, (_, i) => cfgRead(m, bus, devfn, 4 * i, 4));
    t.deepEqual(diff(got, dwords(c.config), 0), [], 'power-on bytes 0x00-0xff');
    if (c.extended) {
      const ext = Array.from({ length: 960 }, (_, i) => m.memory.read(0xb0000000 + bus * 2 ** 20 + devfn * 4096 + 256 + 4 * i, 4));
      t.deepEqual(diff(ext, dwords(c.extended), 0x100), [], 'extended space 0x100-0xfff through MMCONFIG');
    }
    if (c.ones && c.zeros) {
      const ones: number[] = [];
      const zeros: number[] = [];
      for (let r = 0; r < 256; r += 4) {
        const old = cfgRead(m, bus, devfn, r, 4);
        cfgWrite(m, bus, devfn, r, 4, 0xffffffff);
        ones.push(cfgRead(m, bus, devfn, r, 4));
        cfgWrite(m, bus, devfn, r, 4, old);
        cfgWrite(m, bus, devfn, r, 4, 0);
        zeros.push(cfgRead(m, bus, devfn, r, 4));
        cfgWrite(m, bus, devfn, r, 4, old);
      }
      t.deepEqual(diff(ones, dwords(c.ones), 0), [], 'read-back after writing all-ones (writable masks)');
      t.deepEqual(diff(zeros, dwords(c.zeros), 0), [], 'read-back after writing zeros');
    }
  });
}
