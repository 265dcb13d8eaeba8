import type { IoHandler } from '../bus/io-handler.js';
import type { PhysicalMemory } from '../bus/physical-memory.js';
import {
  FW_CFG_ARCH_LOCAL, FW_CFG_DIR_COUNT_SIZE, FW_CFG_DMA_SIGNATURE_TEXT, FW_CFG_ENTRY_MASK, FW_CFG_FILE_DIR,
  FW_CFG_FILE_FIRST, FW_CFG_FILE_OFF_NAME, FW_CFG_FILE_OFF_SELECT, FW_CFG_FILE_OFF_SIZE, FW_CFG_FILE_RECORD_SIZE,
  FW_CFG_FILE_SLOTS_DFLT, FW_CFG_ID, FW_CFG_INVALID, FW_CFG_MAX_FILE_PATH, FW_CFG_SIGNATURE, FW_CFG_VERSION,
  FW_CFG_VERSION_DMA,
} from '../../spec/fw-cfg.js';
import { setBe16, setBe32, setLe32 } from '../../lib/bytes.js';
import { hex } from '../../lib/hex.js';
import { logger } from '../../lib/log.js';
import { UsageError } from '../../lib/errors.js';
import { runDmaTransfer } from './fw-cfg-dma.js';
import type { PartState, Snapshottable } from '../snapshot/part-state.js';
import { SnapshotMismatch, arr, jsonObject, num, str } from '../snapshot/part-state.js';

const log = logger('fwcfg');

export interface FwCfgItemOptions {
  /** Writable through DMA WRITE (never through the data port). Default false. */
  readonly writable?: boolean;
  /** Runs on every select of the item, by port or DMA (QEMU's select_cb). */
  readonly onSelect?: () => void;
  /** Runs after a successful DMA write into the item (QEMU's write_cb). */
  readonly onWrite?: (offset: number, length: number) => void;
}

/** One fw_cfg item: fixed-length bytes; `data` is the live backing store. */
export interface FwCfgItem {
  data: Uint8Array;
  readonly writable: boolean;
  readonly onSelect: (() => void) | undefined;
  readonly onWrite: ((offset: number, length: number) => void) | undefined;
}

export interface FwCfgFileInfo {
  readonly name: string;
  readonly select: number;
  readonly size: number;
  readonly writable: boolean;
}

export interface FwCfgDeviceOptions {
  readonly dma?: boolean;
  /** Number of file slots (QEMU's x-file-slots, 0x20 by default). */
  readonly fileSlots?: number;
  /** The `fwcfg` trace (QEMU's trace events fw_cfg_select, ...): one line per event. */
  readonly trace?: (text: string) => void;
}

const EMPTY = new Uint8Array(0);

function makeItem(data: Uint8Array, o: FwCfgItemOptions = {}): FwCfgItem {
  return { data, writable: o.writable ?? false, onSelect: o.onSelect, onWrite: o.onWrite };
}

/**
 * QEMU 7.2's fw_cfg device, I/O flavour: the selector/data pair at 0x510 and the DMA
 * address register at 0x514. Keys 0x00–0x1f and 0x8000+ hold well-known items, files
 * live in a directory sorted by name and are selected with 0x20 + their index.
 */
export class FwCfgDevice implements Snapshottable {
  readonly dma: boolean;
  readonly fileSlots: number;
  private readonly items = new Map<number, FwCfgItem>();
  private readonly fileList: Array<{ name: string; item: FwCfgItem }> = [];
  /** Files the user gave with -fw_cfg: a clash with one of them is the user's mistake, not a bug. */
  private readonly userFiles = new Set<string>();
  private readonly dir: FwCfgItem;
  private curKey = 0;
  private curOffset = 0;
  private dmaAddrHigh = 0;
  readonly trace: ((text: string) => void) | undefined;

  constructor(readonly memory: PhysicalMemory, options: FwCfgDeviceOptions = {}) {
    this.dma = options.dma ?? true;
    this.trace = options.trace;
    this.fileSlots = options.fileSlots ?? FW_CFG_FILE_SLOTS_DFLT;
    this.dir = makeItem(new Uint8Array(FW_CFG_DIR_COUNT_SIZE + FW_CFG_FILE_RECORD_SIZE * this.fileSlots));
    this.items.set(FW_CFG_FILE_DIR, this.dir);
    this.setItem(FW_CFG_SIGNATURE, new TextEncoder().encode('QEMU'));
    const id = new Uint8Array(4);
    setLe32(id, 0, FW_CFG_VERSION | (this.dma ? FW_CFG_VERSION_DMA : 0));
    this.setItem(FW_CFG_ID, id);
  }

  // ---- registry (host side) ----

  /** Set a well-known key (0x00–0x1f, 0x8000+): its bytes, length and options. */
  setItem(key: number, data: Uint8Array, options: FwCfgItemOptions = {}): void {
    const index = key & FW_CFG_ENTRY_MASK;
    if (index >= FW_CFG_FILE_FIRST || key === FW_CFG_FILE_DIR || (key & ~(FW_CFG_ARCH_LOCAL | FW_CFG_ENTRY_MASK)) !== 0) {
      throw new RangeError(`fw_cfg: key ${hex(key)} is not a well-known item key`);
    }
    this.items.set(key, makeItem(data, options));
  }

  /** A file from the command line (-fw_cfg), checked against the machine's own files. */
  addUserFile(name: string, data: Uint8Array): void {
    if (this.fileList.some((f) => f.name === name)) throw new UsageError(`-fw_cfg name=${name}: the machine provides fw_cfg file '${name}' itself (QEMU: duplicate fw_cfg file name)`);
    this.addFile(name, data);
    this.userFiles.add(name);
  }

  /** The bytes of a well-known key, if set. */
  item(key: number): Uint8Array | undefined {
    return this.items.get(key)?.data;
  }

  /** Add a named file; files are kept sorted by name, so later files shift selectors. */
  addFile(name: string, data: Uint8Array, options: FwCfgItemOptions = {}): void {
    if (name.length === 0 || name.length >= FW_CFG_MAX_FILE_PATH) throw new RangeError(`fw_cfg: bad file name '${name}'`);
    if (this.userFiles.has(name)) throw new UsageError(`-fw_cfg name=${name}: the machine provides fw_cfg file '${name}' itself (QEMU: duplicate fw_cfg file name)`);
    if (this.fileList.some((f) => f.name === name)) throw new RangeError(`fw_cfg: duplicate file '${name}'`);
    if (this.fileList.length >= this.fileSlots) throw new RangeError(`fw_cfg: no free file slot for '${name}' (${this.fileSlots} slots)`);
    let i = 0;
    while (i < this.fileList.length && this.fileList[i]!.name < name) i++;
    this.fileList.splice(i, 0, { name, item: makeItem(data, options) });
    this.rebuildDirectory();
    log('file %s (%d bytes) at %s', name, data.length, hex(FW_CFG_FILE_FIRST + i, 4));
  }

  /** Replace a file's bytes (its options stay); the directory follows the new size. */
  replaceFile(name: string, data: Uint8Array): void {
    const f = this.fileList.find((e) => e.name === name);
    if (!f) throw new RangeError(`fw_cfg: no file '${name}'`);
    f.item.data = data;
    this.rebuildDirectory();
  }

  /** The live bytes of a file, if present (no select callback runs). */
  file(name: string): Uint8Array | undefined {
    return this.fileList.find((f) => f.name === name)?.item.data;
  }

  hasFile(name: string): boolean {
    return this.fileList.some((f) => f.name === name);
  }

  /** The directory in order: name, selector, size. */
  files(): FwCfgFileInfo[] {
    return this.fileList.map((f, i) => ({ name: f.name, select: FW_CFG_FILE_FIRST + i, size: f.item.data.length, writable: f.item.writable }));
  }

  selectOf(name: string): number | undefined {
    const i = this.fileList.findIndex((f) => f.name === name);
    return i < 0 ? undefined : FW_CFG_FILE_FIRST + i;
  }

  private rebuildDirectory(): void {
    const d = this.dir.data;
    d.fill(0);
    setBe32(d, 0, this.fileList.length);
    this.fileList.forEach((f, i) => {
      const off = FW_CFG_DIR_COUNT_SIZE + i * FW_CFG_FILE_RECORD_SIZE;
      setBe32(d, off + FW_CFG_FILE_OFF_SIZE, f.item.data.length);
      setBe16(d, off + FW_CFG_FILE_OFF_SELECT, FW_CFG_FILE_FIRST + i);
      for (let c = 0; c < f.name.length; c++) d[off + FW_CFG_FILE_OFF_NAME + c] = f.name.charCodeAt(c) & 0xff;
    });
  }

  // ---- guest side ----

  /** The item a key decodes to (undefined: empty or invalid). */
  private lookup(key: number): FwCfgItem | undefined {
    if (key === FW_CFG_INVALID) return undefined;
    const index = key & FW_CFG_ENTRY_MASK;
    if (index >= FW_CFG_FILE_FIRST) return (key & FW_CFG_ARCH_LOCAL) ? undefined : this.fileList[index - FW_CFG_FILE_FIRST]?.item;
    return this.items.get(key & (FW_CFG_ARCH_LOCAL | FW_CFG_ENTRY_MASK));
  }

  /** fw_cfg_select: reset the offset, check the range, run the item's select callback. */
  select(key: number): void {
    key &= 0xffff;
    this.curOffset = 0;
    if ((key & FW_CFG_ENTRY_MASK) >= FW_CFG_FILE_FIRST + this.fileSlots) {
      this.curKey = FW_CFG_INVALID;
      log('select %s: invalid', hex(key, 4));
      this.trace?.(`fw_cfg_select key ${hex(key, 4)} '${this.keyName(key)}', ret: 0`);
      return;
    }
    this.curKey = key;
    const item = this.lookup(key);
    // QEMU: "key 0x%04x '%s', ret: %d" (ret 1 when the key holds an item).
    this.trace?.(`fw_cfg_select key ${hex(key, 4)} '${this.keyName(key)}', ret: ${item ? 1 : 0}`);
    if (log.enabled) log('select %s (%d bytes)', hex(key, 4), item?.data.length ?? 0);
    item?.onSelect?.();
  }

  /** A file's name, or '' for the well-known keys (QEMU names those; the trace shows the key). */
  private keyName(key: number): string {
    const index = key & FW_CFG_ENTRY_MASK;
    return index >= FW_CFG_FILE_FIRST ? this.fileList[index - FW_CFG_FILE_FIRST]?.name ?? '' : '';
  }

  /** The currently selected item and offset (for DMA). */
  get current(): { item: FwCfgItem | undefined; offset: number } {
    return { item: this.lookup(this.curKey), offset: this.curOffset };
  }

  advance(n: number): void {
    this.curOffset += n;
  }

  /** A copy of an item as it stands, for inspectors: no select, no callbacks, no state change. */
  peekItem(key: number): Uint8Array {
    return (this.lookup(key)?.data ?? EMPTY).slice();
  }

  /** Select `key` as the guest would (callbacks run) and return a copy of the whole item. */
  readItem(key: number): Uint8Array {
    this.select(key);
    return (this.lookup(this.curKey)?.data ?? EMPTY).slice();
  }

  private readDataByte(): number {
    const item = this.lookup(this.curKey);
    if (!item || this.curOffset >= item.data.length) return 0;
    return item.data[this.curOffset++]!;
  }

  /** 0x510/0x511: byte reads stream data from either port; a 16-bit write at 0x510 selects. */
  readonly io: IoHandler = {
    sizes: 1 | 2,
    read: (_offset, size) => (size === 1 ? this.readDataByte() : 0),
    write: (offset, size, value) => {
      if (size === 2 && offset === 0) this.select(value & 0xffff);
      // 8-bit data writes were removed in QEMU 2.4: ignored.
    },
  };

  /** 0x514..0x51b: reads give "QEMU CFG"; big-endian 32-bit writes, the low half (0x518) starts DMA. */
  readonly dmaIo: IoHandler = {
    sizes: 1 | 2 | 4,
    read: (offset, size) => {
      let v = 0;
      for (let i = size - 1; i >= 0; i--) v = v * 256 + (FW_CFG_DMA_SIGNATURE_TEXT.charCodeAt(offset + i) || 0);
      return v;
    },
    write: (offset, size, value) => {
      if (size !== 4) return;
      const be = (((value & 0xff) << 24) | ((value & 0xff00) << 8) | ((value >>> 8) & 0xff00) | (value >>> 24)) >>> 0;
      if (offset === 0) this.dmaAddrHigh = be;
      else if (offset === 4) {
        const addr = this.dmaAddrHigh * 2 ** 32 + be;
        this.dmaAddrHigh = 0;
        runDmaTransfer(this, addr);
      }
    },
  };

  /**
   * The selector, offset and DMA address latch (QEMU's vmstate fw_cfg), and every file's bytes in
   * directory order: the writable ones (etc/vmgenid_addr) and the ACPI blobs QEMU migrates as RAM.
   * Well-known items are fixed by the options and not saved.
   */
  saveState(): PartState {
    const files = this.fileList.map((f) => ({ name: f.name, size: f.item.data.length }));
    const bytes = new Uint8Array(files.reduce((n, f) => n + f.size, 0));
    let at = 0;
    for (const f of this.fileList) {
      bytes.set(f.item.data, at);
      at += f.item.data.length;
    }
    return { json: { key: this.curKey, offset: this.curOffset, dmaAddrHigh: this.dmaAddrHigh, files }, bytes };
  }

  /** Files keep their backing arrays (devices hold them) unless the size changed; a saved file missing here is added. */
  loadState(state: PartState): void {
    const o = jsonObject(state, 'fw_cfg');
    const bytes = state.bytes ?? EMPTY;
    let at = 0;
    const names = new Set<string>();
    for (const f of arr(o, 'files')) {
      if (f === null || typeof f !== 'object' || Array.isArray(f)) throw new SnapshotMismatch('fw_cfg: bad file record');
      const name = str(f, 'name');
      const size = num(f, 'size');
      if (at + size > bytes.length) throw new SnapshotMismatch(`fw_cfg: ${name} truncated`);
      const data = bytes.slice(at, at + size);
      at += size;
      names.add(name);
      const cur = this.file(name);
      if (!cur) this.addFile(name, data);
      else if (cur.length === size) cur.set(data);
      else this.replaceFile(name, data);
    }
    const extra = this.fileList.filter((f) => !names.has(f.name)).map((f) => f.name);
    if (extra.length) throw new SnapshotMismatch(`fw_cfg: files not in the snapshot: ${extra.join(', ')}`);
    this.curKey = num(o, 'key');
    this.curOffset = num(o, 'offset');
    this.dmaAddrHigh = num(o, 'dmaAddrHigh');
  }

  /** Device reset: select key 0 (runs no callback on the signature). */
  reset(): void {
    this.select(FW_CFG_SIGNATURE);
    this.dmaAddrHigh = 0;
  }
}
