import test from 'ava';
import { readFileSync, readdirSync } from 'node:fs';
import { createMachine } from '../../src/machine/create-machine.js';
import type { Machine } from '../../src/machine/machine.js';
import { fixturePath } from '../helpers/paths.js';
import { program, lastOspm } from '../../src/guest/main.js';
import { guidToMicrosoftBytes } from '../../src/lib/guid.js';

const GUID = '324e6eaf-d1d1-4bf6-bf41-b9bb6c91fb87';
const EBDA = 0x9fc00;

const le32 = (b: Uint8Array, o: number, v: number) => {
  b[o] = v & 0xff;
  b[o + 1] = (v >>> 8) & 0xff;
  b[o + 2] = (v >>> 16) & 0xff;
  b[o + 3] = (v >>> 24) & 0xff;
};

function fixChecksum(b: Uint8Array, at: number, len = b.length): void {
  b[at] = 0;
  let s = 0;
  for (let i = 0; i < len; i++) s += b[i]!;
  b[at] = (0x100 - (s & 0xff)) & 0xff;
}

/**
 * Stand-in for the firmware: copy a fixture's installed tables to 1 MiB, point a fresh
 * RSDT and the FADT at the copies and put the RSDP in the EBDA (BDA 0x40E).
 */
function installFixtureTables(m: Machine, config: string, corrupt?: string): void {
  const dir = fixturePath('qemu-7.2', config, 'seabios', 'acpi-installed');
  const bySig = new Map<string, Uint8Array>();
  for (const f of readdirSync(dir).sort()) {
    if (f === 'rsdp.dat' || f === 'rsdt.dat') continue;
    const b = new Uint8Array(readFileSync(`${dir}/${f}`));
    bySig.set(String.fromCharCode(...b.subarray(0, 4)), b);
  }
  let next = 0x100000;
  const place = (b: Uint8Array) => {
    const at = next;
    m.memory.writeBytes(at, b);
    next = (next + b.length + 15) & ~15;
    return at;
  };
  const facsAddr = place(bySig.get('FACS')!);
  const dsdtAddr = place(bySig.get('DSDT')!);
  const facp = bySig.get('FACP')!.slice();
  le32(facp, 36, facsAddr);
  le32(facp, 40, dsdtAddr);
  if (facp.length >= 148) {
    le32(facp, 132, 0);
    le32(facp, 136, 0);
    le32(facp, 140, dsdtAddr);
    le32(facp, 144, 0);
  }
  fixChecksum(facp, 9);
  const entries = [place(facp)];
  for (const [sig, b] of bySig) {
    if (['FACS', 'DSDT', 'FACP'].includes(sig)) continue;
    const copy = b.slice();
    if (sig === corrupt) copy[9] = (copy[9]! + 1) & 0xff;
    entries.push(place(copy));
  }
  const rsdt = new Uint8Array(36 + 4 * entries.length);
  rsdt.set(bySig.get('FACP')!.subarray(0, 36));
  rsdt.set([0x52, 0x53, 0x44, 0x54], 0);
  le32(rsdt, 4, rsdt.length);
  entries.forEach((a, i) => le32(rsdt, 36 + 4 * i, a));
  fixChecksum(rsdt, 9);
  const rsdtAddr = place(rsdt);
  const rsdp = new Uint8Array(20);
  rsdp.set([...'RSD PTR '].map((c) => c.charCodeAt(0)));
  rsdp.set([...'BOCHS '].map((c) => c.charCodeAt(0)), 9);
  le32(rsdp, 16, rsdtAddr);
  fixChecksum(rsdp, 8);
  m.memory.writeBytes(EBDA, rsdp);
  m.memory.writeBytes(0x40e, new Uint8Array([(EBDA >> 4) & 0xff, EBDA >> 12]));
}

function machineWithTables(config: string, args: string[], corrupt?: string): Machine {
  const m = createMachine(args);
  installFixtureTables(m, config, corrupt);
  m.setPmBase(config.startsWith('q35') ? 0x600 : 0xb000);
  return m;
}

test('OSPM on q35-vmgenid tables: finds the RSDP, loads the AML, reports devices and the GUID read through ADDR', (t) => {
  const m = machineWithTables('q35-vmgenid', ['-machine', 'q35', '-m', '512M', '-nodefaults']);
  m.memory.writeBytes(0x1ffff028, guidToMicrosoftBytes(GUID));
  const exit = m.cpu.run(program);
  t.deepEqual(exit, { kind: 'idle' });
  const lines = lastOspm!.console.lines;
  t.log(lines.slice(0, 12).join('\n'));
  t.true(lines.some((l) => /^ospm: rsdp 0x9fc00 rev=0 oem=BOCHS checksum=ok$/.test(l)));
  t.false(lines.some((l) => /checksum=BAD/.test(l)));
  t.true(lines.some((l) => l.startsWith('ospm: table DSDT ')));
  t.true(lines.some((l) => l.startsWith('ospm: device \\_SB_.PCI0 hid=PNP0A08 cid=PNP0A03')));
  t.true(lines.some((l) => l.startsWith('ospm: device \\_SB_.VGEN hid=QEMUVGID cid=VM_Gen_Counter')));
  t.true(lines.includes('ospm: acpi-mode enabled sci=9'));
  t.true(lines.some((l) => l.startsWith('ospm: gpe-enabled ') && l.includes('0x5')));
  t.true(lines.includes(`ospm: vmgenid ${GUID} addr=0x1ffff028 \\_SB_.VGEN`));
  const dbg = m.debugConsole.lines.join('\n');
  t.true(dbg.includes(`ospm: vmgenid ${GUID}`));
});

test('OSPM: a GPE 5 SCI runs \\_GPE._E05, Notify(VGEN, 0x80) reaches the vmgenid driver, which re-reads the GUID', (t) => {
  const m = machineWithTables('q35-vmgenid', ['-machine', 'q35', '-m', '512M', '-nodefaults']);
  m.memory.writeBytes(0x1ffff028, guidToMicrosoftBytes(GUID));
  m.cpu.run(program);
  const NEW = '01234567-89ab-4def-8123-456789abcdef';
  m.memory.writeBytes(0x1ffff028, guidToMicrosoftBytes(NEW));
  m.acpiPm.raiseGpe(5);
  const lines = lastOspm!.console.lines;
  t.true(lines.includes('ospm: gpe 0x5 \\_GPE._E05'));
  t.true(lines.includes('ospm: notify \\_SB_.VGEN 0x80'));
  t.true(lines.includes(`ospm: vmgenid-changed ${NEW} previous=${GUID}`));
  t.false(m.acpiPm.gpeStatus(5), 'status cleared by the SCI handler');
});

test('OSPM on pc-default tables: PCI config reads of the PIIX ISA bridge go through CF8/CFC', (t) => {
  const m = machineWithTables('pc-default', ['-machine', 'pc', '-m', '128M', '-nodefaults']);
  const cf8: number[] = [];
  const wire = new Proxy(m.cpu, {
    get(target, key) {
      if (key === 'out32') return (port: number, v: number) => {
        if (port === 0xcf8) cf8.push(v >>> 0);
        target.out32(port, v);
      };
      const v = Reflect.get(target, key) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  const exit = program.run(wire);
  t.deepEqual(exit, { kind: 'idle' });
  // The PIIX3 ISA bridge (00:01.0) PIRQ routing registers 0x60-0x63 read by the LNKx methods.
  t.true(cf8.includes(0x80000860), cf8.map((x) => x.toString(16)).join(','));
  const lines = lastOspm!.console.lines;
  t.true(lines.some((l) => l.startsWith('ospm: device \\_SB_.PCI0 hid=PNP0A03')));
  t.false(lines.some((l) => l.startsWith('ospm: vmgenid ')));
});

test('OSPM reports a table with a bad checksum and goes on', (t) => {
  const m = machineWithTables('q35-vmgenid', ['-machine', 'q35', '-m', '512M', '-nodefaults'], 'SSDT');
  m.memory.writeBytes(0x1ffff028, guidToMicrosoftBytes(GUID));
  t.deepEqual(m.cpu.run(program), { kind: 'idle' });
  const lines = lastOspm!.console.lines;
  t.true(lines.some((l) => /^ospm: table SSDT 0x[0-9a-f]+ len=0xca checksum=BAD$/.test(l)));
  t.true(lines.some((l) => /^ospm: table APIC .* checksum=ok$/.test(l)));
  t.true(lines.includes(`ospm: vmgenid ${GUID} addr=0x1ffff028 \\_SB_.VGEN`), 'the SSDT is still loaded');
});

test('OSPM without tables halts with a reason', (t) => {
  const m = createMachine(['-machine', 'q35', '-nodefaults']);
  const exit = m.cpu.run(program);
  t.deepEqual(exit, { kind: 'halt', reason: 'ospm: no RSDP found' });
});
