/** Processor objects: each CPU's _STA and _MAT at boot, then hot-add (Notify 1) and eject requests (Notify 3). */
import { AmlError, Kind } from '../aml/index.js';
import type { AmlInterpreter, NsNode } from '../aml/index.js';
import type { GuestConsole } from './console.js';

/** ACPI §5.2.12.2: a Processor Local APIC structure (type 0) carries the APIC ID at byte 3. */
const MADT_LOCAL_APIC = 0;
/** Notify values (§5.6.6): device check, eject request. */
const NOTIFY_DEVICE_CHECK = 1;
const NOTIFY_EJECT_REQUEST = 3;

export interface GuestCpu {
  readonly node: NsNode;
  readonly uid: number;
  readonly apicId: number | undefined;
  /** _PXM: the proximity domain (NUMA node), when the firmware gives one. */
  readonly pxm: number | undefined;
  sta: number;
}

/** Finds the processors (Processor objects, or ACPI0007 devices with _UID) and follows their presence. */
export class CpuDriver {
  readonly cpus: GuestCpu[] = [];

  constructor(private readonly aml: AmlInterpreter, private readonly console: GuestConsole) {}

  start(): void {
    this.aml.ns.walk((node) => {
      const o = node.object;
      if (o !== undefined && typeof o !== 'bigint' && o.kind === Kind.Processor) {
        this.cpus.push({ node, uid: o.procId, apicId: this.apicId(node), pxm: this.pxm(node), sta: this.aml.status(node) });
      }
      return true;
    });
    for (const c of this.cpus) this.console.report('cpu', ...this.fields(c));
    this.console.report('cpus', `present=${this.cpus.filter((c) => c.sta & 1).length}`, `possible=${this.cpus.length}`);
  }

  owns(node: NsNode): boolean {
    return this.cpus.some((c) => c.node === node);
  }

  /** Notify on a processor: 1 re-reads _STA (online when present), 3 runs _EJ0 and re-reads it. */
  notify(node: NsNode, value: number): void {
    const cpu = this.cpus.find((c) => c.node === node);
    if (!cpu) return;
    if (value === NOTIFY_EJECT_REQUEST) {
      const ej0 = node.child('_EJ0');
      if (!ej0) {
        this.console.report('cpu-eject-failed', node.path(), 'no _EJ0');
        return;
      }
      if (!this.run(() => this.aml.evaluate(ej0, [1n]))) return;
      cpu.sta = this.aml.status(node);
      this.console.report('cpu-ejected', ...this.fields(cpu));
    } else if (value === NOTIFY_DEVICE_CHECK) {
      cpu.sta = this.aml.status(node);
      this.console.report(cpu.sta & 1 ? 'cpu-online' : 'cpu-absent', ...this.fields(cpu));
    }
  }

  private fields(c: GuestCpu): string[] {
    return [c.node.path(), `uid=${c.uid}`, `apic=${c.apicId ?? '-'}`, ...(c.pxm !== undefined ? [`pxm=${c.pxm}`] : []), `sta=0x${c.sta.toString(16)}`];
  }

  private pxm(node: NsNode): number | undefined {
    const p = node.child('_PXM');
    if (!p) return undefined;
    let v;
    try {
      v = this.aml.evaluate(p);
    } catch (e) {
      if (!(e instanceof AmlError)) throw e;
      return undefined;
    }
    return typeof v === 'bigint' ? Number(v) : undefined;
  }

  /** The APIC ID from _MAT's Local APIC structure (undefined without one). */
  private apicId(node: NsNode): number | undefined {
    const mat = node.child('_MAT');
    if (!mat) return undefined;
    let v;
    try {
      v = this.aml.evaluate(mat);
    } catch (e) {
      if (!(e instanceof AmlError)) throw e;
      return undefined;
    }
    if (v === undefined || typeof v === 'bigint' || v.kind !== Kind.Buffer || v.data[0] !== MADT_LOCAL_APIC || v.data.length < 8) return undefined;
    return v.data[3];
  }

  private run(f: () => unknown): boolean {
    try {
      f();
      return true;
    } catch (e) {
      if (!(e instanceof AmlError)) throw e;
      this.console.report('aml-error', e.describe());
      return false;
    }
  }
}
