/**
 * The ICH9 AHCI HBA under guest misbehaviour: command lists, FIS areas, command tables and PRDTs
 * outside RAM, and a bus master that was never enabled. The machine never throws; the port reports
 * what AHCI 1.3 gives for it (PxCMD.ST/FRE not taking, PxIS.HBFS for a command table it cannot
 * fetch, PxIS.HBDS + TFES for a data buffer outside RAM) and keeps working once the guest recovers.
 * A snapshot carries the HBA's registers. Register behaviour for well-formed use is replayed against real QEMU in qtest-replay.test.ts.
 */
import test from 'ava';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { boot, createMachine, restoreMachine, saveSnapshot } from '../../src/machine/create-machine.js';
import type { Machine } from '../../src/machine/machine.js';
import { repoRoot } from '../helpers/paths.js';
import { prng } from '../helpers/prng.js';

const ABAR = 0xfebf1000;
const CLB = 0x100000;
const FB = 0x100400;
const CT = 0x100800;
const P0 = ABAR + 0x100;
const PX = { IS: 0x10, CMD: 0x18, TFD: 0x20, SERR: 0x30, CI: 0x38 } as const;

function machine(command = 0x7): Machine {
  const m = createMachine(['-machine', 'q35', '-nodefaults', '-drive', `file=${repoRoot()}/guest-images/bootsect-hello.img,format=raw,snapshot=on`]);
  m.reset();
  const cfg = (off: number, v: number): void => { m.ports.write(0xcf8, 4, 0x8000fa00 | off); m.ports.write(0xcfc, 4, v); };
  cfg(0x24, ABAR);
  cfg(0x04, command);
  return m;
}

const reg = (m: Machine, off: number): number => m.memory.read(P0 + off, 4);
const setReg = (m: Machine, off: number, v: number): void => m.memory.write(P0 + off, 4, v);

/** Port 0 running with a READ DMA EXT of LBA 1 whose one PRD points at `buffer`. */
function issueRead(m: Machine, buffer: number, table = CT): void {
  setReg(m, 0x00, CLB); setReg(m, 0x08, FB);
  setReg(m, PX.CMD, 0x17);
  m.memory.write(CLB, 4, (1 << 16) | 5);
  m.memory.write(CLB + 8, 4, table);
  m.memory.write(CLB + 12, 4, 0);
  m.memory.writeBytes(CT, Uint8Array.of(0x27, 0x80, 0x25, 0, 1, 0, 0, 0x40, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0));
  m.memory.write(CT + 0x80, 4, buffer);
  m.memory.write(CT + 0x84, 4, 0);
  m.memory.write(CT + 0x8c, 4, 511);
  setReg(m, PX.IS, 0xffffffff);
  setReg(m, PX.CI, 1);
}

test('a PRD pointing at MMIO or unmapped space: host bus data error and task file error, then recovery', (t) => {
  for (const buffer of [0xfed00000, 0xe0000000]) {
    const m = machine();
    issueRead(m, buffer);
    t.is(reg(m, PX.IS) >>> 0, (0x50000001 | 0) >>> 0, `PxIS for a buffer at ${buffer.toString(16)}`); // TFES | HBDS | DHRS
    t.is(reg(m, PX.TFD), 0x0441);
    t.is(reg(m, PX.CI), 1, 'the failed command stays issued');
    // Software recovery (AHCI 1.3 §6.2.2.1) makes the port usable again.
    setReg(m, PX.CMD, 0x16); setReg(m, PX.SERR, 0xffffffff); setReg(m, PX.IS, 0xffffffff);
    t.is(reg(m, PX.CI), 0);
    issueRead(m, 0x120000);
    t.is(reg(m, PX.TFD), 0x50);
    t.is(String.fromCharCode(...m.memory.readBytes(0x120000, 9)), 'text from');
  }
});

test('an NCQ read whose PRD points outside RAM: host bus data error, task file error, the tag not finished', (t) => {
  const m = machine();
  issueRead(m, 0xe0000000);
  setReg(m, PX.CMD, 0x16); setReg(m, PX.SERR, 0xffffffff); setReg(m, PX.IS, 0xffffffff); setReg(m, PX.CMD, 0x17);
  // READ FPDMA QUEUED, tag 2 (Count bits 7:3), one sector at LBA 1 (count in Features).
  m.memory.writeBytes(CT, Uint8Array.of(0x27, 0x80, 0x60, 1, 1, 0, 0, 0x40, 0, 0, 0, 0, 2 << 3, 0, 0, 0, 0, 0, 0, 0));
  setReg(m, PX.IS, 0xffffffff);
  setReg(m, 0x34, 4);
  setReg(m, PX.CI, 1);
  t.is(reg(m, PX.IS) >>> 0, 0x50000000); // TFES | HBDS, no SDBS
  t.is(reg(m, 0x34), 4, 'PxSACT keeps the tag');
  t.is(reg(m, PX.TFD), 0x0441);
  t.deepEqual([...m.memory.readBytes(FB + 0x58, 8)], [0xa1, 0x40, 0x41, 0x04, 0, 0, 0, 0]);
});

test('a command table outside RAM: host bus fatal error and the command is not run', (t) => {
  const m = machine();
  issueRead(m, 0x120000, 0xfff00000);
  t.is(reg(m, PX.IS) & 0x20000000, 0x20000000);
  t.is(reg(m, PX.CI), 1);
  t.deepEqual([...m.memory.readBytes(0x120000, 4)], [0, 0, 0, 0]);
});

test('a command list or FIS area outside RAM: ST and FRE do not take', (t) => {
  const m = machine();
  setReg(m, 0x00, 0xfebf0000); setReg(m, 0x08, 0xfff00000);
  setReg(m, PX.CMD, 0x17);
  t.is(reg(m, PX.CMD), 0x6);
});

test('with bus mastering disabled in the PCI command register the engines do not start', (t) => {
  const m = machine(0x2);
  setReg(m, 0x00, CLB); setReg(m, 0x08, FB);
  setReg(m, PX.CMD, 0x17);
  t.is(reg(m, PX.CMD), 0x6);
});

test('a snapshot keeps the port the firmware brought up: after restore its last command runs again', async (t) => {
  const version = 'ahci-test';
  const args = ['-machine', 'q35', '-m', '128M', '-nodefaults', '-drive', `file=${repoRoot()}/guest-images/bootsect-hello.img,format=raw,snapshot=on`];
  const { machine: a } = await boot(args);
  const abar = (m: Machine): number => { m.ports.write(0xcf8, 4, 0x8000fa24); return (m.ports.read(0xcfc, 4) & ~0xf) >>> 0; };
  const regs = (m: Machine): number[] => [0x00, 0x08, 0x10, 0x14, 0x18, 0x20, 0x24, 0x38].map((r) => m.memory.read(abar(m) + 0x100 + r, 4) >>> 0);
  const before = regs(a);
  t.is(before[4], 0xc017, 'PxCMD: FRE, FR, ST, CR');
  const snap = saveSnapshot(a, version);
  const b = createMachine(args);
  await restoreMachine(b, snap, 'test.snap', version);
  t.deepEqual(regs(b), before);
  b.memory.write(abar(b) + 0x110, 4, 0xffffffff);
  b.memory.write(abar(b) + 0x138, 4, 1);
  t.is(b.memory.read(abar(b) + 0x110, 4), 1, 'the command in slot 0 completed (DHRS)');
  t.is(b.memory.read(abar(b) + 0x120, 4), 0x50);
});

test('-snapshot keeps AHCI writes out of the image file', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'fwlab-ahci-snap-'));
  const file = join(dir, 'disk.img');
  writeFileSync(file, new Uint8Array(16 * 63 * 512));
  const m = createMachine(['-machine', 'q35', '-nodefaults', '-snapshot', '-hda', file]);
  m.reset();
  m.ports.write(0xcf8, 4, 0x8000fa24); m.ports.write(0xcfc, 4, ABAR);
  m.ports.write(0xcf8, 4, 0x8000fa04); m.ports.write(0xcfc, 4, 0x6);
  setReg(m, 0x00, CLB); setReg(m, 0x08, FB); setReg(m, PX.CMD, 0x17);
  m.memory.write(CLB, 4, (1 << 16) | (1 << 6) | 5);
  m.memory.write(CLB + 8, 4, CT);
  // WRITE DMA EXT of LBA 0 from 0x120000 (filled with 0x5a).
  m.memory.writeBytes(CT, Uint8Array.of(0x27, 0x80, 0x35, 0, 0, 0, 0, 0x40, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0));
  m.memory.write(CT + 0x80, 4, 0x120000);
  m.memory.write(CT + 0x8c, 4, 511);
  m.memory.writeBytes(0x120000, new Uint8Array(512).fill(0x5a));
  setReg(m, PX.CI, 1);
  t.is(reg(m, PX.TFD), 0x50);
  t.true(readFileSync(file).subarray(0, 512).every((b) => b === 0));
});

test('random register writes and random command tables never throw (seeded)', (t) => {
  const m = machine();
  const rnd = prng(32);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const u32 = (): number => Math.floor(rnd() * 2 ** 32);
  const addrs = [CLB, FB, CT, 0x120000, 0xfed00000, 0xe0000000, 0xfffff000, u32()];
  setReg(m, 0x00, CLB); setReg(m, 0x08, FB); setReg(m, PX.CMD, 0x17);
  t.notThrows(() => {
    for (let i = 0; i < 3000; i++) {
      const what = rnd();
      if (what < 0.3) m.memory.write(ABAR + (Math.floor(rnd() * 0x400) & ~3), 4, pick([u32(), 0x17, 0x16, 1, 0xffffffff, 0]));
      else if (what < 0.5) {
        m.memory.writeBytes(CT, Uint8Array.from({ length: 20 }, () => Math.floor(rnd() * 256)));
        m.memory.write(CT, 1, pick([0x27, 0x27, 0x27, 0x34, u32() & 0xff]));
        m.memory.write(CT + 1, 1, pick([0x80, 0x00, u32() & 0xff]));
        m.memory.write(CT + 2, 1, pick([0xec, 0x25, 0x35, 0x60, 0x61, 0xc8, 0x20, 0x30, u32() & 0xff]));
      } else if (what < 0.7) {
        m.memory.write(CLB, 4, u32() & 0xffff003f);
        m.memory.write(CLB + 8, 4, pick(addrs));
        m.memory.write(CT + 0x80, 4, pick(addrs));
        m.memory.write(CT + 0x8c, 4, pick([511, 255, 0x3fffff, u32()]));
      } else if (what < 0.85) {
        setReg(m, PX.CMD, pick([0x16, 0x17, 0x06]));
        setReg(m, 0x00, pick([CLB, CLB, u32()])); setReg(m, 0x08, pick([FB, FB, u32()]));
        setReg(m, PX.CMD, 0x17);
      } else {
        setReg(m, 0x34, u32());
        setReg(m, PX.CI, u32());
      }
    }
  });
  t.is(reg(m, 0x28), 0x113, 'the link is still up');
});
