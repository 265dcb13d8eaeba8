/**
 * A string write to the legacy VGA window (rep stos/movs; the firmware's mode-3 clear) goes through
 * VgaCore.writeMemFrom, which takes the odd/even text mapping without a call per byte (decision 0057).
 * It must leave VGA memory exactly as the same bytes written one by one through writeMem, QEMU's
 * vga_mem_writeb (test/devices/vga-lowmem.test.ts checks that path against QEMU), in every memory
 * map, plane mask and mode, including runs that leave the window or wrap at 128 KiB.
 */
import test from 'ava';
import { RamBlock } from '../../src/machine/bus/ram-block.js';
import { VgaCore } from '../../src/machine/devices/vga/vga-core.js';

const VRAM = 16 * 1024 * 1024;

/** Sequencer and graphics registers as [index port, index, value], after MSR 0x67. */
type Setup = ReadonlyArray<readonly [number, number, number]>;

const TEXT: Setup = [[0x3c4, 2, 0x03], [0x3c4, 4, 0x02], [0x3ce, 4, 0x00], [0x3ce, 5, 0x10], [0x3ce, 6, 0x0e]];

function setups(): Array<[string, Setup]> {
  const out: Array<[string, Setup]> = [];
  for (const map of [0, 1, 2, 3]) {
    for (const planes of [0x03, 0x01, 0x02, 0x0c, 0x0f, 0x00]) {
      for (const readPlane of [0, 2]) {
        out.push([`odd/even map ${map} planes ${planes} read ${readPlane}`, [[0x3c4, 2, planes], [0x3c4, 4, 0x02], [0x3ce, 4, readPlane], [0x3ce, 5, 0x10], [0x3ce, 6, map << 2]]]);
      }
    }
    out.push([`chain4 map ${map}`, [[0x3c4, 2, 0x0f], [0x3c4, 4, 0x0e], [0x3ce, 5, 0x40], [0x3ce, 6, (map << 2) | 1]]]);
    out.push([`planar write mode 0 map ${map}`, [[0x3c4, 2, 0x0f], [0x3c4, 4, 0x06], [0x3ce, 5, 0x00], [0x3ce, 6, (map << 2) | 1], [0x3ce, 8, 0x5a], [0x3ce, 3, 0x0b]]]);
  }
  out.push(['text mode 3 (QEMU after SeaVGABIOS)', TEXT]);
  return out;
}

function core(setup: Setup): VgaCore {
  const c = new VgaCore(new RamBlock('vram', VRAM));
  c.writePort(0x3c2, 0x67);
  for (const [port, index, value] of setup) {
    c.writePort(port, index);
    c.writePort(port + 1, value);
  }
  return c;
}

test('writeMemFrom leaves VGA memory as writeMem byte by byte does', (t) => {
  const data = new Uint8Array(0x9000);
  for (let i = 0; i < data.length; i++) data[i] = (i * 37 + 11) & 0xff;
  const runs: Array<[number, number, number]> = [
    [0x18000, 0, 0x8000], [0x18001, 3, 0x7fff], [0x0, 0, 0x9000], [0xfff0, 5, 0x40], [0x17ff0, 0, 0x30],
    [0x1fff0, 1, 0x40], [0x10000, 0, 0x8000], [0x12345, 7, 1], [0x1ffff, 0, 2],
  ];
  for (const [name, setup] of setups()) {
    const fast = core(setup);
    const slow = core(setup);
    for (const [offset, from, length] of runs) {
      fast.writeMemFrom(offset, data, from, length);
      for (let i = 0; i < length; i++) slow.writeMem(offset + i, data[from + i]!);
    }
    let differ = -1;
    for (let a = 0; a < 0x40000 && differ < 0; a++) if (fast.vram.read8(a) !== slow.vram.read8(a)) differ = a;
    t.is(differ, -1, name);
  }
});
