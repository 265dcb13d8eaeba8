/**
 * The OSPM's snapshot state (decision 0022). The namespace is not serialised: on resume it is
 * rebuilt from the same tables in restored guest memory, then the values of its data objects
 * (Integer, String, Buffer, Package of those) are put back by path, which carries what _INI,
 * _PIC or _REG changed. Devices, the PCI manager's view and the vmgenid driver are plain data.
 */
import { AmlBuffer, AmlPackage, AmlString, Kind } from '../aml/index.js';
import type { AmlInterpreter, AmlValue, NsNode } from '../aml/index.js';
import type { DeviceInfo } from './devices.js';
import type { Resource } from './resources.js';
import type { GuestFunction, Range } from './pci-scan.js';
import type { GuestOs } from './pci-policy.js';

/** A data object's value as JSON: integers as decimal strings (64-bit). */
type DataValue = { i: string } | { s: string } | { b: number[] } | { p: Array<DataValue | null> };

export interface SavedDevice {
  readonly path: string;
  readonly sta: number;
  readonly hid: string | null;
  readonly cids: string[];
  readonly uid: string | null;
  readonly adr: string | null;
  readonly resources: Array<{ kind: Resource['kind']; min: string; max: string }>;
}

export interface OspmState {
  readonly os: GuestOs;
  readonly rsdp: number;
  readonly devices: SavedDevice[];
  readonly pci: { functions: GuestFunction[]; bootWindows: Array<[string, Range[]]> } | null;
  readonly vmgenid: { path: string; address: number | null; guid: string | null; lastBad: string | null } | null;
  readonly data: Array<[string, DataValue]>;
}

function dataOf(v: AmlValue | undefined, depth = 0): DataValue | undefined {
  if (v === undefined || depth > 8) return undefined;
  if (typeof v === 'bigint') return { i: v.toString() };
  if (v.kind === Kind.String) return { s: v.value };
  if (v.kind === Kind.Buffer) return { b: [...v.data] };
  if (v.kind === Kind.Package) {
    const elements = v.elements.map((e) => (e === undefined ? null : dataOf(e, depth + 1) ?? null));
    return { p: elements };
  }
  return undefined;
}

function valueOf(d: DataValue): AmlValue {
  if ('i' in d) return BigInt(d.i);
  if ('s' in d) return new AmlString(d.s);
  if ('b' in d) return new AmlBuffer(Uint8Array.from(d.b));
  return new AmlPackage(d.p.map((e) => (e === null ? undefined : valueOf(e))));
}

/** Every named data object of the tables' namespace (not method locals). */
export function saveNamespaceData(aml: AmlInterpreter): Array<[string, DataValue]> {
  const out: Array<[string, DataValue]> = [];
  aml.ns.walk((n: NsNode) => {
    if (n.owner > 0) {
      const d = dataOf(n.object);
      if (d) out.push([n.path(), d]);
    }
    return true;
  });
  return out;
}

/** Put the saved values back in place: a Buffer keeps its object (buffer fields point into it). */
export function restoreNamespaceData(aml: AmlInterpreter, data: ReadonlyArray<[string, DataValue]>): void {
  for (const [path, d] of data) {
    const n = aml.node(path);
    if (!n) continue;
    const cur = n.object;
    const v = valueOf(d);
    if (cur !== undefined && typeof cur !== 'bigint' && cur.kind === Kind.Buffer && typeof v !== 'bigint' && v.kind === Kind.Buffer) cur.data = v.data;
    else if (cur !== undefined && typeof cur !== 'bigint' && cur.kind === Kind.String && typeof v !== 'bigint' && v.kind === Kind.String) cur.value = v.value;
    else if (cur !== undefined && typeof cur !== 'bigint' && cur.kind === Kind.Package && typeof v !== 'bigint' && v.kind === Kind.Package) cur.elements = v.elements;
    else n.object = v;
  }
}

export function saveDevice(d: DeviceInfo): SavedDevice {
  return {
    path: d.path, sta: d.sta, hid: d.hid ?? null, cids: d.cids, uid: d.uid ?? null, adr: d.adr === undefined ? null : d.adr.toString(),
    resources: d.resources.map((r) => ({ kind: r.kind, min: r.min.toString(), max: r.max.toString() })),
  };
}

/** The device again, on the rebuilt namespace's node (undefined when the path is gone). */
export function restoreDevice(aml: AmlInterpreter, d: SavedDevice): DeviceInfo | undefined {
  const node = aml.node(d.path);
  if (!node) return undefined;
  return {
    path: d.path, node, sta: d.sta, hid: d.hid ?? undefined, cids: d.cids, uid: d.uid ?? undefined, adr: d.adr === null ? undefined : BigInt(d.adr),
    resources: d.resources.map((r) => ({ kind: r.kind, min: BigInt(r.min), max: BigInt(r.max) })),
  };
}
