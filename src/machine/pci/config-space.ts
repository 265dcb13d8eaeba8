import {
  PCI_CAPABILITY_LIST, PCI_CAP_LIST_NEXT, PCI_COMMAND, PCI_COMMAND_INTX_DISABLE, PCI_COMMAND_IO, PCI_COMMAND_MASTER,
  PCI_COMMAND_MEMORY, PCI_COMMAND_SERR, PCI_CONFIG_EXT_CAP_START, PCI_CONFIG_HEADER_SIZE, PCI_CACHE_LINE_SIZE,
  PCI_INTERRUPT_LINE, PCI_STATUS, PCI_STATUS_CAP_LIST, PCI_STATUS_DETECTED_PARITY, PCI_STATUS_PARITY,
  PCI_STATUS_REC_MASTER_ABORT, PCI_STATUS_REC_TARGET_ABORT, PCI_STATUS_SIG_SYSTEM_ERROR, PCI_STATUS_SIG_TARGET_ABORT,
} from '../../spec/pci.js';

/** Status bits software clears by writing 1 (PCI 3.0 §6.2.3). */
export const PCI_STATUS_W1C = PCI_STATUS_PARITY | PCI_STATUS_SIG_TARGET_ABORT | PCI_STATUS_REC_TARGET_ABORT
  | PCI_STATUS_REC_MASTER_ABORT | PCI_STATUS_SIG_SYSTEM_ERROR | PCI_STATUS_DETECTED_PARITY;
/** Command bits a QEMU device lets software change. */
export const PCI_COMMAND_WRITABLE = PCI_COMMAND_IO | PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER | PCI_COMMAND_SERR
  | PCI_COMMAND_INTX_DISABLE;

/** Config-space storage is cut from shared slabs: a machine may have a thousand 4 KiB functions. */
const SLAB_SIZE = 256 * 1024;
let slab = new Uint8Array(0);
let slabUsed = 0;

/** `size` zeroed bytes that no one else uses (a view into a slab). */
export function configStorage(size: number): Uint8Array {
  if (size > SLAB_SIZE / 4) return new Uint8Array(size);
  if (slabUsed + size > slab.length) {
    slab = new Uint8Array(SLAB_SIZE);
    slabUsed = 0;
  }
  const out = slab.subarray(slabUsed, slabUsed + size);
  // Every view starts 8-aligned (word-wise scans; trimmed power-on copies have any length).
  slabUsed += (size + 7) & ~7;
  return out;
}

/** Give back the storage configStorage handed out last (zeroed again); anything else stays where it is. */
function releaseStorage(view: Uint8Array): void {
  if (view.buffer !== slab.buffer || view.byteOffset + ((view.byteLength + 7) & ~7) !== slabUsed) return;
  view.fill(0);
  slabUsed = view.byteOffset;
}

/** Node's memcmp where there is one (the browser page has none). */
const NodeBuffer = (globalThis as { Buffer?: { compare(a: Uint8Array, b: Uint8Array): number } }).Buffer;

/** Equal contents. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  if (NodeBuffer) return NodeBuffer.compare(a, b) === 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The length of `bytes` without its trailing zeros (config sizes are multiples of 4, slab views aligned). */
export function withoutTrailingZeros(bytes: Uint8Array): number {
  let end = bytes.length;
  if ((bytes.byteOffset | end) % 4 === 0) {
    const words = new Int32Array(bytes.buffer, bytes.byteOffset, end / 4);
    let w = words.length;
    while (w > 0 && words[w - 1] === 0) w--;
    end = w * 4;
  }
  while (end > 0 && bytes[end - 1] === 0) end--;
  return end;
}

/** `value`'s low `length` bytes, little-endian (values up to 2^53; integer shifts where they are exact). */
function putLe(out: Uint8Array, offset: number, length: number, value: number): void {
  if (length <= 4 && value >= -0x80000000 && value <= 0xffffffff && Number.isInteger(value)) {
    for (let i = 0; i < length; i++) out[offset + i] = (value >>> (8 * i)) & 0xff;
    return;
  }
  for (let i = 0; i < length; i++) out[offset + i] = Math.floor(value / 2 ** (8 * i)) & 0xff;
}

/**
 * Write masks of sealed config spaces, per size, shared by every space whose masks are equal
 * (a thousand functions of one model have one pair); a space copies them before changing them.
 */
interface MaskPair {
  readonly wmask: Uint8Array;
  readonly w1cmask: Uint8Array;
}
const SHARED_PER_SIZE = 16;
const sharedMasks = new Map<number, MaskPair[]>();

/**
 * A function's configuration space: the register bytes plus, per byte, which bits software
 * may write (`wmask`) and which it clears by writing 1 (`w1cmask`). Every guest write goes
 * through the masks, so read-only ids, BAR size bits and status bits are right by construction.
 * Set-up code uses the `set*` helpers, which bypass the masks.
 */
export class ConfigSpace {
  readonly bytes: Uint8Array;
  #wmask: Uint8Array;
  #w1cmask: Uint8Array;
  /** The masks are a shared pair (sealed): copied before a change. */
  #shared = false;
  private nextCap = PCI_CONFIG_HEADER_SIZE;
  private nextExtCap = PCI_CONFIG_EXT_CAP_START;
  private lastExtCap = 0;

  constructor(readonly size: number) {
    this.bytes = configStorage(size);
    const masks = configStorage(2 * size);
    this.#wmask = masks.subarray(0, size);
    this.#w1cmask = masks.subarray(size);
    this.setMask(PCI_CACHE_LINE_SIZE, 1, 0xff);
    this.setMask(PCI_INTERRUPT_LINE, 1, 0xff);
    this.setMask(PCI_COMMAND, 2, PCI_COMMAND_WRITABLE);
    this.setW1c(PCI_STATUS, 2, PCI_STATUS_W1C);
    // Device-specific space is writable unless a register or capability narrows it.
    this.#wmask.fill(0xff, PCI_CONFIG_HEADER_SIZE);
  }

  /**
   * Set-up is over (the function is plugged): masks equal to another sealed space's are shared
   * with it from now on, and this space's own go back to the slab when they were its last use.
   */
  seal(): void {
    if (this.#shared) return;
    const own = this.#wmask;
    const list = sharedMasks.get(this.size) ?? [];
    let pair = list.find((p) => sameBytes(p.wmask, own) && sameBytes(p.w1cmask, this.#w1cmask));
    if (!pair) {
      if (list.length >= SHARED_PER_SIZE) return;
      pair = { wmask: own.slice(), w1cmask: this.#w1cmask.slice() };
      list.push(pair);
      sharedMasks.set(this.size, list);
    }
    releaseStorage(new Uint8Array(own.buffer, own.byteOffset, 2 * this.size));
    this.#wmask = pair.wmask;
    this.#w1cmask = pair.w1cmask;
    this.#shared = true;
  }

  /** Own masks again before changing them (copy on write). */
  #unshare(): void {
    if (!this.#shared) return;
    this.#wmask = this.#wmask.slice();
    this.#w1cmask = this.#w1cmask.slice();
    this.#shared = false;
  }

  /** Guest read, little-endian; bytes past the end read as all-ones. */
  read(offset: number, length: number): number {
    let v = 0;
    for (let i = length - 1; i >= 0; i--) v = v * 256 + (this.bytes[offset + i] ?? 0xff);
    return v;
  }

  /** Guest write through the masks: new = (old & ~wmask) | (val & wmask), then W1C. */
  write(offset: number, length: number, value: number): void {
    for (let i = 0; i < length; i++) {
      const o = offset + i;
      if (o >= this.size) break;
      const b = Math.floor(value / 2 ** (8 * i)) & 0xff;
      const w = this.#wmask[o]!;
      const c = this.#w1cmask[o]!;
      this.bytes[o] = ((this.bytes[o]! & ~w) | (b & w)) & ~(b & c);
    }
  }

  get(offset: number, length: number): number {
    return this.read(offset, length);
  }

  /** Set-up write (no masks). Values up to 2^53 for 8-byte fields. */
  set(offset: number, length: number, value: number): void {
    putLe(this.bytes, offset, length, value);
  }

  setMask(offset: number, length: number, mask: number): void {
    this.#unshare();
    putLe(this.#wmask, offset, length, mask);
  }

  setW1c(offset: number, length: number, mask: number): void {
    this.#unshare();
    putLe(this.#w1cmask, offset, length, mask);
  }

  /** Make [offset, offset+length) read-only (as QEMU does for every capability). */
  readOnly(offset: number, length: number): void {
    this.#unshare();
    this.#wmask.fill(0, offset, offset + length);
    this.#w1cmask.fill(0, offset, offset + length);
  }

  /** Every bit of [from, to) writable by software (`writable`) or not, and none write-1-to-clear. */
  setWritable(from: number, to: number, writable: boolean): void {
    this.#unshare();
    this.#wmask.fill(writable ? 0xff : 0, from, to);
  }

  /** No bit of [from, to) clears by writing 1. */
  clearW1c(from: number, to: number): void {
    this.#unshare();
    this.#w1cmask.fill(0, from, to);
  }

  /** Reserve device-specific registers outside the capability allocator. */
  reserve(offset: number, length: number): void {
    this.nextCap = Math.max(this.nextCap, (offset + length + 3) & ~3);
  }

  /**
   * Add a capability to the list at 0x34 (read-only by default) and return its offset.
   * `at` places it explicitly (the real device's offset); otherwise the next free dword.
   */
  addCapability(id: number, length: number, at?: number): number {
    const offset = at ?? this.nextCap;
    if (offset < PCI_CONFIG_HEADER_SIZE || offset + length > Math.min(this.size, PCI_CONFIG_EXT_CAP_START)) {
      throw new RangeError(`capability 0x${id.toString(16)} does not fit at 0x${offset.toString(16)}`);
    }
    this.readOnly(offset, length);
    // Like QEMU's pci_add_capability, the newest capability becomes the list head.
    this.bytes[offset] = id;
    this.bytes[offset + PCI_CAP_LIST_NEXT] = this.bytes[PCI_CAPABILITY_LIST]!;
    this.bytes[PCI_CAPABILITY_LIST] = offset;
    this.set(PCI_STATUS, 2, this.get(PCI_STATUS, 2) | PCI_STATUS_CAP_LIST);
    this.nextCap = Math.max(this.nextCap, (offset + length + 3) & ~3);
    return offset;
  }

  /** Append a PCIe extended capability (config space ≥ 0x100) and return its offset. */
  addExtCapability(id: number, version: number, length: number): number {
    const offset = this.nextExtCap;
    if (this.size <= PCI_CONFIG_EXT_CAP_START || offset + length > this.size) {
      throw new RangeError(`extended capability 0x${id.toString(16)} does not fit`);
    }
    this.readOnly(offset, length);
    this.set(offset, 4, id | (version << 16));
    if (this.lastExtCap !== 0) {
      const prev = this.get(this.lastExtCap, 4);
      this.set(this.lastExtCap, 4, ((prev & 0x000fffff) | (offset << 20)) >>> 0);
    }
    this.lastExtCap = offset;
    this.nextExtCap = (offset + length + 3) & ~3;
    return offset;
  }

  /** The capability list as [id, offset] pairs, following the next pointers (bounded). */
  capabilities(): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    let p = this.bytes[PCI_CAPABILITY_LIST]! & 0xfc;
    for (let n = 0; p !== 0 && n < 48; n++) {
      out.push([this.bytes[p]!, p]);
      p = this.bytes[p + 1]! & 0xfc;
    }
    return out;
  }
}
