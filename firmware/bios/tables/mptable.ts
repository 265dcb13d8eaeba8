/**
 * The MultiProcessor Specification 1.4 tables SeaBIOS 1.16.2 builds on QEMU (src/fw/mptable.c):
 * the 16-byte `_MP_` floating pointer followed by the `PCMP` configuration table (§4): one
 * processor entry per package (APIC IDs 0, pkg, 2*pkg... below the CPU limit, "enabled" only for
 * the CPUs present, BSP flag on ID 0), a PCI bus 0 when there are PCI devices, the ISA bus, the
 * I/O APIC (ID 0, version 0x11, 0xFEC00000), one INT entry per interrupt pin used on bus 0
 * (first pin of each device only once), the ISA IRQs outside the PCI set 5, 9, 10, 11 (IRQ0 to
 * INTIN2 and no IRQ2 under etc/irq0-override), and the two local entries (ExtINT, NMI).
 */
import { fixChecksum } from './fseg-copy.js';

export interface MpCpuInfo {
  /** CPUID.1 EAX and EDX as the MP processor entry shows them. */
  readonly signature: number;
  readonly features: number;
  /** Logical processors per package (CPUID.1 EBX[23:16] with EDX.HTT). */
  readonly logicalPerPackage: number;
  readonly apicVersion: number;
  /** SeaBIOS's MaxCountCPUs: max(etc/max-cpus, present CPUs). */
  readonly maxCpus: number;
  readonly presentApicIds: ReadonlySet<number>;
}

export interface MpPciFunction {
  readonly bdf: number;
  readonly pin: number;
  readonly line: number;
}

export interface MpInput {
  readonly cpu: MpCpuInfo;
  /** PCI functions in SeaBIOS's device-list order (bus 0 first). */
  readonly pci: readonly MpPciFunction[];
  readonly irq0Override: boolean;
}

const CONFIG_HEADER_SIZE = 44;
const LAPIC_BASE = 0xfee00000;
const IOAPIC_BASE = 0xfec00000;
const IOAPIC_ID = 0;
const IOAPIC_VERSION = 0x11;
/** SeaBIOS BUILD_PCI_IRQS: the ISA IRQs PCI links may take, left out of the ISA entries. */
const PCI_IRQS = (1 << 5) | (1 << 9) | (1 << 10) | (1 << 11);
const OEM_ID = 'BOCHSCPU';
const PRODUCT_ID = '0.1         ';

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
const u16 = (v: number): number[] => [v & 0xff, (v >>> 8) & 0xff];
const u32 = (v: number): number[] => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];

/** Entries of the configuration table, and their count. */
function entries(input: MpInput): { bytes: number[]; count: number } {
  const out: number[] = [];
  let count = 0;
  const { cpu } = input;
  let pkg = 1;
  if (cpu.features & (1 << 28)) {
    pkg = 1;
    while (pkg < cpu.logicalPerPackage) pkg <<= 1;
  }
  for (let id = 0; id < cpu.maxCpus; id += pkg) {
    const flags = (cpu.presentApicIds.has(id) ? 0x01 : 0) | (id === 0 ? 0x02 : 0);
    out.push(0, id & 0xff, cpu.apicVersion, flags, ...u32(cpu.signature), ...u32(cpu.features), ...u32(0), ...u32(0));
    count++;
  }
  let isaBus = 0;
  if (input.pci.length > 0) {
    out.push(1, 0, ...ascii('PCI   '));
    isaBus = 1;
    count++;
  }
  out.push(1, isaBus, ...ascii('ISA   '));
  out.push(2, IOAPIC_ID, IOAPIC_VERSION, 0x01, ...u32(IOAPIC_BASE));
  count += 2;
  const intEntry = (kind: number, irqType: number, flags: number, bus: number, busIrq: number, apic: number, line: number): void => {
    out.push(kind, irqType, ...u16(flags), bus, busIrq, apic, line);
    count++;
  };
  let dev = -1;
  let seen = 0;
  for (const f of input.pci) {
    if (f.bdf >> 8 !== 0) break;
    if (f.pin === 0) continue;
    if (f.bdf >> 3 !== dev) {
      dev = f.bdf >> 3;
      seen = 0;
    }
    if (seen & (1 << f.pin)) continue;
    seen |= 1 << f.pin;
    intEntry(3, 0, 1, 0, ((f.bdf >> 3 & 0x1f) << 2) | (f.pin - 1), IOAPIC_ID, f.line);
  }
  for (let irq = 0; irq < 16; irq++) {
    if (PCI_IRQS & (1 << irq)) continue;
    if (input.irq0Override && irq === 2) continue;
    intEntry(3, 0, 0, isaBus, irq, IOAPIC_ID, input.irq0Override && irq === 0 ? 2 : irq);
  }
  intEntry(4, 3, 0, isaBus, 0, 0, 0); // ExtINT to the BSP's LINT0
  intEntry(4, 1, 0, isaBus, 0, 0xff, 1); // NMI to every LINT1
  return { bytes: out, count };
}

/** The floating pointer and, right after it, the configuration table, as placed at `addr`. */
export function buildMpTable(input: MpInput, addr: number): Uint8Array {
  const { bytes, count } = entries(input);
  const length = CONFIG_HEADER_SIZE + bytes.length;
  const b = new Uint8Array(16 + length);
  const dv = new DataView(b.buffer);
  b.set(ascii('_MP_'), 0);
  dv.setUint32(4, addr + 16, true);
  b[8] = 1; // length in 16-byte units
  b[9] = 4; // spec revision 1.4
  fixChecksum(b, 10, 0, 16);
  const c = 16;
  b.set(ascii('PCMP'), c);
  dv.setUint16(c + 4, length, true);
  b[c + 6] = 4;
  b.set(ascii(OEM_ID), c + 8);
  b.set(ascii(PRODUCT_ID), c + 16);
  dv.setUint16(c + 34, count, true);
  dv.setUint32(c + 36, LAPIC_BASE, true);
  b.set(bytes, c + CONFIG_HEADER_SIZE);
  fixChecksum(b, c + 7, c, c + length);
  return b;
}

/** Bytes the copy takes (SeaBIOS skips the copy past BUILD_MAX_MPTABLE_FSEG). */
export function mpTableSize(input: MpInput): number {
  return 16 + CONFIG_HEADER_SIZE + entries(input).bytes.length;
}
