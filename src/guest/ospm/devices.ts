/** Device enumeration: _STA, _HID/_CID/_UID/_ADR and decoded _CRS of every present device. */
import { AmlError, Kind } from '../aml/index.js';
import type { AmlInterpreter, AmlValue, NsNode } from '../aml/index.js';
import { decodeResources, formatResources } from './resources.js';
import type { Resource } from './resources.js';

export interface DeviceInfo {
  readonly path: string;
  readonly node: NsNode;
  readonly sta: number;
  readonly hid: string | undefined;
  readonly cids: string[];
  readonly uid: string | undefined;
  readonly adr: bigint | undefined;
  readonly resources: Resource[];
}

/** EISA compressed id (§6.1.5) → "PNP0A08". */
export function eisaId(v: bigint): string {
  const n = Number(v & 0xffffffffn);
  const id = ((n & 0xff) << 24) | (((n >> 8) & 0xff) << 16) | (((n >> 16) & 0xff) << 8) | ((n >>> 24) & 0xff);
  const ch = (x: number) => String.fromCharCode(((x & 0x1f) + 0x40));
  return ch(id >>> 26) + ch(id >>> 21) + ch(id >>> 16) + (id & 0xffff).toString(16).toUpperCase().padStart(4, '0');
}

function idString(v: AmlValue | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'bigint') return eisaId(v);
  if (v.kind === Kind.String) return v.value;
  return undefined;
}

export class DeviceEnumerator {
  readonly errors: string[] = [];
  constructor(private readonly aml: AmlInterpreter) {}

  private eval(node: NsNode, name: string): AmlValue | undefined {
    const n = node.child(name);
    if (!n) return undefined;
    try {
      return this.aml.evaluate(n);
    } catch (e) {
      if (!(e instanceof AmlError)) throw e;
      this.errors.push(`${node.path()}.${name}: ${e.describe()}`);
      return undefined;
    }
  }

  describe(node: NsNode, sta: number): DeviceInfo {
    const cidv = this.eval(node, '_CID');
    const cids: string[] = [];
    if (cidv !== undefined && typeof cidv !== 'bigint' && cidv.kind === Kind.Package) {
      for (const e of cidv.elements) {
        const s = idString(e);
        if (s) cids.push(s);
      }
    } else {
      const s = idString(cidv);
      if (s) cids.push(s);
    }
    const uidv = this.eval(node, '_UID');
    const adrv = this.eval(node, '_ADR');
    const crs = this.eval(node, '_CRS');
    return {
      path: node.path(),
      node,
      sta,
      hid: idString(this.eval(node, '_HID')),
      cids,
      uid: uidv === undefined ? undefined : typeof uidv === 'bigint' ? uidv.toString() : uidv.kind === Kind.String ? uidv.value : undefined,
      adr: typeof adrv === 'bigint' ? adrv : undefined,
      resources: crs !== undefined && typeof crs !== 'bigint' && crs.kind === Kind.Buffer ? decodeResources(crs.data) : [],
    };
  }

  /** Present devices (_STA bit 0), depth first; children of absent, non-functional devices skipped. */
  enumerate(): DeviceInfo[] {
    const out: DeviceInfo[] = [];
    this.aml.ns.walk((node) => {
      const o = node.object;
      const k = o === undefined || typeof o === 'bigint' ? -1 : o.kind;
      if (k !== Kind.Device && k !== Kind.Processor && k !== Kind.ThermalZone && k !== Kind.PowerResource) return true;
      if (node.parent === this.aml.ns.root && (node.name === '_SB_' || node.name === '_TZ_')) return true;
      const sta = this.aml.status(node);
      if ((sta & 1) === 0) return (sta & 8) !== 0;
      if (k === Kind.Device) out.push(this.describe(node, sta));
      return true;
    });
    return out;
  }
}

export function formatDevice(d: DeviceInfo): string[] {
  const f: string[] = [d.path];
  if (d.hid) f.push(`hid=${d.hid}`);
  if (d.cids.length) f.push(`cid=${d.cids.join(',')}`);
  if (d.uid !== undefined) f.push(`uid=${d.uid.replace(/\s/g, '_')}`);
  if (d.adr !== undefined) f.push(`adr=0x${d.adr.toString(16)}`);
  f.push(`sta=0x${d.sta.toString(16)}`);
  if (d.resources.length) f.push(`crs=${formatResources(d.resources)}`);
  return f;
}
