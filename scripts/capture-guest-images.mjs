#!/usr/bin/env node
// Runs the guest images of guest-images/ under the real QEMU (Debian's qemu-system-x86_64 7.2 +
// SeaBIOS) and writes test/fixtures/guest-images/<run>/: cmdline.txt (the exact command line, run
// from the repository root), serial.log (COM1 = QEMU's stdout), debugcon.log (port 0x402) where
// the run has one, exit.txt (QEMU's exit status, or "killed after N ms" for images that halt),
// and for the QMP runs serial-source.log, serial-destination.log and qmp.log (every QMP line sent and received).
// Usage: node scripts/capture-guest-images.mjs [RUN-PREFIX...]   (after scripts/build-guest-images.sh;
// with prefixes, only the runs whose name starts with one, e.g. bzimage-probe)
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixtures = join(root, 'test', 'fixtures', 'guest-images');
const GUID = '324e6eaf-d1d1-4bf6-bf41-b9bb6c91fb87';
const GUID2 = 'e2c5b1a0-7a3f-4d9e-8b6c-0123456789ab';
const DEBUG_EXIT = ['-device', 'isa-debug-exit,iobase=0xf4,iosize=0x04'];

function quote(args) {
  return args.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a}'`)).join(' ');
}

/** Runs QEMU from the repository root; resolves with its stdout and how it ended. */
function runQemu(args, { killAfterMs, onStdout, onSpawn } = {}) {
  return new Promise((resolve, reject) => {
    const qemu = spawn('qemu-system-x86_64', args, { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    let killed = false;
    qemu.stdout.on('data', (d) => { out += d.toString('latin1'); onStdout?.(out, qemu); });
    const timer = setTimeout(() => { killed = true; qemu.kill('SIGTERM'); }, killAfterMs);
    onSpawn?.(qemu);
    qemu.on('error', reject);
    qemu.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ out, exit: killed ? `killed after ${killAfterMs} ms\n` : `exit status ${code ?? signal}\n` });
    });
  });
}

function prepare(name) {
  const dir = join(fixtures, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

async function bootsect(machine) {
  const name = `bootsect-hello-${machine}`;
  const dir = prepare(name);
  const args = ['-machine', machine, '-nodefaults', '-display', 'none', '-drive', 'file=guest-images/bootsect-hello.img,format=raw',
    '-serial', 'stdio', '-chardev', `file,id=dbg,path=test/fixtures/guest-images/${name}/debugcon.log`,
    '-device', 'isa-debugcon,iobase=0x402,chardev=dbg'];
  // The boot sector halts; stop QEMU once it has printed its last line (or after 10 s).
  const r = await runQemu(args, { killAfterMs: 10000, onStdout: (out, q) => { if (out.includes('bootsect-hello: done')) setTimeout(() => q.kill('SIGTERM'), 300); } });
  writeFileSync(join(dir, 'cmdline.txt'), `qemu-system-x86_64 ${quote(args)}\n`);
  writeFileSync(join(dir, 'serial.log'), r.out);
  writeFileSync(join(dir, 'exit.txt'), r.out.includes('bootsect-hello: done') ? 'stopped (SIGTERM) after the last line; the image halts\n' : r.exit);
}

async function probe(machine) {
  const name = `mb-vmgenid-probe-${machine}`;
  const dir = prepare(name);
  const args = ['-machine', machine, '-nodefaults', '-display', 'none', '-kernel', 'guest-images/mb-vmgenid-probe.elf',
    '-device', `vmgenid,guid=${GUID}`, '-serial', 'stdio', ...DEBUG_EXIT];
  const r = await runQemu(args, { killAfterMs: 30000 });
  writeFileSync(join(dir, 'cmdline.txt'), `qemu-system-x86_64 ${quote(args)}\n`);
  writeFileSync(join(dir, 'serial.log'), r.out);
  writeFileSync(join(dir, 'exit.txt'), r.exit);
}

/**
 * QEMU 7.2 has no command that changes the GUID of a running VM (set-vm-generation-id was proposed
 * in 2017 and never merged; the guid property is fixed after realize). The GUID changes when a VM
 * is restored or migrated into a QEMU whose vmgenid has another guid: the device's post_load writes
 * it into guest RAM and raises GPE0 bit 5. So: start a destination QEMU with guid=GUID2 and
 * -incoming, start the source with guid=GUID, and once the probe printed GUID, QMP `migrate` the
 * source into the destination; the probe, still polling, prints GUID2 there; then 'q' on its serial.
 */
async function probeQmp(machine) {
  const name = `mb-vmgenid-probe-qmp-${machine}`;
  const dir = prepare(name);
  const tag = `${process.pid}-${machine}`;
  const qmpSock = join(tmpdir(), `fwlab-qmp-${tag}.sock`);
  const migSock = join(tmpdir(), `fwlab-mig-${tag}.sock`);
  for (const f of [qmpSock, migSock]) rmSync(f, { force: true });
  const base = (guid) => ['-machine', machine, '-nodefaults', '-display', 'none', '-kernel', 'guest-images/mb-vmgenid-probe.elf',
    '-device', `vmgenid,guid=${guid}`, '-serial', 'stdio', ...DEBUG_EXIT];
  const srcArgs = [...base(GUID), '-qmp', `unix:${qmpSock},server=on,wait=off`];
  const dstArgs = [...base(GUID2), '-incoming', `unix:${migSock}`];
  const qmpLog = [];
  let phase = 0;
  let qmp;
  let source;
  const qmpSend = (obj) => { const l = JSON.stringify(obj); qmpLog.push(`> ${l}`); qmp.write(l + '\n'); };
  const dst = runQemu(dstArgs, {
    killAfterMs: 40000,
    onStdout: (out, q) => { if (phase === 2 && out.includes(`guid ${GUID2}`)) { phase = 3; q.stdin.write('q'); qmpSend({ execute: 'quit' }); } },
  });
  await new Promise((r) => setTimeout(r, 1000));
  const src = runQemu(srcArgs, {
    killAfterMs: 40000,
    onSpawn: (q) => { source = q; },
    onStdout: (out) => {
      if (phase !== 0 || !out.includes(`guid ${GUID}`)) return;
      phase = 1;
      qmp = createConnection(qmpSock);
      let buf = '';
      qmp.on('data', (d) => {
        buf += d.toString();
        let nl;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl).trim();
          buf = buf.slice(nl + 1);
          if (!line) continue;
          qmpLog.push(`< ${line}`);
          const msg = JSON.parse(line);
          if (msg.QMP) qmpSend({ execute: 'qmp_capabilities' });
          // First ask for the command the brief named, to record QEMU 7.2's answer (CommandNotFound).
          else if (msg.return !== undefined && phase === 1) { phase = 1.5; qmpSend({ execute: 'set-vm-generation-id', arguments: { guid: GUID2 } }); }
          else if (msg.error !== undefined && phase === 1.5) { phase = 2; qmpSend({ execute: 'migrate', arguments: { uri: `unix:${migSock}` } }); }
        }
      });
      qmp.on('error', () => {});
    },
  });
  const [rs, rd] = await Promise.all([src, dst]);
  void source;
  qmp?.destroy();
  for (const f of [qmpSock, migSock]) rmSync(f, { force: true });
  const clean = (t) => t.replaceAll(qmpSock, 'QMP.sock').replaceAll(migSock, 'MIGRATE.sock');
  writeFileSync(join(dir, 'cmdline.txt'), clean(
    `# destination (started first)\nqemu-system-x86_64 ${quote(dstArgs)}\n` +
    `# source\nqemu-system-x86_64 ${quote(srcArgs)}\n` +
    `# after "guid ${GUID}" on the source's serial: QMP qmp_capabilities, set-vm-generation-id (QEMU 7.2: CommandNotFound),\n# migrate uri=unix:MIGRATE.sock;\n` +
    `# after "guid ${GUID2}" on the destination's serial: 'q' on that serial, QMP quit on the source\n`));
  writeFileSync(join(dir, 'serial-source.log'), rs.out);
  writeFileSync(join(dir, 'serial-destination.log'), rd.out);
  writeFileSync(join(dir, 'qmp.log'), clean(qmpLog.join('\n')) + '\n');
  writeFileSync(join(dir, 'exit.txt'), `source: ${rs.exit}destination: ${rd.exit}`);
}

async function benchLoop() {
  const name = 'bench-loop-pc';
  const dir = prepare(name);
  const args = ['-machine', 'pc', '-nodefaults', '-display', 'none', '-drive', 'file=guest-images/bench-loop.img,format=raw',
    '-serial', 'stdio', ...DEBUG_EXIT];
  const r = await runQemu(args, { killAfterMs: 30000 });
  writeFileSync(join(dir, 'cmdline.txt'), `qemu-system-x86_64 ${quote(args)}\n`);
  writeFileSync(join(dir, 'serial.log'), r.out);
  writeFileSync(join(dir, 'exit.txt'), r.exit);
}

/**
 * The bzImage probe through SeaBIOS + linuxboot_dma.bin: pc with a command line only, q35 with
 * 256 MiB and an initrd (which linuxboot_dma moves to the top of RAM E801 reports), pc with QEMU's
 * default devices and the int 10h calls.
 */
async function bzimage(name, machineArgs, append = 'console=ttyS0 fwlab=probe', defaults = false) {
  const dir = prepare(name);
  const args = [...machineArgs, ...(defaults ? [] : ['-nodefaults']), '-display', 'none', '-kernel', 'guest-images/bzimage-probe.bin',
    '-append', append, '-serial', 'stdio', ...DEBUG_EXIT];
  const r = await runQemu(args, { killAfterMs: 30000 });
  writeFileSync(join(dir, 'cmdline.txt'), `qemu-system-x86_64 ${quote(args)}\n`);
  writeFileSync(join(dir, 'serial.log'), r.out);
  writeFileSync(join(dir, 'exit.txt'), r.exit);
}

/** The El Torito probe ISO as QEMU's -cdrom, booted with -boot d (no-emulation boot, int 13h on the CD). */
async function eltorito(machine) {
  const name = `eltorito-probe-${machine}`;
  const dir = prepare(name);
  const args = ['-machine', machine, '-nodefaults', '-m', '128M', '-display', 'none', '-cdrom', 'guest-images/eltorito-probe.iso', '-boot', 'd',
    '-serial', 'stdio', '-chardev', `file,id=dbg,path=test/fixtures/guest-images/${name}/debugcon.log`,
    '-device', 'isa-debugcon,iobase=0x402,chardev=dbg'];
  const r = await runQemu(args, { killAfterMs: 10000, onStdout: (out, q) => { if (out.includes('eltorito: done')) setTimeout(() => q.kill('SIGTERM'), 300); } });
  writeFileSync(join(dir, 'cmdline.txt'), `qemu-system-x86_64 ${quote(args)}\n`);
  writeFileSync(join(dir, 'serial.log'), r.out);
  writeFileSync(join(dir, 'exit.txt'), r.out.includes('eltorito: done') ? 'stopped (SIGTERM) after the last line; the image halts\n' : r.exit);
}

/** `-drive media=cdrom` without an index (the next free one) and with index=3: where SeaBIOS finds them. */
async function cdromDrives(machine) {
  const name = `cdrom-drives-${machine}`;
  const dir = prepare(name);
  const iso = 'guest-images/eltorito-probe.iso';
  const args = ['-machine', machine, '-m', '128M', '-nodefaults', '-display', 'none', '-serial', 'none',
    '-drive', `file=${iso},media=cdrom`, '-drive', `file=${iso},media=cdrom,index=3`,
    '-chardev', `file,id=dbg,path=test/fixtures/guest-images/${name}/debugcon.log`, '-device', 'isa-debugcon,iobase=0x402,chardev=dbg'];
  const r = await runQemu(args, { killAfterMs: 5000 });
  writeFileSync(join(dir, 'cmdline.txt'), `qemu-system-x86_64 ${quote(args)}\n`);
  writeFileSync(join(dir, 'exit.txt'), r.exit);
}

/** A disk (bootsect-hello) and the probe CD together, -boot deciding which boots. */
async function bootOrder(machine, tag, boot) {
  const name = `boot-order-${tag}-${machine}`;
  const dir = prepare(name);
  const args = ['-machine', machine, '-m', '128M', '-nodefaults', '-display', 'none', '-drive', 'file=guest-images/bootsect-hello.img,format=raw,snapshot=on',
    '-cdrom', 'guest-images/eltorito-probe.iso', '-boot', boot, '-serial', 'stdio'];
  const done = /bootsect-hello: done|eltorito: done/;
  const r = await runQemu(args, { killAfterMs: 10000, onStdout: (out, q) => { if (done.test(out)) setTimeout(() => q.kill('SIGTERM'), 300); } });
  writeFileSync(join(dir, 'cmdline.txt'), `qemu-system-x86_64 ${quote(args)}\n`);
  writeFileSync(join(dir, 'serial.log'), r.out);
  writeFileSync(join(dir, 'exit.txt'), done.test(r.out) ? 'stopped (SIGTERM) after the last line; the image halts\n' : r.exit);
}

/**
 * SeaBIOS's debug console on QEMU's default machine (-m 512M, no -nodefaults: the empty default CD-ROM
 * on ide1-cd0 / AHCI port 2, VGA, NIC): its drive lines and e820 map. Stopped after 6 s (iPXE goes on
 * trying the network; the POST lines come first).
 */
async function seabiosDefaults(machine) {
  const name = `seabios-defaults-${machine}`;
  const dir = prepare(name);
  const args = ['-machine', machine, '-m', '512M', '-display', 'none', '-serial', 'none',
    '-chardev', `file,id=dbg,path=test/fixtures/guest-images/${name}/debugcon.log`, '-device', 'isa-debugcon,iobase=0x402,chardev=dbg'];
  const r = await runQemu(args, { killAfterMs: 6000 });
  writeFileSync(join(dir, 'cmdline.txt'), `qemu-system-x86_64 ${quote(args)}\n`);
  writeFileSync(join(dir, 'exit.txt'), r.exit);
}

/**
 * QEMU's default machine (std VGA with Debian's vgabios-stdvga.bin, the default NIC with its iPXE ROM,
 * kvmvapic.bin) booting bootsect-hello from an IDE disk under SeaBIOS: its debug console, and the text
 * screen (QMP pmemsave of 0xB8000, 80x25 characters and attributes) once the boot sector is done.
 */
async function seabiosVga(machine) {
  const name = `seabios-vga-${machine}`;
  const dir = prepare(name);
  const sock = join(tmpdir(), `fwlab-vga-${process.pid}-${machine}.sock`);
  rmSync(sock, { force: true });
  const args = ['-machine', machine, '-m', '512M', '-display', 'none', '-drive', 'file=guest-images/bootsect-hello.img,format=raw',
    '-serial', 'stdio', '-chardev', `file,id=dbg,path=test/fixtures/guest-images/${name}/debugcon.log`,
    '-device', 'isa-debugcon,iobase=0x402,chardev=dbg', '-qmp', `unix:${sock},server=on,wait=off`];
  let asked = false;
  const r = await runQemu(args, {
    killAfterMs: 20000,
    onStdout: (out, q) => {
      if (asked || !out.includes('bootsect-hello: done')) return;
      asked = true;
      const qmp = createConnection(sock);
      let buf = '';
      let step = 0;
      const send = (o) => qmp.write(JSON.stringify(o) + '\n');
      qmp.on('error', () => {}); // QEMU closes the socket as it quits
      qmp.on('data', (d) => {
        buf += d.toString();
        for (let i; (i = buf.indexOf('\n')) >= 0; buf = buf.slice(i + 1)) {
          const msg = JSON.parse(buf.slice(0, i));
          if (msg.QMP) send({ execute: 'qmp_capabilities' });
          else if (msg.return !== undefined && step === 0) { step = 1; send({ execute: 'pmemsave', arguments: { val: 0xb8000, size: 4000, filename: join(dir, 'screen.bin') } }); }
          else if (msg.return !== undefined && step === 1) { step = 2; send({ execute: 'quit' }); qmp.end(); }
        }
      });
    },
  });
  writeFileSync(join(dir, 'cmdline.txt'), `qemu-system-x86_64 ${quote(args.slice(0, -2))}\n`);
  writeFileSync(join(dir, 'serial.log'), r.out);
  writeFileSync(join(dir, 'exit.txt'), asked ? 'quit (QMP) after pmemsave 0xb8000 4000 once the boot sector printed its last line\n' : r.exit);
}

/** The VGA state SeaBIOS + vgabios-stdvga.bin hand over (vga-probe.img reads every register back). */
async function vgaProbe(machine) {
  const name = `vga-probe-${machine}`;
  const dir = prepare(name);
  const args = ['-machine', machine, '-m', '128M', '-nodefaults', '-device', 'VGA', '-display', 'none',
    '-drive', 'file=guest-images/vga-probe.img,format=raw', '-serial', 'stdio'];
  const r = await runQemu(args, { killAfterMs: 30000, onStdout: (out, q) => { if (out.includes('vga-probe: done')) setTimeout(() => q.kill('SIGTERM'), 300); } });
  writeFileSync(join(dir, 'cmdline.txt'), `qemu-system-x86_64 ${quote(args)}\n`);
  writeFileSync(join(dir, 'serial.log'), r.out);
  writeFileSync(join(dir, 'exit.txt'), r.out.includes('vga-probe: done') ? 'stopped (SIGTERM) after the last line; the image halts\n' : r.exit);
}

/**
 * The floppy probe as drive A (`-fda`, -snapshot: it writes its last sector); q35 gets an isa-fdc for it.
 * `tag`: readonly (the image read-only: the write fails), order-c / order-a (with bootsect-hello as the
 * hard disk, the default order boots the disk, `-boot a` the floppy).
 */
async function floppy(machine, tag) {
  const name = tag ? `floppy-probe-${tag}-${machine}` : `floppy-probe-${machine}`;
  const dir = prepare(name);
  const media = tag === 'readonly' ? ['-drive', 'file=guest-images/floppy-probe.img,if=floppy,format=raw,readonly=on']
    : ['-snapshot', '-fda', 'guest-images/floppy-probe.img'];
  const disk = tag?.startsWith('order') ? ['-drive', 'file=guest-images/bootsect-hello.img,format=raw'] : [];
  const boot = tag === 'order-a' ? ['-boot', 'a'] : [];
  const args = ['-machine', machine, '-m', '128M', '-nodefaults', '-display', 'none', ...media, ...disk, ...boot, '-serial', 'stdio'];
  const done = /floppy-probe: done|bootsect-hello: done/;
  const r = await runQemu(args, { killAfterMs: 10000, onStdout: (out, q) => { if (done.test(out)) setTimeout(() => q.kill('SIGTERM'), 300); } });
  writeFileSync(join(dir, 'cmdline.txt'), `qemu-system-x86_64 ${quote(args)}\n`);
  writeFileSync(join(dir, 'serial.log'), r.out);
  writeFileSync(join(dir, 'exit.txt'), done.test(r.out) ? 'stopped (SIGTERM) after the last line; the image halts\n' : r.exit);
}

/**
 * El Torito emulation: cdemu-floppy.iso (floppy-probe.img as a 1.44 MB diskette image, drive 00h) and
 * cdemu-hd.iso (a hard-disk image, drive 80h, with bootsect-hello.img as the real disk that moves to 81h).
 */
async function cdemu(machine, kind) {
  const name = `cdemu-${kind}-${machine}`;
  const dir = prepare(name);
  const disk = kind === 'hd' ? ['-drive', 'file=guest-images/bootsect-hello.img,format=raw,snapshot=on'] : [];
  const args = ['-machine', machine, '-m', '128M', '-nodefaults', '-display', 'none', ...disk, '-cdrom', `guest-images/cdemu-${kind}.iso`,
    '-boot', 'd', '-serial', 'stdio', '-chardev', `file,id=dbg,path=test/fixtures/guest-images/${name}/debugcon.log`,
    '-device', 'isa-debugcon,iobase=0x402,chardev=dbg'];
  const done = /(floppy-probe|cdemu-hd): done/;
  const r = await runQemu(args, { killAfterMs: 10000, onStdout: (out, q) => { if (done.test(out)) setTimeout(() => q.kill('SIGTERM'), 300); } });
  writeFileSync(join(dir, 'cmdline.txt'), `qemu-system-x86_64 ${quote(args)}\n`);
  writeFileSync(join(dir, 'serial.log'), r.out);
  writeFileSync(join(dir, 'exit.txt'), done.test(r.out) ? 'stopped (SIGTERM) after the last line; the image halts\n' : r.exit);
}

/** Where the PCI interrupt probe's edu sits: behind a pci-bridge, a pxb's bridge, a PCIe root port. */
const EDU_PLACES = {
  bridge: ['-device', 'pci-bridge,id=br1,chassis_nr=1,addr=5', '-device', 'edu,bus=br1,addr=3'],
  pxb: ['-device', 'pxb,id=pxb1,bus_nr=4', '-device', 'edu,bus=pxb1,addr=3'],
  rootport: ['-device', 'pcie-root-port,id=rp1,chassis=1,addr=6', '-device', 'edu,bus=rp1'],
};

/**
 * The PCI interrupt probe with `-device edu`: on bus 0 where QEMU puts it, or (tag) behind a pci-bridge
 * (edu in slot 3 of the bridge's bus, the bridge in slot 5: the swizzle), behind a pxb (QEMU's pxb_map_irq_fn),
 * or behind a PCIe root port in slot 6.
 */
async function pciIrq(machine, tag) {
  const name = tag ? `pci-irq-probe-${tag}-${machine}` : `pci-irq-probe-${machine}`;
  const dir = prepare(name);
  const devices = tag ? EDU_PLACES[tag] : ['-device', 'edu'];
  const args = ['-machine', machine, '-m', '128M', '-nodefaults', '-display', 'none',
    '-drive', 'file=guest-images/pci-irq-probe.img,format=raw,snapshot=on', ...devices, '-serial', 'stdio'];
  const done = /pci-irq-probe: done/;
  const r = await runQemu(args, { killAfterMs: 10000, onStdout: (out, q) => { if (done.test(out)) setTimeout(() => q.kill('SIGTERM'), 300); } });
  writeFileSync(join(dir, 'cmdline.txt'), `qemu-system-x86_64 ${quote(args)}\n`);
  writeFileSync(join(dir, 'serial.log'), r.out);
  writeFileSync(join(dir, 'exit.txt'), done.test(r.out) ? 'stopped (SIGTERM) after the last line; the image halts\n' : r.exit);
}

/**
 * The AP probe with -smp (`smp` the option's value): it sends INIT-SIPI-SIPI and IPIs itself and
 * prints one line per CPU in APIC ID order; the debug console holds SeaBIOS's own
 * "Found N cpu(s) max supported M cpu(s)". Stopped 300 ms after its last line (it halts).
 */
async function apProbe(name, machine, smp) {
  const dir = prepare(name);
  const args = ['-machine', machine, '-smp', smp, '-nodefaults', '-display', 'none', '-drive', 'file=guest-images/ap-probe.img,format=raw',
    '-serial', 'stdio', '-chardev', `file,id=dbg,path=test/fixtures/guest-images/${name}/debugcon.log`,
    '-device', 'isa-debugcon,iobase=0x402,chardev=dbg'];
  const r = await runQemu(args, { killAfterMs: 10000, onStdout: (out, q) => { if (out.includes('ap-probe: done')) setTimeout(() => q.kill('SIGTERM'), 300); } });
  writeFileSync(join(dir, 'cmdline.txt'), `qemu-system-x86_64 ${quote(args)}\n`);
  writeFileSync(join(dir, 'serial.log'), r.out);
  writeFileSync(join(dir, 'exit.txt'), r.out.includes('ap-probe: done') ? 'stopped (SIGTERM) after the last line; the image halts\n' : r.exit);
}

/**
 * bootindex choosing the boot device against the CMOS order (hard disk first): `-drive if=none` with
 * `-device ide-hd|ide-cd`, the floppy's through `-global isa-fdc.bootindexA` (QEMU 7.2's floppy device
 * has no bootindex). `floppy`: floppy-probe (index 1) before the disk and the CD; `cd`: the El Torito
 * probe (1) before the disk (2); `strict` / `nostrict`: an empty floppy drive (index 1) before a
 * bootable disk without an index, with and without -boot strict=on (HALT after the floppy).
 */
async function bootindex(machine, tag) {
  const name = `bootindex-${tag}-${machine}`;
  const dir = prepare(name);
  // The disk on ide.0 (the primary master / AHCI port 0), the CD on ide.1 (secondary master) / ide.2 (port 2).
  const disk = (index) => ['-drive', 'file=guest-images/bootsect-hello.img,format=raw,if=none,id=d0', '-device', `ide-hd,drive=d0,bus=ide.0${index ? `,bootindex=${index}` : ''}`];
  const cd = (index) => ['-drive', 'file=guest-images/eltorito-probe.iso,format=raw,if=none,id=c0,media=cdrom', '-device', `ide-cd,drive=c0,bus=ide.${machine === 'pc' ? 1 : 2},bootindex=${index}`];
  const floppy = machine === 'pc' ? ['-drive', 'file=guest-images/floppy-probe.img,format=raw,if=none,id=f0', '-device', 'floppy,drive=f0']
    : ['-fda', 'guest-images/floppy-probe.img'];
  const media = {
    floppy: [...disk(2), ...floppy, '-global', 'isa-fdc.bootindexA=1', ...cd(3)],
    cd: [...disk(2), ...cd(1)],
    strict: [...disk(0), '-drive', 'if=none,id=f0', '-device', 'floppy,drive=f0', '-global', 'isa-fdc.bootindexA=1', '-boot', 'strict=on'],
    nostrict: [...disk(0), '-drive', 'if=none,id=f0', '-device', 'floppy,drive=f0', '-global', 'isa-fdc.bootindexA=1'],
  }[tag];
  const args = ['-machine', machine, '-m', '128M', '-nodefaults', '-display', 'none', '-snapshot', ...media, '-serial', 'stdio',
    '-chardev', `file,id=dbg,path=test/fixtures/guest-images/${name}/debugcon.log`, '-device', 'isa-debugcon,iobase=0x402,chardev=dbg'];
  const done = /floppy-probe: done|bootsect-hello: done|eltorito: done/;
  const r = await runQemu(args, { killAfterMs: tag === 'strict' ? 8000 : 10000, onStdout: (out, q) => { if (done.test(out)) setTimeout(() => q.kill('SIGTERM'), 300); } });
  writeFileSync(join(dir, 'cmdline.txt'), `qemu-system-x86_64 ${quote(args)}\n`);
  writeFileSync(join(dir, 'serial.log'), r.out);
  writeFileSync(join(dir, 'exit.txt'), done.test(r.out) ? 'stopped (SIGTERM) after the last line; the image halts\n' : r.exit);
}

/** The APM BIOS probe: every int 15h AH=53h function, last "off" for all devices (QEMU exits). */
async function apmProbe(machine) {
  const name = `apm-probe-${machine}`;
  const dir = prepare(name);
  const args = ['-machine', machine, '-m', '128M', '-nodefaults', '-display', 'none', '-drive', 'file=guest-images/apm-probe.img,format=raw,snapshot=on',
    '-serial', 'stdio', '-chardev', `file,id=dbg,path=test/fixtures/guest-images/${name}/debugcon.log`, '-device', 'isa-debugcon,iobase=0x402,chardev=dbg'];
  const r = await runQemu(args, { killAfterMs: 10000 });
  writeFileSync(join(dir, 'cmdline.txt'), `qemu-system-x86_64 ${quote(args)}\n`);
  writeFileSync(join(dir, 'serial.log'), r.out);
  writeFileSync(join(dir, 'exit.txt'), r.exit);
}

const RUNS = [
  ['ap-probe-smp2-pc', () => apProbe('ap-probe-smp2-pc', 'pc', '2')],
  ['ap-probe-smp2-q35', () => apProbe('ap-probe-smp2-q35', 'q35', '2')],
  ['ap-probe-smp4-pc', () => apProbe('ap-probe-smp4-pc', 'pc', '4')],
  ['ap-probe-smp4-q35', () => apProbe('ap-probe-smp4-q35', 'q35', '4')],
  // APIC IDs 0, 1, 2, 4 (3 bits per socket for 3 cores): ID 4 is outside logical destination 06h.
  ['ap-probe-smp4-sockets2-pc', () => apProbe('ap-probe-smp4-sockets2-pc', 'pc', '4,sockets=2,cores=3,maxcpus=6')],
  ...['pc', 'q35'].flatMap((m) => [[`pci-irq-probe-${m}`, () => pciIrq(m)], [`pci-irq-probe-bridge-${m}`, () => pciIrq(m, 'bridge')]]),
  ['pci-irq-probe-pxb-pc', () => pciIrq('pc', 'pxb')], ['pci-irq-probe-rootport-q35', () => pciIrq('q35', 'rootport')],
  ['floppy-probe-pc', () => floppy('pc')], ['floppy-probe-q35', () => floppy('q35')],
  ['floppy-probe-readonly-pc', () => floppy('pc', 'readonly')],
  ['floppy-probe-order-c-pc', () => floppy('pc', 'order-c')], ['floppy-probe-order-a-pc', () => floppy('pc', 'order-a')],
  ['bootsect-hello-pc', () => bootsect('pc')], ['bootsect-hello-q35', () => bootsect('q35')],
  ['mb-vmgenid-probe-pc', () => probe('pc')], ['mb-vmgenid-probe-q35', () => probe('q35')],
  ['mb-vmgenid-probe-qmp-q35', () => probeQmp('q35')], ['mb-vmgenid-probe-qmp-pc', () => probeQmp('pc')],
  ['bench-loop-pc', () => benchLoop()],
  ['bzimage-probe-pc', () => bzimage('bzimage-probe-pc', ['-machine', 'pc'])],
  ['bzimage-probe-initrd-q35', () => bzimage('bzimage-probe-initrd-q35', ['-machine', 'q35', '-m', '256M', '-initrd', 'guest-images/bench-loop.img'])],
  // 1 GiB: the initrd ends on initrd_addr_max's page, so linuxboot_dma leaves it where QEMU put it.
  ['bzimage-probe-initrd-pc-1g', () => bzimage('bzimage-probe-initrd-pc-1g', ['-machine', 'pc', '-m', '1G', '-initrd', 'guest-images/bench-loop.img'])],
  // QEMU's default devices (VGA with SeaVGABIOS): the probe also makes Linux's int 10h video calls.
  ['bzimage-probe-int10-pc', () => bzimage('bzimage-probe-int10-pc', ['-machine', 'pc'], 'console=ttyS0 probe-int10', true)],
  // q35 with QEMU's default devices: the empty CD-ROM on AHCI port 2 costs a page of ZoneHigh (E801/E820).
  ['bzimage-probe-defaults-q35', () => bzimage('bzimage-probe-defaults-q35', ['-machine', 'q35', '-m', '512M'], 'console=ttyS0 fwlab=probe', true)],
  ['eltorito-probe-pc', () => eltorito('pc')], ['eltorito-probe-q35', () => eltorito('q35')],
  ...['pc', 'q35'].flatMap((m) => ['floppy', 'hd'].map((k) => [`cdemu-${k}-${m}`, () => cdemu(m, k)])),
  ['cdrom-drives-pc', () => cdromDrives('pc')], ['cdrom-drives-q35', () => cdromDrives('q35')],
  ['seabios-defaults-pc', () => seabiosDefaults('pc')], ['seabios-defaults-q35', () => seabiosDefaults('q35')],
  ['seabios-vga-pc', () => seabiosVga('pc')], ['seabios-vga-q35', () => seabiosVga('q35')],
  ['vga-probe-pc', () => vgaProbe('pc')], ['vga-probe-q35', () => vgaProbe('q35')],
  ...['pc', 'q35'].flatMap((m) => [['c', 'order=c'], ['dc', 'order=dc'], ['once-d', 'order=c,once=d'], ['n', 'order=n']]
    .map(([tag, boot]) => [`boot-order-${tag}-${m}`, () => bootOrder(m, tag, boot)])),
  ...['pc', 'q35'].flatMap((m) => ['floppy', 'cd'].map((tag) => [`bootindex-${tag}-${m}`, () => bootindex(m, tag)])),
  ...['strict', 'nostrict'].map((tag) => [`bootindex-${tag}-pc`, () => bootindex('pc', tag)]),
  ['apm-probe-pc', () => apmProbe('pc')], ['apm-probe-q35', () => apmProbe('q35')],
];
const wanted = process.argv.slice(2);
for (const [name, run] of RUNS) if (!wanted.length || wanted.some((p) => name.startsWith(p))) await run();
console.error(`captures written to ${fixtures}`);
