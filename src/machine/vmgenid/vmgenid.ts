import type { DeviceContext } from '../wiring/device-context.js';
import {
  VMGENID_ADDR_FILE, VMGENID_ADDR_SIZE, VMGENID_FW_CFG_SIZE, VMGENID_GUID_FILE, VMGENID_GUID_OFFSET,
} from '../../spec/fw-cfg.js';
import { ACPI_VMGENID_CHANGE_STATUS_BIT } from '../../spec/acpi-pm.js';
import { guidToMicrosoftBytes, isGuid } from '../../lib/guid.js';
import { le32 } from '../../lib/bytes.js';
import { hex } from '../../lib/hex.js';
import { logger } from '../../lib/log.js';
import type { PartState, Snapshottable } from '../snapshot/part-state.js';
import { bytesOf, jsonObject, str } from '../snapshot/part-state.js';

const log = logger('vmgenid');

/** What the ACPI builder needs to emit the VMGENID SSDT and its linker commands. */
export interface VmgenidAcpiInfo {
  /** The 4 KiB blob the firmware ALLOCATEs (align 4096, HIGH); the GUID is at guidOffset. */
  readonly guidFile: string;
  /** The writable 8-byte file WRITE_POINTER fills with the GUID's guest address. */
  readonly addrFile: string;
  readonly guidOffset: number;
}

/**
 * The VM Generation ID device as QEMU 7.2 designs it (docs/specs/vmgenid.txt): the GUID
 * in a 4 KiB fw_cfg blob the firmware copies into RAM, and the address it reports back
 * through etc/vmgenid_addr (cleared on reset). Beyond QEMU, `setGuid` changes the GUID
 * at runtime: it is written at the reported address and GPE0 bit 5 raises the SCI.
 */
export class Vmgenid implements Snapshottable {
  private current: string;
  readonly guidBlob = new Uint8Array(VMGENID_FW_CFG_SIZE);
  readonly addrBytes = new Uint8Array(VMGENID_ADDR_SIZE);

  constructor(private readonly ctx: DeviceContext, guid: string) {
    const fw = ctx.fwCfg;
    this.current = guid.toLowerCase();
    this.guidBlob.set(guidToMicrosoftBytes(this.current), VMGENID_GUID_OFFSET);
    fw.addFile(VMGENID_GUID_FILE, this.guidBlob);
    // Writable, no write callback: QEMU writes nothing to RAM when the firmware reports the address.
    fw.addFile(VMGENID_ADDR_FILE, this.addrBytes, { writable: true });
    ctx.onReset(() => this.addrBytes.fill(0));
    ctx.addReportSection('vmgenid', () => ({ guid: this.current, address: this.guestAddress === undefined ? null : hex(this.guestAddress) }));
    ctx.addState('vmgenid', this);
  }

  /** The GUID the saved machine had, after a restore (the clone's previous generation). */
  restoredFrom: string | undefined;

  /** QEMU's vmstate vmgenid: the address the firmware reported (and, for reports, the GUID). */
  saveState(): PartState {
    return { json: { guid: this.current }, bytes: this.addrBytes.slice() };
  }

  /**
   * The address comes back; the GUID is this machine's own `guid=` (QEMU's post_load): written
   * into the fw_cfg blob and, when the firmware had reported an address, into guest memory,
   * with GPE0 bit 5 raised, whether or not it differs from the saved one.
   */
  loadState(state: PartState): void {
    this.restoredFrom = str(jsonObject(state, 'vmgenid'), 'guid');
    this.addrBytes.set(bytesOf(state, 'vmgenid', this.addrBytes.length));
    const bytes = guidToMicrosoftBytes(this.current);
    this.guidBlob.set(bytes, VMGENID_GUID_OFFSET);
    const addr = this.guestAddress;
    log('post-load: GUID %s (saved %s), guest address %s', this.current, this.restoredFrom, addr === undefined ? 'not reported' : hex(addr));
    if (addr === undefined) return;
    this.ctx.memory.writeBytes(addr, bytes);
    this.ctx.acpi.raiseGpe(ACPI_VMGENID_CHANGE_STATUS_BIT);
  }

  get guid(): string {
    return this.current;
  }

  get acpi(): VmgenidAcpiInfo {
    return { guidFile: VMGENID_GUID_FILE, addrFile: VMGENID_ADDR_FILE, guidOffset: VMGENID_GUID_OFFSET };
  }

  /** The GUID's guest physical address as the firmware reported it (low 32 bits, as QEMU), if any. */
  get guestAddress(): number | undefined {
    const low = le32(this.addrBytes, 0);
    return low === 0 ? undefined : low;
  }

  /** QMP `query-vm-generation-id`. */
  query(): { guid: string } {
    return { guid: this.current };
  }

  /**
   * Change the generation ID: update the fw_cfg blob (what the next boot copies), and when
   * the firmware has reported an address, write the GUID there and raise GPE0 bit 5.
   */
  setGuid(guid: string): void {
    if (!isGuid(guid)) throw new RangeError(`vmgenid: not a GUID: '${guid}'`);
    this.current = guid.toLowerCase();
    const bytes = guidToMicrosoftBytes(this.current);
    this.guidBlob.set(bytes, VMGENID_GUID_OFFSET);
    const addr = this.guestAddress;
    log('GUID %s, guest address %s', this.current, addr === undefined ? 'not reported' : hex(addr));
    if (addr === undefined) return;
    this.ctx.memory.writeBytes(addr, bytes);
    this.ctx.acpi.raiseGpe(ACPI_VMGENID_CHANGE_STATUS_BIT);
  }
}
