/**
 * The PCI subsystem in a snapshot (decision 0022): the device_add specs still plugged (re-created
 * first, at the slot they got), the functions present (ejected ones are removed again), every
 * function's config bytes, the config-address latch and the ACPI hot-plug controller. Loading
 * sets the registers and lets each chipset function re-derive what they drive (`afterLoad`:
 * PAM, PM base, MMCONFIG, the PIRQ routing) and each function's INTx (Status bit 3) is counted
 * again; the BAR mapper then maps what the registers decode.
 */
import type { PciFunction } from './pci-function.js';
import type { PciHost } from './pci-host.js';
import type { AcpiPciHotplug } from './hotplug.js';
import type { JsonValue, PartState, Snapshottable } from '../snapshot/part-state.js';
import { SnapshotMismatch, arr, jsonObject, num, str } from '../snapshot/part-state.js';

/** A device_add spec pinned to the slot it got (a replay must not pick another free slot). */
function pinned(args: string, fn: PciFunction): string {
  return /(^|,)addr=/.test(args) ? args : `${args},addr=${fn.slot.toString(16)}.${fn.fn}`;
}

/** What the PCI subsystem lends its snapshot state. */
export interface PciStateSource {
  readonly host: PciHost;
  readonly hotplugController: AcpiPciHotplug;
  /** Re-derives slot power and pending events from the registers. */
  readonly nativeSlots: { afterLoad(): void };
  readonly hotplugged: Array<{ readonly args: string; readonly fn: PciFunction }>;
  /** Create a device_add spec without notifying the guest. */
  plugSpec(args: string): PciFunction;
}

export class PciState implements Snapshottable {
  constructor(private readonly pci: PciStateSource) {}

  saveState(): PartState {
    const host = this.pci.host;
    const fns = host.functions();
    const present = new Set(fns);
    const hotplugged = this.pci.hotplugged.filter((h) => present.has(h.fn)).map((h) => pinned(h.args, h.fn));
    const size = fns.reduce((n, f) => n + f.config.size, 0);
    const bytes = new Uint8Array(size);
    let at = 0;
    for (const f of fns) {
      bytes.set(f.config.bytes, at);
      at += f.config.size;
    }
    const functions: JsonValue = fns.map((f) => ({ at: f.location, name: f.name, id: f.qdevId ?? null, size: f.config.size }));
    return { json: { hotplugged, functions, configAddress: host.mech1.configReg, hotplug: this.pci.hotplugController.saveState() }, bytes };
  }

  loadState(state: PartState): void {
    const o = jsonObject(state, 'pci');
    const host = this.pci.host;
    const saved = arr(o, 'functions').map((f) => {
      if (f === null || typeof f !== 'object' || Array.isArray(f)) throw new SnapshotMismatch('pci: bad function record');
      return { at: str(f, 'at'), name: str(f, 'name'), size: num(f, 'size') };
    });
    host.batch(() => {
      for (const args of arr(o, 'hotplugged')) {
        if (typeof args !== 'string') throw new SnapshotMismatch('pci: bad device_add record');
        this.pci.hotplugged.push({ args, fn: this.pci.plugSpec(args) });
      }
      const wanted = new Set(saved.map((s) => s.at));
      for (const f of host.functions()) if (!wanted.has(f.location) && f.bus?.devices[f.devfn] === f) host.unplug(f);
      const fns = host.functions();
      const here = fns.map((f) => `${f.location} ${f.name}`).join(', ');
      if (here !== saved.map((s) => `${s.at} ${s.name}`).join(', ')) throw new SnapshotMismatch(`pci: functions differ (here: ${here})`);
      const bytes = state.bytes ?? new Uint8Array(0);
      let at = 0;
      fns.forEach((f, i) => {
        if (saved[i]!.size !== f.config.size || at + f.config.size > bytes.length) throw new SnapshotMismatch(`pci: ${f.label} config size`);
        f.config.bytes.set(bytes.subarray(at, at + f.config.size));
        at += f.config.size;
      });
      // Bus numbers and bridge control came with the bytes: config cycles route anew.
      host.router.topologyChanged();
      for (const f of fns) f.spec.afterLoad?.(f);
      host.root.intx?.clear();
      for (const f of fns) f.restoreIntx();
      host.mech1.configReg = num(o, 'configAddress');
      const hp = o.hotplug;
      if (hp === null || hp === undefined || typeof hp !== 'object' || Array.isArray(hp)) throw new SnapshotMismatch('pci: no hot-plug state');
      this.pci.hotplugController.loadState(hp);
      this.pci.nativeSlots.afterLoad();
    });
  }
}
