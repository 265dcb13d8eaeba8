import test from 'ava';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturePath, repoRoot } from '../helpers/paths.js';
import { testWith } from '../helpers/reference.js';
import { benchChecksum } from '../helpers/bench-loop.js';

const images = join(repoRoot(), 'guest-images');
const IMAGES = ['bootsect-hello.img', 'mb-vmgenid-probe.elf', 'bench-loop.img', 'bzimage-probe.bin', 'bios-calls.img', 'eltorito-probe.iso', 'floppy-probe.img', 'cdemu-floppy.iso', 'cdemu-hd.iso', 's3-probe.img', 'pci-irq-probe.img', 'tasks-probe.img', 'v86-probe.img', 'pae-probe.img', 'vga-probe.img', 'ap-probe.img', 'apm-probe.img', 'cpuhp-probe.img'];
const read = (file: string): Buffer => readFileSync(join(images, file));
const capture = (run: string, file: string): string => readFileSync(fixturePath('guest-images', run, file), 'latin1');

testWith(['nasm'])('the committed guest images are what their sources build to', (t) => {
  const out = mkdtempSync(join(tmpdir(), 'fwlab-guest-images-'));
  try {
    const r = spawnSync('sh', [join(repoRoot(), 'scripts', 'build-guest-images.sh'), out], { encoding: 'utf8' });
    t.is(r.status, 0, r.stderr);
    for (const f of IMAGES) t.true(readFileSync(join(out, f)).equals(read(f)), `${f} differs from a fresh build`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('bootsect-hello: a boot sector (55 AA at 510) with its text in sector 1, on a disk of at least one CHS cylinder', (t) => {
  const img = read('bootsect-hello.img');
  t.is(img.readUInt16LE(510), 0xaa55);
  t.true(img.subarray(512, 1024).toString('latin1').startsWith('text from LBA 1 via int 13h AH=42h'));
  t.true(img.length >= 16 * 63 * 512, 'SeaBIOS boots an AHCI disk only from one full CHS cylinder up');
});

test('mb-vmgenid-probe: an ELF32 i386 executable with a valid multiboot v1 header in its first 8 KiB', (t) => {
  const elf = read('mb-vmgenid-probe.elf');
  t.is(elf.toString('latin1', 0, 4), '\x7fELF');
  t.is(elf[4], 1); // ELFCLASS32
  t.is(elf.readUInt16LE(18), 3); // EM_386
  const entry = elf.readUInt32LE(24);
  const ph = elf.readUInt32LE(28);
  t.is(elf.readUInt32LE(ph), 1); // PT_LOAD
  const vaddr = elf.readUInt32LE(ph + 8);
  t.true(entry > vaddr && entry < vaddr + elf.readUInt32LE(ph + 16));
  let found = false;
  for (let o = 0; o + 12 <= Math.min(elf.length, 8192); o += 4) {
    if (elf.readUInt32LE(o) !== 0x1badb002) continue;
    found = ((elf.readUInt32LE(o) + elf.readUInt32LE(o + 4) + elf.readUInt32LE(o + 8)) >>> 0) === 0;
    break;
  }
  t.true(found, 'multiboot magic with a zero checksum');
});


test('bench-loop: QEMU printed the checksum of the loop for the iteration count in the image', (t) => {
  const img = read('bench-loop.img');
  t.is(img.length, 512);
  t.is(img.readUInt16LE(510), 0xaa55);
  const n = img.readUInt32LE(0x1f8);
  t.is(n, 10_000_000);
  const serial = capture('bench-loop-pc', 'serial.log');
  t.regex(serial, new RegExp(`^bench-loop: checksum ${benchChecksum(n)}\\r?$`, 'm'));
  t.is(capture('bench-loop-pc', 'exit.txt').trim(), 'exit status 1'); // isa-debug-exit: (0 << 1) | 1
});

interface E820 { base: bigint; length: bigint; type: number }

function guestE820(serial: string): E820[] {
  return [...serial.matchAll(/^e820 ([0-9a-f]{16}) ([0-9a-f]{16}) ([0-9a-f]{8})\r?$/gm)]
    .map((m) => ({ base: BigInt('0x' + m[1]), length: BigInt('0x' + m[2]), type: parseInt(m[3]!, 16) }));
}

/** SeaBIOS's own dump of its e820 map on the debug console ("  3: 0000000000100000 - 0000000007fe0000 = 1 RAM"). */
function seabiosE820(debugcon: string): E820[] {
  const blocks = debugcon.split(/^e820 map has \d+ items:\r?$/m);
  const last = blocks[blocks.length - 1]!;
  return [...last.matchAll(/^\s+\d+: ([0-9a-f]{16}) - ([0-9a-f]{16}) = (\d+)/gm)]
    .map((m) => ({ base: BigInt('0x' + m[1]), length: BigInt('0x' + m[2]) - BigInt('0x' + m[1]), type: Number(m[3]) }));
}

for (const machine of ['pc', 'q35']) {
  const run = `bootsect-hello-${machine}`;
  test(`bootsect-hello on QEMU ${machine}: booted, read LBA 1 through int 13h, its E820 map is the one SeaBIOS logged`, (t) => {
    t.true(capture(run, 'cmdline.txt').startsWith(`qemu-system-x86_64 -machine ${machine} -nodefaults -display none -drive file=guest-images/bootsect-hello.img,format=raw -serial stdio`));
    const serial = capture(run, 'serial.log');
    const debugcon = capture(run, 'debugcon.log');
    const lines = serial.split(/\r?\n/).filter((l) => l !== '');
    t.is(lines[0], 'bootsect-hello: booted');
    t.is(lines[1], 'sector 1: text from LBA 1 via int 13h AH=42h');
    t.is(lines[lines.length - 1], 'bootsect-hello: done');
    const e820 = guestE820(serial);
    t.true(e820.length >= 5);
    t.deepEqual(e820, seabiosE820(debugcon));
    t.deepEqual(e820[0], { base: 0n, length: 0x9fc00n, type: 1 });
    // The same lines reached the debug console, after SeaBIOS handed over to the boot sector.
    const handover = debugcon.indexOf('Booting from 0000:7c00');
    t.true(handover > 0);
    t.is(debugcon.slice(handover).split(/\r?\n/).slice(1).filter((l) => l !== '').join('\n'), lines.join('\n'));
  });
}

const guidOf = (cmdline: string): string => /vmgenid,guid=([0-9a-f-]{36})/.exec(cmdline)![1]!;

for (const machine of ['pc', 'q35']) {
  const run = `mb-vmgenid-probe-${machine}`;
  test(`mb-vmgenid-probe on QEMU ${machine}: walks RSDP → RSDT → VMGENID SSDT → VGIA and prints the -device guid`, (t) => {
    const cmdline = capture(run, 'cmdline.txt');
    t.true(cmdline.includes('-kernel guest-images/mb-vmgenid-probe.elf'));
    const serial = capture(run, 'serial.log');
    const vgia = parseInt(/^vgia ([0-9a-f]{8})\r?$/m.exec(serial)![1]!, 16);
    t.is(vgia % 4096, 0, 'VGIA is the page-aligned etc/vmgenid_guid blob');
    t.deepEqual([...serial.matchAll(/^guid (\S+)\r?$/gm)].map((m) => m[1]), [guidOf(cmdline)]);
    t.regex(serial, /^mb-vmgenid-probe: exit\r?$/m);
    t.is(capture(run, 'exit.txt').trim(), 'exit status 1');
  });
}

for (const machine of ['pc', 'q35']) {
  const run = `mb-vmgenid-probe-qmp-${machine}`;
  test(`mb-vmgenid-probe under QMP on QEMU ${machine}: migrated into a QEMU with another guid, it prints the new GUID`, (t) => {
    const cmdline = capture(run, 'cmdline.txt');
    const [dst, src] = [...cmdline.matchAll(/vmgenid,guid=([0-9a-f-]{36})/g)].map((m) => m[1]);
    t.truthy(src);
    t.not(src, dst);
    t.deepEqual([...capture(run, 'serial-source.log').matchAll(/^guid (\S+)\r?$/gm)].map((m) => m[1]), [src]);
    t.deepEqual([...capture(run, 'serial-destination.log').matchAll(/^guid (\S+)\r?$/gm)].map((m) => m[1]), [dst]);
    const qmp = capture(run, 'qmp.log').split('\n').filter((l) => l.startsWith('< ')).map((l) => JSON.parse(l.slice(2)) as Record<string, unknown>);
    t.true(qmp.some((m) => (m.error as { class?: string } | undefined)?.class === 'CommandNotFound'), 'QEMU 7.2 has no set-vm-generation-id');
    t.true(qmp.some((m) => m.event === 'STOP'), 'the source stopped for the migration');
  });
}

test('bzimage-probe: a boot protocol 2.10 header (HdrS, LOADED_HIGH, 5 setup sectors) and a 32-bit kernel of syssize paragraphs', (t) => {
  const img = read('bzimage-probe.bin');
  t.is(img.readUInt16LE(0x1fe), 0xaa55);
  t.is(img.toString('latin1', 0x202, 0x206), 'HdrS');
  t.is(img.readUInt16LE(0x206), 0x020a);
  t.is(img[0x211]! & 0x01, 0x01);
  t.is(img.readUInt32LE(0x214), 0x100000);
  const setup = (img[0x1f1]! + 1) * 512;
  t.is(setup, 2560);
  t.is(img.readUInt32LE(0x1f4), Math.ceil((img.length - setup) / 16));
});

test('every capture run has its command line', (t) => {
  for (const run of ['bootsect-hello-pc', 'bootsect-hello-q35', 'mb-vmgenid-probe-pc', 'mb-vmgenid-probe-q35', 'mb-vmgenid-probe-qmp-pc', 'mb-vmgenid-probe-qmp-q35', 'bench-loop-pc', 'bzimage-probe-pc', 'bzimage-probe-initrd-q35', 'bzimage-probe-initrd-pc-1g', 'bzimage-probe-int10-pc']) {
    t.true(existsSync(fixturePath('guest-images', run, 'cmdline.txt')), run);
  }
});
