/**
 * Replays what Debian's QEMU 7.2 answered to qtest scripts (test/fixtures/qtest/*.trace, recorded by
 * scripts/record-qtest.mjs with the CPU stopped) against fwlab's machine built with the same options:
 * the 8259/ELCR, 8254 + port 0x61, i8042, port 0x92, RTC, I/O APIC and HPET registers from reset, and
 * the ICH9 AHCI HBA driven through whole commands (IDENTIFY, DMA and PIO reads/writes, errors), and
 * ATAPI CD-ROMs on the PIIX IDE channel and AHCI port 2, with a medium and empty (atapi-*.trace), and
 * the isa-fdc with the 8237 ISA DMA, with an image, QEMU's empty default drive and no drive (fdc-*.trace),
 * and QEMU's default LPT1 (parallel-pc.trace), and the PIIX IDE bus master (bmdma-*.trace: BAR4's
 * registers, READ/WRITE DMA (EXT) and PACKET with DMA, PRD tables shorter and longer than the
 * transfer, bus mastering off) with the memory the transfers filled; a medium change made through
 * QMP between register accesses (media-change-pc.trace: `#qmp` lines run on fwlab's monitor, whose
 * reply and events must be QEMU's, the qdev path, node names and host allocation sizes by type); and the
 * std VGA (vga-pc.trace: register masks and indices, the attribute flip-flop, the DAC, the Bochs VBE
 * interface, the planar legacy window in every write and read mode, chain 4, the MMIO BAR) and its EDID blob
 * with QEMU's defaults and with the EDID properties (edid-*.trace); and native PCIe hot-plug on ports
 * below a pxb-pcie (pciehp-*.trace, scripts/gen-pciehp-qtest.mjs): a root port signalling by INTx and MSI-X, an
 * xio3130 downstream port by MSI into RAM, hotplug=off refusing, device_add / device_del with QEMU's
 * errors and DEVICE_DELETED once the guest powered the slot off, a removal request expiring after 5 s;
 * and a pci-bridge's SHPC below a pxb (shpc-pxb-pc.trace, scripts/gen-shpc-qtest.mjs).
 */
import test from 'ava';
import { readdirSync, readFileSync } from 'node:fs';
import { createMachine } from '../../src/machine/create-machine.js';
import type { Machine } from '../../src/machine/machine.js';
import { fixturePath, repoRoot } from '../helpers/paths.js';
import { MonitorSession } from '../../src/tools/monitor/monitor-session.js';

const SIZES: Readonly<Record<string, 1 | 2 | 4>> = { b: 1, w: 2, l: 4 };

/** Perform one qtest command on the machine; the answer in qtest's notation. */
function perform(m: Machine, command: string): string {
  const [op, a, b, c] = command.split(/\s+/);
  const addr = Number(a);
  const value = Number(b);
  // Bulk memory access: `read ADDR LEN` answers the bytes in hex; `write ADDR LEN 0xBYTES`; `memset ADDR LEN BYTE`.
  if (op === 'read') return `OK 0x${Buffer.from(m.memory.readBytes(addr, value)).toString('hex')}`;
  if (op === 'write') { m.memory.writeBytes(addr, Uint8Array.from(Buffer.from(c!.slice(2).padStart(value * 2, '0'), 'hex'))); return 'OK'; }
  if (op === 'memset') { m.memory.writeBytes(addr, new Uint8Array(value).fill(Number(c))); return 'OK'; }
  const io = /^(in|out)([bwl])$/.exec(op ?? '');
  const mem = /^(read|write)([bwl])$/.exec(op ?? '');
  const size = SIZES[(io ?? mem)?.[2] ?? ''];
  if (!size) throw new Error(`unsupported qtest command ${command}`);
  if (io?.[1] === 'out') { m.ports.write(addr, size, value); return 'OK'; }
  if (io?.[1] === 'in') return `OK 0x${m.ports.read(addr, size).toString(16).padStart(4, '0')}`;
  if (mem?.[1] === 'write') { m.memory.write(addr, size, value); return 'OK'; }
  return `OK 0x${m.memory.read(addr, size).toString(16).padStart(16, '0')}`;
}

/** QEMU's own numbering (qdev paths, block node names) and the host's allocated sizes by type; keys sorted. */
function byType(v: unknown, key = ''): unknown {
  if (['qdev', 'node-name', 'actual-size', 'id'].includes(key)) return typeof v;
  if (Array.isArray(v)) return v.map((x) => byType(x));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, byType(x, k)]));
  return v;
}

for (const file of readdirSync(fixturePath('qtest')).filter((f) => f.endsWith('.trace'))) {
  test(`qtest trace ${file}: fwlab answers as QEMU 7.2 did`, async (t) => {
    const lines = readFileSync(fixturePath('qtest', file), 'utf8').split('\n');
    const options = /^# qemu: (.*)$/m.exec(lines.join('\n'))?.[1];
    if (!options) throw new Error(`${file}: no "# qemu:" line`);
    // Image paths in the options are relative to the repository (QEMU ran there).
    const m = createMachine(options.split(/\s+/).map((o, i, all) => (/^-(hd[a-d]|fd[ab])$/.test(all[i - 1] ?? '') && !o.startsWith('/')
      ? `${repoRoot()}/${o}` : o.replace(/(^|,)file=(?!\/)/, `$1file=${repoRoot()}/`))));
    m.reset();
    const mismatches: string[] = [];
    let monitor: MonitorSession | undefined;
    let pendingDeleted: readonly { event: string; data?: unknown }[] = [];
    for (const line of lines) {
      if (line.startsWith('#qmp ')) {
        const [command, answer] = line.slice(5).split('\t');
        if (!monitor) {
          monitor = new MonitorSession(m, { guest: 'none' });
          await monitor.handle({ execute: 'qmp_capabilities' });
        }
        // QEMU sends DEVICE_DELETED when the device is finalized, an RCU grace period after the
        // removal (the recordings pause before each command): it arrives with the next reply.
        const compared = (e: { event: string }) => e.event === 'DEVICE_TRAY_MOVED' || e.event === 'DEVICE_DELETED';
        const before = [...pendingDeleted, ...monitor.takeEvents().filter(compared)];
        const reply = await monitor.handle(JSON.parse(command!) as Record<string, unknown>);
        const after = monitor.takeEvents();
        const events = [...before, ...after.filter((e) => e.event === 'DEVICE_TRAY_MOVED')].map(({ event, data }) => ({ event, data }));
        pendingDeleted = after.filter((e) => e.event === 'DEVICE_DELETED');
        // fwlab opened the images by absolute path (QEMU ran in the repository).
        const got = JSON.stringify(byType({ reply, events })).replaceAll(`${repoRoot()}/`, '');
        const want = JSON.stringify(byType(JSON.parse(answer!)));
        if (got !== want) mismatches.push(`#qmp ${command}: QEMU ${want}, fwlab ${got}`);
        continue;
      }
      // A recording of a running QEMU (scripts/record-qtest.mjs `# run: halted-cpu`) paused here: its virtual time moved.
      const wait = /^#wait (\d+)$/.exec(line);
      if (wait) m.clock.advance(Number(wait[1]) * 1e6);
      if (!line || line.startsWith('#')) continue;
      const [command, answer] = line.split('\t');
      const got = perform(m, command!);
      if (got !== answer) mismatches.push(`${command}: QEMU ${answer}, fwlab ${got}`);
    }
    t.deepEqual(mismatches, []);
  });
}
