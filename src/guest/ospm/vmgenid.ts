/** The VM Generation ID driver: _HID "QEMUVGID" or _CID "VM_Gen_Counter", ADDR → 16-byte GUID. */
import type { CpuWire } from '../../spec/cpu-wire.js';
import { guidFromMicrosoftBytes } from '../../lib/guid.js';
import { AmlError, Kind } from '../aml/index.js';
import type { AmlInterpreter, NsNode } from '../aml/index.js';
import type { DeviceInfo } from './devices.js';
import type { GuestConsole } from './console.js';

export function matchesVmgenid(d: DeviceInfo): boolean {
  return d.hid === 'QEMUVGID' || d.cids.includes('VM_Gen_Counter');
}

export class VmgenidDriver {
  address: number | undefined;
  guid: string | undefined;
  private lastBad: string | undefined;
  constructor(
    private readonly wire: CpuWire,
    private readonly aml: AmlInterpreter,
    readonly node: NsNode,
    private readonly console: GuestConsole,
  ) {}

  /** ADDR must be a Package of exactly two Integers (low, high 32 bits). */
  private resolveAddress(): number | undefined {
    const n = this.node.child('ADDR');
    if (!n) {
      this.console.report('vmgenid-error', this.node.path(), 'no ADDR');
      return undefined;
    }
    let v;
    try {
      v = this.aml.evaluate(n);
    } catch (e) {
      if (!(e instanceof AmlError)) throw e;
      this.console.report('vmgenid-error', this.node.path(), e.describe());
      return undefined;
    }
    if (v === undefined || typeof v === 'bigint' || v.kind !== Kind.Package || v.elements.length !== 2 || v.elements.some((e) => typeof e !== 'bigint')) {
      this.console.report('vmgenid-error', this.node.path(), 'ADDR is not a package of two integers');
      return undefined;
    }
    const [lo, hi] = v.elements as bigint[];
    return Number(((hi! & 0xffffffffn) << 32n) | (lo! & 0xffffffffn));
  }

  private read(): string | undefined {
    if (this.address === undefined) return undefined;
    return guidFromMicrosoftBytes(this.wire.readBytes(this.address, 16));
  }

  start(): void {
    this.address = this.resolveAddress();
    if (this.address === undefined) return;
    this.guid = this.read();
    this.console.report('vmgenid', this.guid!, `addr=0x${this.address.toString(16)}`, this.node.path());
  }

  /**
   * After PCI resources changed: the ID must not change without a Notify. If it did, ADDR now
   * points at something else (v19 with its BAR overlapped): report what is read there.
   */
  recheck(): void {
    const g = this.read();
    if (g === undefined || g === this.guid || g === this.lastBad) return;
    this.lastBad = g;
    this.console.report('vmgenid-error', `ADDR 0x${this.address!.toString(16)} now reads ${g}, not the generation ID ${this.guid} (changed without Notify)`);
  }

  /** After S3: ADDR and the generation ID read again (the firmware's replay re-sent the address to the host). */
  resumed(): void {
    this.address = this.resolveAddress();
    if (this.address === undefined) return;
    const g = this.read();
    this.console.report('vmgenid-resumed', g ?? '?', `addr=0x${this.address.toString(16)}`, g === this.guid ? 'unchanged' : `previous=${this.guid}`);
    this.guid = g;
  }

  /** Notify(VGEN, 0x80): re-read the generation ID (a notification without a change says so). */
  notify(value: number): void {
    if (value !== 0x80) return;
    const g = this.read();
    if (g === undefined) return;
    if (g === this.guid) this.console.report('vmgenid-unchanged', g);
    else this.console.report('vmgenid-changed', g, `previous=${this.guid}`);
    this.guid = g;
  }

  /** What a snapshot keeps of the driver. */
  saveState(): { address: number | null; guid: string | null; lastBad: string | null } {
    return { address: this.address ?? null, guid: this.guid ?? null, lastBad: this.lastBad ?? null };
  }

  restoreState(s: { address: number | null; guid: string | null; lastBad: string | null }): void {
    this.address = s.address ?? undefined;
    this.guid = s.guid ?? undefined;
    this.lastBad = s.lastBad ?? undefined;
  }
}
