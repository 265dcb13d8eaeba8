import test from 'ava';
import { FakeWire } from './helpers/fake-wire.js';
import { FakeFwCfg, fixtureFiles } from './helpers/fake-fw-cfg.js';
import { FakePci } from './helpers/fake-pci.js';
import { CONFIGS, fwcfgPost, summary } from './helpers/fixtures.js';
import { fixturePath } from '../helpers/paths.js';
import { program } from '../../firmware/main.js';
import { findRsdp } from '../../firmware/loader/tables.js';
import { FSEG_ZONE_END, FSEG_ZONE_START } from '../../firmware/post.js';
import { HANDOVER_ADDR, HANDOVER_HEADER_SIZE, HANDOVER_OFFSETS, HANDOVER_SIGNATURE } from '../../src/spec/handover.js';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function bootFake(config: string) {
  const wire = new FakeWire();
  const pciFixture = fixturePath('qemu-7.2', config, 'seabios', 'query-pci.json');
  const pci = new FakePci(wire, pciFixture);
  // The host bridge carries QEMU's subsystem ids (they are in query-pci.json).
  const dev = new FakeFwCfg(wire, fixtureFiles(fwcfgPost(config)));
  // Rule 30: note the PCI config state at the first select of an ACPI blob.
  const exit = program.run(wire);
  return { wire, pci, dev, exit, pciFixture };
}

/** SeaBIOS's final e820 from its debugcon.log. */
function seabiosE820(config: string): { start: number; end: number; type: number }[] {
  const log = readFileSync(fixturePath('qemu-7.2', config, 'seabios', 'debugcon.log'), 'utf8');
  const part = log.slice(log.lastIndexOf('e820 map has'));
  return [...part.matchAll(/^\s+\d+: ([0-9a-f]+) - ([0-9a-f]+) = (\d)/gm)]
    .map((m) => ({ start: parseInt(m[1]!, 16), end: parseInt(m[2]!, 16), type: Number(m[3]) }));
}

for (const config of CONFIGS) {
  test(`${config}: full POST on a test wire — PCI, ACPI, e820, hand-over`, (t) => {
    const { wire, pci, dev, exit, pciFixture } = bootFake(config);
    t.deepEqual(exit, { kind: 'handover' }, wire.console);
    t.deepEqual(pci.snapshot(), FakePci.expected(pciFixture));
    const rsdp = findRsdp(wire, 0xe0000, 0x100000);
    t.truthy(rsdp, 'the standard E/F-segment scan finds the RSDP');
    t.true(rsdp! >= FSEG_ZONE_START && rsdp! < FSEG_ZONE_END);
    // Every table SeaBIOS installed is reachable from the RSDT with the same signature and length.
    const s = summary(config);
    const rsdt = wire.read32(rsdp! + 16);
    const n = (wire.read32(rsdt + 4) - 36) / 4;
    const sigs = Array.from({ length: n }, (_, i) => String.fromCharCode(...wire.readBytes(wire.read32(rsdt + 36 + 4 * i), 4)));
    t.deepEqual(sigs, s.acpi_tables.filter((x) => x.via === 'RSDT').map((x) => x.signature));
    // Hand-over record.
    t.is(String.fromCharCode(...wire.readBytes(HANDOVER_ADDR, 8)), HANDOVER_SIGNATURE);
    t.is(wire.readBytes(HANDOVER_ADDR, HANDOVER_HEADER_SIZE).reduce((a, b) => (a + b) & 0xff, 0), 0);
    t.is(wire.read32(HANDOVER_ADDR + HANDOVER_OFFSETS.rsdp), rsdp!);
    const count = wire.read32(HANDOVER_ADDR + HANDOVER_OFFSETS.e820Count);
    const at = wire.read32(HANDOVER_ADDR + HANDOVER_OFFSETS.e820Addr);
    const ours = Array.from({ length: count }, (_, i) => ({
      start: Number(wire.read64(at + 20 * i)), end: Number(wire.read64(at + 20 * i) + wire.read64(at + 20 * i + 8)), type: wire.read32(at + 20 * i + 16),
    }));
    // Same map as SeaBIOS's. On pc exactly (its boot disk is on IDE, which takes no ZoneHigh; with
    // vmgenid SeaBIOS's record of the WRITE_POINTER takes the page below the tables); on q35 its other
    // ZoneHigh users (the AHCI boot disk of the capture, nvme) move the RAM/reserved boundary.
    const theirs = seabiosE820(config);
    if (config.startsWith('pc-')) t.deepEqual(ours, theirs, 'e820 equal to SeaBIOS\'s');
    t.is(ours.length, theirs.length, wire.console);
    ours.forEach((e, i) => {
      const th = theirs[i]!;
      t.is(e.type, th.type);
      if (e.type === 1 && th.end < 0x20000000 && th.end > 0x1f000000) t.true(Math.abs(e.end - th.end) <= 0x10000, "SeaBIOS drivers (nvme, SMM) also take ZoneHigh pages");
      else if (e.type === 2 && th.start < 0x20000000 && th.start > 0x1f000000) t.true(Math.abs(e.start - th.start) <= 0x10000, "SeaBIOS drivers (nvme, SMM) also take ZoneHigh pages");
      else t.deepEqual(e, th);
    });
    // vmgenid: the WRITE_POINTER reached fw_cfg and the GUID is there.
    const addr = dev.file('etc/vmgenid_addr');
    if (addr) {
      const v = Number(new DataView(addr.data.buffer).getBigUint64(0, true));
      t.not(v, 0);
      t.deepEqual([...wire.readBytes(v, 16)], [0xaf, 0x6e, 0x4e, 0x32, 0xd1, 0xd1, 0xf6, 0x4b, 0xbf, 0x41, 0xb9, 0xbb, 0x6c, 0x91, 0xfb, 0x87]);
    }
  });
}

test('rule 30: PCI is programmed before the first select of an ACPI fw_cfg blob', (t) => {
  const { dev } = bootFake('q35-rootports');
  const acpiKeys = dev.files.map((f, i) => (f.name.startsWith('etc/acpi/') || f.name === 'etc/table-loader' ? 0x20 + i : -1)).filter((k) => k >= 0);
  const first = dev.selects.findIndex((k) => acpiKeys.includes(k & 0x3fff));
  t.true(first >= 0);
  t.is(dev.selects.slice(0, first).filter((k) => acpiKeys.includes(k & 0x3fff)).length, 0);
  // The keys selected before it: signature, ID, directory, then what SeaBIOS's smp_setup and
  // mptable_setup read — NB_CPUS, MAX_CPUS ("etc/max-cpus"), IRQ0_OVERRIDE (0x8002).
  t.deepEqual([...new Set(dev.selects.slice(0, first).map((k) => k & 0x3fff))].filter((k) => k < 0x20), [0, 1, 0x19, 0x05, 0x0f, 0x02]);
});

test('running out of PCI space is a firmware panic on the console, not an exception', (t) => {
  const base = JSON.parse(readFileSync(fixturePath('qemu-7.2', 'pc-default', 'seabios', 'query-pci.json'), 'utf8')) as { devices: unknown[] }[];
  const huge = (slot: number) => ({
    bus: 0, slot, function: 0, irq_pin: 0, id: { vendor: 0x1234, device: 0x1111 }, class_info: { class: 0x0300 },
    regions: [{ bar: 0, type: 'memory', address: 0, size: 2 ** 30, prefetch: true, mem_type_64: false }],
  });
  base[0]!.devices.push(huge(2), huge(3));
  const dir = mkdtempSync(join(tmpdir(), 'fwlab-pci-'));
  const path = join(dir, 'query-pci.json');
  writeFileSync(path, JSON.stringify(base));
  const wire = new FakeWire();
  new FakePci(wire, path);
  new FakeFwCfg(wire, fixtureFiles(fwcfgPost('pc-default')));
  const exit = program.run(wire);
  t.deepEqual(exit, { kind: 'halt', reason: 'PCI: out of 32bit address space' });
  t.regex(wire.console, /PANIC: PCI: out of 32bit address space/);
});

test('opt/fwlab/loader-policy selects the executor policy (strict here); unknown values are ignored', (t) => {
  for (const [value, policy] of [['strict', 'strict'], ['ovmf\n', 'ovmf'], ['bogus', 'seabios']] as const) {
    const wire = new FakeWire();
    new FakePci(wire, fixturePath('qemu-7.2', 'pc-default', 'seabios', 'query-pci.json'));
    const files = fixtureFiles(fwcfgPost('pc-default'));
    files.push({ name: 'opt/fwlab/loader-policy', data: new TextEncoder().encode(value), writable: false });
    new FakeFwCfg(wire, files);
    t.deepEqual(program.run(wire), { kind: 'handover' });
    t.regex(wire.console, new RegExp(`ok \\(policy ${policy}\\)`));
  }
});
