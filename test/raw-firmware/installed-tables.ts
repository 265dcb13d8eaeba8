/**
 * The ACPI tables a firmware left in guest memory, found as an OS finds them (RSDP in the
 * E/F-segments → RSDT → FADT → FACS/DSDT), with the fields that hold load addresses zeroed
 * (pointers, and the checksums covering them) so two installs compare byte for byte.
 */
import type { Machine } from '../../src/machine/machine.js';

const sig = (b: Uint8Array, at = 0) => String.fromCharCode(...b.subarray(at, at + 4));
const u32 = (b: Uint8Array, at: number) => new DataView(b.buffer, b.byteOffset).getUint32(at, true);
const zero = (b: Uint8Array, at: number, n: number) => b.fill(0, at, at + n);

/** ACPI 6.5 §5.2.5-5.2.9 field offsets: RSDP RsdtAddress, SDT header checksum, FADT FACS/DSDT/X_. */
const RSDP_CHECKSUM = 8;
const RSDP_RSDT = 16;
const SDT_LENGTH = 4;
const SDT_CHECKSUM = 9;
const SDT_HEADER = 36;
const FADT_FACS = 36;
const FADT_DSDT = 40;
const FADT_X_FACS = 132;
const FADT_X_DSDT = 140;

function findRsdp(m: Machine): number | undefined {
  for (let a = 0xe0000; a < 0x100000; a += 16) if (sig(m.memory.readBytes(a, 8)) === 'RSD ' && sig(m.memory.readBytes(a + 4, 4)) === 'PTR ') return a;
  return undefined;
}

function table(m: Machine, addr: number): Uint8Array {
  const len = u32(m.memory.readBytes(addr, 8), SDT_LENGTH);
  return m.memory.readBytes(addr, len);
}

/** Lower-case signature → normalised bytes (the fixture's acpi-installed/<sig>.dat naming). */
export function installedTables(m: Machine): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  const rsdpAt = findRsdp(m);
  if (rsdpAt === undefined) return out;
  const rsdp = m.memory.readBytes(rsdpAt, 20);
  const rsdtAt = u32(rsdp, RSDP_RSDT);
  out.set('rsdp', normalise('RSDP', rsdp));
  const rsdt = table(m, rsdtAt);
  out.set('rsdt', normalise('RSDT', rsdt));
  for (let i = SDT_HEADER; i + 4 <= rsdt.length; i += 4) {
    const t = table(m, u32(rsdt, i));
    out.set(sig(t).toLowerCase(), normalise(sig(t), t));
    if (sig(t) === 'FACP') {
      const facs = m.memory.readBytes(u32(t, FADT_FACS), 64);
      out.set('facs', facs);
      out.set('dsdt', normalise('DSDT', table(m, u32(t, FADT_DSDT))));
    }
  }
  return out;
}

export function normalise(signature: string, bytes: Uint8Array): Uint8Array {
  const b = Uint8Array.from(bytes);
  switch (signature) {
    case 'RSDP': zero(b, RSDP_CHECKSUM, 1); zero(b, RSDP_RSDT, 4); break;
    case 'RSDT': zero(b, SDT_CHECKSUM, 1); zero(b, SDT_HEADER, b.length - SDT_HEADER); break;
    case 'FACP':
      zero(b, SDT_CHECKSUM, 1); zero(b, FADT_FACS, 8);
      if (b.length >= FADT_X_DSDT + 8) { zero(b, FADT_X_FACS, 8); zero(b, FADT_X_DSDT, 8); }
      break;
    case 'SSDT': {
      // vmgenid's Name (VGIA, DWord) holds the GUID buffer's address (the loader's ADD_POINTER).
      const at = Buffer.from(b).indexOf('VGIA\x0c', 0, 'latin1');
      if (at >= 0) { zero(b, SDT_CHECKSUM, 1); zero(b, at + 5, 4); }
      break;
    }
    default: break;
  }
  return b;
}
