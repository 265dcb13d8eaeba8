/**
 * -boot as QEMU 7.2 takes it: for each -boot option scripts/capture-boot-order.mjs ran through Debian's
 * QEMU (test/fixtures/qemu-7.2/boot-order.json), fwlab's machine holds the same CMOS boot bytes (0x3D,
 * 0x38), fw_cfg FW_CFG_BOOT_MENU and bootorder / etc/boot-menu-wait / etc/boot-fail-wait files before
 * any firmware runs, or refuses the option with QEMU's message. Then both firmwares honour the order:
 * with a bootable disk and the El Torito probe CD, `order=c` boots the disk and `order=dc` (or
 * `order=c,once=d`) the CD; COM1 is what QEMU + SeaBIOS printed with the same options
 * (test/fixtures/guest-images/boot-order-*, scripts/capture-guest-images.mjs).
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMachine } from '../../src/machine/create-machine.js';
import { runRawFirmware } from '../../src/machine/raw-firmware.js';
import { bootMachine } from '../../src/inspect.js';
import type { Machine } from '../../src/machine/machine.js';
import { fixturePath, repoRoot } from '../helpers/paths.js';
import { testWith } from '../helpers/reference.js';

interface Run {
  readonly board: 'pc' | 'q35';
  readonly boot: string | null;
  readonly error?: string;
  readonly cmos3d?: number;
  readonly cmos38?: number;
  readonly bootMenu?: string;
  readonly files?: Record<string, string>;
}

const captured = JSON.parse(readFileSync(fixturePath('qemu-7.2', 'boot-order.json'), 'utf8')) as { results: Run[] };

function cmos(m: Machine, index: number): number {
  m.ports.write(0x70, 1, index);
  return m.ports.read(0x71, 1);
}

/** An fw_cfg item's bytes through the selector and data ports, as firmware reads them. */
function fwCfgItem(m: Machine, key: number, length: number): string {
  m.ports.write(0x510, 2, key);
  return Buffer.from(Array.from({ length }, () => m.ports.read(0x511, 1))).toString('hex');
}

test('the capture covers the -boot forms and QEMU\'s refusals', (t) => {
  t.is(captured.results.length, 54);
  t.true(captured.results.some((r) => r.boot === 'd' && r.cmos3d === 0x03));
  t.true(captured.results.some((r) => r.error === "qemu-system-x86_64: Too many boot devices for PC"));
});

for (const run of captured.results) {
  const args = ['-machine', run.board, '-nodefaults', ...(run.boot === null ? [] : ['-boot', run.boot])];
  test(`${args.join(' ')}: ${run.error ? 'refused as by QEMU 7.2' : 'CMOS boot bytes and fw_cfg boot items as QEMU 7.2\'s'}`, (t) => {
    if (run.error) {
      t.throws(() => createMachine(args), { name: 'UsageError', message: run.error.replace(/^qemu-system-x86_64: /, '') });
      return;
    }
    const m = createMachine(args);
    m.reset();
    t.is(cmos(m, 0x3d), run.cmos3d!);
    t.is(cmos(m, 0x38), run.cmos38!);
    t.is(fwCfgItem(m, 0x0e, 2), run.bootMenu!);
    for (const [name, hex] of Object.entries(run.files ?? {})) {
      t.is(Buffer.from(m.fwCfg.file(name) ?? []).toString('hex'), hex, name);
    }
    t.is(m.fwCfg.file('etc/boot-menu-wait') !== undefined, run.files?.['etc/boot-menu-wait'] !== undefined);
  });
}

const disk = join(repoRoot(), 'guest-images', 'bootsect-hello.img');
const iso = join(repoRoot(), 'guest-images', 'eltorito-probe.iso');
const SEABIOS = '/usr/share/seabios/bios-256k.bin';
const serial = (run: string): string => readFileSync(fixturePath('guest-images', run, 'serial.log'), 'latin1');
/** The disk and the CD together; the order decides (q35: disk on AHCI port 0, CD on port 2). */
const both = (board: string, boot: string): string[] =>
  ['-machine', board, '-m', '128M', '-nodefaults', '-drive', `file=${disk},format=raw,snapshot=on`, '-cdrom', iso, '-boot', boot, '-serial', 'null'];
const CASES = [
  { boot: 'order=c', image: 'bootsect-hello', run: 'boot-order-c' },
  { boot: 'order=dc', image: 'eltorito-probe', run: 'boot-order-dc' },
  { boot: 'order=c,once=d', image: 'eltorito-probe', run: 'boot-order-once-d' },
  // No network boot ROM: the disk and the CD keep SeaBIOS's default priority, the disk's class first.
  { boot: 'order=n', image: 'bootsect-hello', run: 'boot-order-n' },
] as const;

for (const board of ['pc', 'q35'] as const) {
  for (const c of CASES) {
    test(`${board} -boot ${c.boot} with a disk and a CD: fwlab's firmware boots ${c.image}`, async (t) => {
      const m = createMachine(both(board, c.boot));
      const { report } = await bootMachine(m);
      t.is(report.firmware?.exit.kind, 'x86');
      t.true(serial(`${c.run}-${board}`).startsWith(c.image === 'bootsect-hello' ? 'bootsect-hello:' : 'eltorito:'));
      t.is(m.serialPorts[0]!.output, serial(`${c.run}-${board}`));
    });

    testWith(['seabios'])(`${board} -boot ${c.boot} with a disk and a CD: Debian's SeaBIOS on fwlab boots ${c.image}`, (t) => {
      const m = createMachine(both(board, c.boot));
      runRawFirmware(m, SEABIOS, new Uint8Array(readFileSync(SEABIOS)), { budgetNs: 10e9, noReboot: true });
      t.is(m.serialPorts[0]!.output, serial(`${c.run}-${board}`));
    });
  }
}
