/**
 * The EDID a QEMU 7.2 display device shows its guest (std VGA: the first 384 bytes of the MMIO BAR):
 * a VESA E-EDID 1.4 base block, a CTA-861 extension and, for a preferred mode of 4096 pixels or more
 * (too wide for a detailed timing), a DisplayID 1.3 extension with the mode. The field layout is the standard's; the
 * values (vendor "RHT", product 0x1234, week 42 of 2014, the made-up blanking, the mode list and how
 * it is spread over the timing fields) are QEMU 7.2's, checked against its blobs
 * (test/fixtures/qtest/edid-*.trace).
 */

/** The device properties that shape the blob (`xres`, `yres`, `xmax`, `ymax`, `refresh_rate`; 0 = default). */
export interface EdidInfo {
  readonly prefx?: number;
  readonly prefy?: number;
  readonly maxx?: number;
  readonly maxy?: number;
  /** mHz. */
  readonly refreshRate?: number;
}

export const EDID_BLOB_SIZE = 384;
const BLOCK = 128;
const DESCRIPTOR = 18;
const FIRST_DESCRIPTOR = 54;
const STD_TIMINGS = 38;
const EXTENSION_COUNT = 126;

/** QEMU 7.1+ defaults: a WXGA panel at 75 Hz, 100 dpi. */
const DEFAULT_X = 1280;
const DEFAULT_Y = 800;
const DEFAULT_REFRESH_MHZ = 75_000;
const DPI = 100;

/** Where a mode is announced: an established-timing bit, an "additional standard timings 3" bit, a CTA VIC. */
interface Mode {
  readonly x: number;
  readonly y: number;
  /** Established timings: byte index in the base block and bit. */
  readonly est?: readonly [number, number];
  /** Standard timings 3 descriptor: byte index in the descriptor and bit (VESA E-EDID table 3.30). */
  readonly std3?: readonly [number, number];
  /** CTA-861 video identification code. */
  readonly vic?: number;
}

/** QEMU 7.2's list, in its order (the order decides which modes get the eight standard-timing slots). */
const MODES: readonly Mode[] = [
  { x: 5120, y: 2160, vic: 125 }, { x: 4096, y: 2160, vic: 101 }, { x: 3840, y: 2160, vic: 96 },
  { x: 2560, y: 1080, vic: 89 }, { x: 2048, y: 1152 }, { x: 1920, y: 1080, vic: 31 },
  { x: 3840, y: 2160, vic: 97 },
  { x: 1920, y: 1200, std3: [10, 0] }, { x: 1600, y: 1200, std3: [9, 2] }, { x: 1680, y: 1050, std3: [9, 5] },
  { x: 1440, y: 900, std3: [8, 5] }, { x: 1280, y: 1024, std3: [7, 1] }, { x: 1280, y: 960, std3: [7, 3] },
  { x: 1280, y: 768, std3: [7, 6] },
  { x: 1920, y: 1440, std3: [11, 5] }, { x: 1856, y: 1392, std3: [10, 3] }, { x: 1792, y: 1344, std3: [10, 5] },
  { x: 1440, y: 1050, std3: [8, 1] }, { x: 1360, y: 768, std3: [8, 7] },
  { x: 1024, y: 768, est: [36, 3] }, { x: 800, y: 600, est: [35, 0] }, { x: 640, y: 480, est: [35, 5] },
];

interface Timings { xfront: number; xsync: number; xblank: number; yfront: number; ysync: number; yblank: number; clock10kHz: number }

/** QEMU's invented porches and sync widths (fractions of the active size) and the pixel clock they give. */
function timings(refreshMhz: number, x: number, y: number): Timings {
  const xblank = Math.floor(x * 35 / 100);
  const yblank = Math.floor(y * 35 / 1000);
  return {
    xfront: Math.floor(x * 25 / 100), xsync: Math.floor(x * 3 / 100), xblank,
    yfront: Math.floor(y * 5 / 1000), ysync: Math.floor(y * 5 / 1000), yblank,
    clock10kHz: Number((BigInt(refreshMhz) * BigInt(x + xblank) * BigInt(y + yblank)) / 10_000_000n),
  };
}

/** A standard timing (E-EDID 3.9): (x/8 − 31, aspect code, refresh − 60 = 0); false when not expressible. */
function standardTiming(x: number, y: number): readonly [number, number] | false {
  const aspect = x * 10 === y * 16 ? 0 : x * 3 === y * 4 ? 1 : x * 4 === y * 5 ? 2 : x * 9 === y * 16 ? 3 : -1;
  if (aspect < 0 || Math.floor(x / 8) - 31 > 255) return false;
  return [Math.floor(x / 8) - 31, aspect << 6];
}

/** Detailed timing descriptor (E-EDID 3.10.2). */
function detailedTiming(d: Uint8Array, refreshMhz: number, x: number, y: number, xmm: number, ymm: number): void {
  const t = timings(refreshMhz, x, y);
  d[0] = t.clock10kHz & 0xff;
  d[1] = (t.clock10kHz >>> 8) & 0xff;
  d[2] = x & 0xff;
  d[3] = t.xblank & 0xff;
  d[4] = ((x & 0xf00) >> 4) | ((t.xblank & 0xf00) >> 8);
  d[5] = y & 0xff;
  d[6] = t.yblank & 0xff;
  d[7] = ((y & 0xf00) >> 4) | ((t.yblank & 0xf00) >> 8);
  d[8] = t.xfront & 0xff;
  d[9] = t.xsync & 0xff;
  d[10] = ((t.yfront & 0xf) << 4) | (t.ysync & 0xf);
  d[11] = ((t.xfront & 0x300) >> 2) | ((t.xsync & 0x300) >> 4) | ((t.yfront & 0x30) >> 2) | ((t.ysync & 0x30) >> 4);
  d[12] = xmm & 0xff;
  d[13] = ymm & 0xff;
  d[14] = ((xmm & 0xf00) >> 4) | ((ymm & 0xf00) >> 8);
  d[17] = 0x18; // digital separate sync
}

/** Display descriptor header (E-EDID 3.10.3): three zero bytes, the tag, a zero byte. */
function displayDescriptor(d: Uint8Array, tag: number): void {
  d.fill(0, 0, 5);
  d[3] = tag;
}

function text(d: Uint8Array, tag: number, s: string): void {
  displayDescriptor(d, tag);
  d.fill(0x20, 5, 18);
  const n = Math.min(s.length, 12);
  for (let i = 0; i < n; i++) d[5 + i] = s.charCodeAt(i);
  d[5 + n] = 0x0a;
}

/** 10-bit CIE coordinate as QEMU rounds it (single-precision value × 1024 + 0.5, truncated). */
function tenBit(v: number): number {
  return Math.floor(Math.fround(Math.fround(v) * 1024 + 0.5));
}

/** Makes bytes [0, len] sum to 0 mod 256 by setting byte len (left alone when they already do). */
function checksum(bytes: Uint8Array, len = BLOCK - 1): void {
  let sum = 0;
  for (let i = 0; i < len; i++) sum += bytes[i]!;
  if (sum & 0xff) bytes[len] = 0x100 - (sum & 0xff);
}

/**
 * DisplayID 1.3 extension block (EDID extension tag 0x70) with one Type I detailed timing data block
 * (tag 0x03, 20 bytes: 24-bit clock in 10 kHz, aspect "undefined", each size/porch/width minus one).
 */
function displayId(did: Uint8Array, refreshMhz: number, x: number, y: number): void {
  const t = timings(refreshMhz, x, y);
  did.set([0x70, 0x13, 23, 0x03, 0x00, 0x03, 0x00, 0x14, t.clock10kHz & 0xff, (t.clock10kHz >> 8) & 0xff, (t.clock10kHz >> 16) & 0xff, 0x88]);
  [x, t.xblank, t.xfront, t.xsync, y, t.yblank, t.yfront, t.ysync].forEach((v, i) => {
    did[12 + 2 * i] = (v - 1) & 0xff;
    did[13 + 2 * i] = ((v - 1) >> 8) & 0xff;
  });
  // The section checksum covers the section from its version byte; the block's own comes last.
  checksum(did.subarray(1), did[2]! + 4);
  checksum(did);
}

/** The 256-byte blob for these properties. */
export function qemuEdid(info: EdidInfo = {}): Uint8Array {
  const edid = new Uint8Array(EDID_BLOB_SIZE);
  const prefx = info.prefx || DEFAULT_X;
  const prefy = info.prefy || DEFAULT_Y;
  const refresh = info.refreshRate || DEFAULT_REFRESH_MHZ;
  const maxx = info.maxx ?? 0;
  const maxy = info.maxy ?? 0;
  // A detailed timing holds 12 bits per dimension: a preferred mode from 4096 up gets none.
  const large = prefx >= 4096 || prefy >= 4096;
  const xmm = Math.floor(prefx * 254 / 10 / DPI);
  const ymm = Math.floor(prefy * 254 / 10 / DPI);

  // CTA-861 extension: tag 2, revision 3, descriptors after an empty video data block (tag 2).
  const cta = edid.subarray(BLOCK, 2 * BLOCK);
  edid[EXTENSION_COUNT] = large ? 2 : 1;
  cta.set([0x02, 0x03, 0x05, 0x00, 0x40]);

  edid.set([0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00]);
  const vendor = 'RHT';
  const id = [...vendor].reduce((v, c) => (v << 5) | ((c.charCodeAt(0) - 0x40) & 0x1f), 0);
  edid[8] = id >> 8;
  edid[9] = id & 0xff;
  edid[10] = 0x34; // product code 0x1234, little-endian; serial 0
  edid[11] = 0x12;
  edid[16] = 42;
  edid[17] = 2014 - 1990;
  edid[18] = 1;
  edid[19] = 4;
  edid[20] = 0xa5; // digital, 8 bits per colour, DisplayPort
  edid[21] = Math.floor(xmm / 10);
  edid[22] = Math.floor(ymm / 10);
  edid[23] = 220 - 100; // gamma 2.2
  edid[24] = 0x06; // sRGB default colour space, preferred timing is native
  const [rx, ry, gx, gy, bx, by, wx, wy] = [0.64, 0.33, 0.30, 0.60, 0.15, 0.06, 0.3127, 0.3290].map(tenBit) as [number, number, number, number, number, number, number, number];
  edid[25] = ((rx & 3) << 6) | ((ry & 3) << 4) | ((gx & 3) << 2) | (gy & 3);
  edid[26] = ((bx & 3) << 6) | ((by & 3) << 4) | ((wx & 3) << 2) | (wy & 3);
  edid.set([rx >> 2, ry >> 2, gx >> 2, gy >> 2, bx >> 2, by >> 2, wx >> 2, wy >> 2], 27);

  // Descriptor slots: the base block's four, then the extension's from its DTD offset (fixed once the
  // video data block is complete, which it is before the first extension slot is taken).
  let slot: number | undefined = FIRST_DESCRIPTOR;
  const next = (at: number): number | undefined => {
    if (at + 2 * DESCRIPTOR < BLOCK - 1) return at + DESCRIPTOR;
    if (at < BLOCK - 1) return BLOCK + cta[2]!;
    if (at + 2 * DESCRIPTOR < 2 * BLOCK - 1) return at + DESCRIPTOR;
    return undefined;
  };
  const desc = (at: number): Uint8Array => edid.subarray(at, at + DESCRIPTOR);
  if (!large) {
    detailedTiming(desc(slot), refresh, prefx, prefy, xmm, ymm);
    slot = next(slot);
  }
  const std3 = desc(slot!);
  displayDescriptor(std3, 0xf7);
  std3[5] = 10; // revision
  slot = next(slot!);

  let std = STD_TIMINGS;
  for (const m of MODES) {
    if ((maxx && m.x > maxx) || (maxy && m.y > maxy)) continue;
    if (m.est) edid[m.est[0]]! |= 1 << m.est[1];
    else if (std < FIRST_DESCRIPTOR) {
      const st = standardTiming(m.x, m.y);
      if (st) { edid.set(st, std); std += 2; }
    } else if (m.std3) std3[m.std3[0]]! |= 1 << m.std3[1];
    if (m.vic) {
      cta[cta[2]!] = m.vic;
      cta[2]!++;
      cta[4]!++;
    }
  }
  for (; std < FIRST_DESCRIPTOR; std += 2) edid.set([0x01, 0x01], std); // unused

  if (slot !== undefined) {
    // Display range limits: 50-125 Hz, 30-160 kHz, 2550 MHz, no secondary timing formula.
    const r = desc(slot);
    displayDescriptor(r, 0xfd);
    r.set([50, 125, 30, 160, 255, 0x01, 0x0a, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20], 5);
    slot = next(slot);
  }
  if (slot !== undefined) { text(desc(slot), 0xfc, 'QEMU Monitor'); slot = next(slot); }
  for (; slot !== undefined; slot = next(slot)) displayDescriptor(desc(slot), 0x10);

  if (large) displayId(edid.subarray(2 * BLOCK, 3 * BLOCK), refresh, prefx, prefy);
  checksum(edid);
  checksum(cta);
  return edid;
}
