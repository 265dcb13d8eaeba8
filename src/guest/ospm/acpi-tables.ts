/** Finding and reading the ACPI tables in guest memory (ACPI 6.5 §5.2.5 RSDP search, §5.2.7-9). */
import type { CpuWire } from '../../spec/cpu-wire.js';
import { ACPI_HEADER_SIZE, FADT, FADT_FLAG, RSDP, RSDP_V1_SIZE } from '../../spec/acpi.js';
import { HANDOVER_ADDR, HANDOVER_OFFSETS, HANDOVER_SIGNATURE } from '../../spec/handover.js';

export interface TableRef {
  readonly signature: string;
  readonly address: number;
  readonly length: number;
  readonly checksumOk: boolean;
  readonly bytes: Uint8Array;
}

export interface FadtInfo {
  readonly revision: number;
  readonly sciInt: number;
  readonly smiCmd: number;
  readonly acpiEnable: number;
  readonly pm1aEvt: number;
  readonly pm1EvtLen: number;
  readonly pm1aCnt: number;
  readonly gpe0Blk: number;
  readonly gpe0BlkLen: number;
  readonly dsdt: number;
  readonly facs: number;
  /** FADT Flags.PWR_BUTTON: the power button is a control method device, not the fixed event. */
  readonly powerButtonIsDevice: boolean;
}

export interface AcpiTables {
  readonly rsdp: number;
  readonly rsdpRevision: number;
  readonly rsdpChecksumOk: boolean;
  readonly oemId: string;
  /** Every table reached, in discovery order (RSDT/XSDT, its entries, FACS, DSDT). */
  readonly tables: TableRef[];
  readonly fadt: FadtInfo | undefined;
  readonly dsdt: TableRef | undefined;
  readonly ssdts: TableRef[];
}

function sum(b: Uint8Array, n = b.length): number {
  let s = 0;
  for (let i = 0; i < n; i++) s = (s + b[i]!) & 0xff;
  return s;
}

function ascii(b: Uint8Array, off: number, len: number): string {
  return String.fromCharCode(...b.subarray(off, off + len));
}

const u32 = (b: Uint8Array, o: number) => (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
const u16 = (b: Uint8Array, o: number) => b[o]! | (b[o + 1]! << 8);
const u64n = (b: Uint8Array, o: number) => u32(b, o) + u32(b, o + 4) * 2 ** 32;

function isRsdp(wire: CpuWire, addr: number): boolean {
  return ascii(wire.readBytes(addr, 8), 0, 8) === 'RSD PTR ';
}

/** EBDA's first KiB, then 0xE0000-0xFFFFF on 16-byte boundaries; then the fwlab hand-over record. */
export function findRsdp(wire: CpuWire): number | undefined {
  const ebda = wire.read16(0x40e) << 4;
  if (ebda >= 0x80000 && ebda < 0xa0000) {
    for (let a = ebda; a < ebda + 1024; a += 16) if (isRsdp(wire, a)) return a;
  }
  const bios = wire.readBytes(0xe0000, 0x20000);
  for (let o = 0; o < bios.length; o += 16) {
    if (bios[o] === 0x52 && ascii(bios, o, 8) === 'RSD PTR ') return 0xe0000 + o;
  }
  const ho = wire.readBytes(HANDOVER_ADDR, 64);
  if (ascii(ho, 0, 8) === HANDOVER_SIGNATURE) {
    const a = u32(ho, HANDOVER_OFFSETS.rsdp);
    if (a && isRsdp(wire, a)) return a;
  }
  return undefined;
}

/** The hand-over record's flags (HANDOVER_FLAGS), 0 without a valid record. */
export function handoverFlags(wire: CpuWire): number {
  const ho = wire.readBytes(HANDOVER_ADDR, 64);
  return ascii(ho, 0, 8) === HANDOVER_SIGNATURE ? u32(ho, HANDOVER_OFFSETS.flags) : 0;
}

export function readTable(wire: CpuWire, address: number): TableRef | undefined {
  const head = wire.readBytes(address, ACPI_HEADER_SIZE);
  const signature = ascii(head, 0, 4);
  const length = u32(head, 4);
  if (!/^[A-Z0-9_ ]{4}$/.test(signature) || length < ACPI_HEADER_SIZE || length > 0x1000000) return undefined;
  const bytes = wire.readBytes(address, length);
  return { signature, address, length, checksumOk: sum(bytes) === 0, bytes };
}

function readFacs(wire: CpuWire, address: number): TableRef | undefined {
  const head = wire.readBytes(address, 8);
  if (ascii(head, 0, 4) !== 'FACS') return undefined;
  const length = u32(head, 4);
  return { signature: 'FACS', address, length, checksumOk: true, bytes: wire.readBytes(address, Math.min(length, 256)) };
}

function parseFadt(t: TableRef): FadtInfo {
  const b = t.bytes;
  const has = (off: number, size: number) => t.length >= off + size;
  const xDsdt = has(FADT.X_DSDT, 8) ? u64n(b, FADT.X_DSDT) : 0;
  const xFacs = has(FADT.X_FIRMWARE_CTRL, 8) ? u64n(b, FADT.X_FIRMWARE_CTRL) : 0;
  return {
    revision: b[8]!,
    sciInt: u16(b, FADT.SCI_INT),
    smiCmd: u32(b, FADT.SMI_CMD),
    acpiEnable: b[FADT.ACPI_ENABLE]!,
    pm1aEvt: u32(b, FADT.PM1a_EVT_BLK),
    pm1EvtLen: b[FADT.PM1_EVT_LEN]!,
    pm1aCnt: u32(b, FADT.PM1a_CNT_BLK),
    gpe0Blk: u32(b, FADT.GPE0_BLK),
    gpe0BlkLen: b[FADT.GPE0_BLK_LEN]!,
    dsdt: xDsdt || u32(b, FADT.DSDT),
    facs: xFacs || u32(b, FADT.FIRMWARE_CTRL),
    powerButtonIsDevice: b.length >= FADT.Flags + 4 && (u32(b, FADT.Flags) & FADT_FLAG.PWR_BUTTON) !== 0,
  };
}

/** Walk RSDP → XSDT (or RSDT) → every table; FADT → FACS and DSDT. */
export function readAcpiTables(wire: CpuWire, rsdp: number): AcpiTables {
  const r = wire.readBytes(rsdp, 36);
  const rsdpRevision = r[RSDP.revision]!;
  let rsdpChecksumOk = sum(r, RSDP_V1_SIZE) === 0;
  if (rsdpRevision >= 2) rsdpChecksumOk &&= sum(r, Math.min(u32(r, RSDP.length), 36)) === 0;
  const xsdtAddr = rsdpRevision >= 2 ? u64n(r, RSDP.xsdtAddress) : 0;
  const tables: TableRef[] = [];
  const root = xsdtAddr ? readTable(wire, xsdtAddr) : readTable(wire, u32(r, RSDP.rsdtAddress));
  let fadt: FadtInfo | undefined;
  let dsdt: TableRef | undefined;
  const ssdts: TableRef[] = [];
  if (root) {
    tables.push(root);
    const entry = root.signature === 'XSDT' ? 8 : 4;
    for (let o = ACPI_HEADER_SIZE; o + entry <= root.length; o += entry) {
      const addr = entry === 8 ? u64n(root.bytes, o) : u32(root.bytes, o);
      const t = addr ? readTable(wire, addr) : undefined;
      if (!t) continue;
      tables.push(t);
      if (t.signature === 'FACP' && !fadt) fadt = parseFadt(t);
      if (t.signature === 'SSDT') ssdts.push(t);
    }
  }
  if (fadt) {
    const facs = fadt.facs ? readFacs(wire, fadt.facs) : undefined;
    if (facs) tables.push(facs);
    dsdt = fadt.dsdt ? readTable(wire, fadt.dsdt) : undefined;
    if (dsdt) tables.push(dsdt);
  }
  return { rsdp, rsdpRevision, rsdpChecksumOk, oemId: ascii(r, RSDP.oemId, 6).trim(), tables, fadt, dsdt, ssdts };
}
