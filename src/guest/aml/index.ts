/**
 * AML interpreter: programmatic API.
 *
 * ```ts
 * const aml = new AmlInterpreter(host?, options?);   // host: clock + region handlers (default: simulated, like acpiexec)
 * aml.loadTable(dsdtBytes); aml.loadTable(ssdtBytes);  // runs module-level code; errors recovered per object
 * aml.initialize();                                    // _REG, then the _STA/_INI walk
 * const v = aml.evaluate('\\_SB.PCI0._CRS', [1n]);     // AmlValue: bigint | AmlString | AmlBuffer | AmlPackage | ...
 * aml.namespace();                                     // [{ path: '\\_SB_.PCI0', type: 'Device' }, ...]
 * aml.onNotify((node, value) => ...);                  // Notify() from AML, delivered after each evaluation
 * aml.installRegionHandler(SPACE.EmbeddedControl, handler);  // runs _REG(space, 1)
 * ```
 * Errors: `AmlError` (errors.ts) with the ACPICA status name, method path and byte offset.
 * Values: types.ts; JSON/text presentation: format.ts. Semantics choices: docs/aml-semantics.md.
 */
import { Interpreter } from './interpreter.js';
import type { AmlClock, AmlOptions, AmlTracer } from './interpreter.js';
import { NsNode, parsePath } from './namespace.js';
import type { Namespace } from './namespace.js';
import { AmlError, amlError } from './errors.js';
import { AmlDevice, AmlMethod, AmlMutex, AmlString, FieldKind, Kind, TYPE_NAMES } from './types.js';
import type { AmlRegion, AmlValue } from './types.js';
import { RegionSpaces, SimulatedSpace } from './regions.js';
import type { PciAddress, RegionHandler } from './regions.js';
import { SDT_HEADER_SIZE, byteSum, parseSdtHeader } from './tables.js';
import type { SdtHeader } from './tables.js';
import { toInteger } from './convert.js';

export { AmlError, AmlInterpreterBug } from './errors.js';
export { SPACE, SimulatedSpace } from './regions.js';
export type { RegionHandler, RegionAccess, PciAddress, BufferTransfer } from './regions.js';
export type { AmlOptions, AmlClock, AmlTracer } from './interpreter.js';
export * from './types.js';
export { toJson, toText, debugText } from './format.js';
export type { NsNode } from './namespace.js';

export interface AmlHost {
  readonly clock?: AmlClock;
  /** Handlers per address space id (e.g. SystemMemory/SystemIO/PCI_Config through the CPU wire). */
  readonly regions?: ReadonlyMap<number, RegionHandler>;
  /** Spaces without a handler: simulate them (acpiexec style, default true when `regions` is absent). */
  readonly simulateOthers?: boolean;
  /** Debug-object output (Store(x, Debug)), with the integer width in bytes; default: kept in `debugLog`. */
  readonly onDebug?: (value: AmlValue | undefined, integerBytes: number) => void;
  /**
   * Asked before each definition block is loaded (by the host or by Load/LoadTable), as uACPI's
   * table-installation handler: 'allow', 'deny' (the load fails with AE_ACCESS), or a table to load instead.
   */
  readonly onTableInstall?: (header: SdtHeader) => 'allow' | 'deny' | Uint8Array;
}

export interface LoadedTable {
  readonly id: number;
  readonly header: SdtHeader;
  readonly bytes: Uint8Array;
  readonly checksumOk: boolean;
  loaded: boolean;
}

export interface NamespaceEntry {
  readonly path: string;
  readonly type: string;
}

/**
 * _OSI strings answered true by default, as uACPI: the Windows versions and the feature strings
 * it enables by default ("Linux", "Darwin", "Processor Device", "3.0 _SCP Extensions",
 * "Processor Aggregator Device" and the rest are false). `aml.osi` is a mutable Set.
 */
export const OSI_STRINGS: readonly string[] = [
  'Windows 2000', 'Windows 2001', 'Windows 2001 SP1', 'Windows 2001.1', 'Windows 2001 SP2', 'Windows 2001.1 SP1',
  'Windows 2006', 'Windows 2006.1', 'Windows 2006 SP1', 'Windows 2006 SP2', 'Windows 2009', 'Windows 2012',
  'Windows 2013', 'Windows 2015', 'Windows 2016', 'Windows 2017', 'Windows 2017.2', 'Windows 2018', 'Windows 2018.2',
  'Windows 2019', 'Windows 2020', 'Windows 2021', 'Windows 2022', 'Module Device', '3.0 Thermal Model',
  'Extended Address Space Descriptor',
];

class CountingClock implements AmlClock {
  private t = 0;
  now(): number {
    return this.t;
  }
  delay(ns: number): void {
    this.t += Math.max(0, ns);
  }
}

export class AmlInterpreter {
  private readonly core: Interpreter;
  readonly tables: LoadedTable[] = [];
  private readonly regions: AmlRegion[] = [];
  private readonly notifyHandlers: Array<(node: NsNode, value: number) => void> = [];
  private initialized = false;
  private dsdtSeen = false;
  /** Debug-object output (Store(x, Debug)); default: collected in `debugLog`. */
  readonly debugLog: Array<AmlValue | undefined> = [];
  readonly osi = new Set(OSI_STRINGS);
  private readonly onTableInstall: AmlHost['onTableInstall'];

  constructor(host: AmlHost = {}, options: AmlOptions = {}) {
    const spaces = new RegionSpaces();
    for (const [space, h] of host.regions ?? []) spaces.handlers.set(space, h);
    if (host.simulateOthers ?? host.regions === undefined) spaces.fallback = new SimulatedSpace();
    const core = new Interpreter(spaces, host.clock ?? new CountingClock(), options);
    this.onTableInstall = host.onTableInstall;
    this.core = core;
    spaces.pciResolver = (r) => this.pciAddressOf(r);
    const onDebug = host.onDebug;
    core.onDebug = onDebug ? (v) => onDebug(v, core.intBytes) : (v) => this.debugLog.push(v);
    core.tableName = (id) => this.tables[id - 1]?.header.signature ?? '';
    core.hooks = {
      onRegionCreated: (r) => {
        this.regions.push(r);
        if (this.initialized) this.runReg(r);
      },
      findTable: (sig, oem, oemTable) =>
        this.tables.find((t) => t.header.signature === sig && (!oem || t.header.oemId.startsWith(oem)) && (!oemTable || t.header.oemTableId.startsWith(oemTable)))?.bytes,
      loadTable: (bytes, scope) => {
        // A table loaded by AML (Load/LoadTable) fails when its module-level code hit an error.
        // (Duplicate names are skipped, as uACPI does; they do not fail the load.)
        const before = this.core.loadErrors.length;
        const id = this.loadTable(bytes, scope);
        const failed = this.core.loadErrors.slice(before).find((e) => e.loadTableId === id && e.code !== 'ALREADY_EXISTS');
        if (failed) throw amlError('AML_INTERNAL', `table load failed: ${failed.describe()}`);
        return id;
      },
      unloadTable: (id) => this.unloadTable(id),
    };
    this.predefine();
  }

  get ns(): Namespace {
    return this.core.ns;
  }

  /** Integer width in bytes: 4 after a revision-1 DSDT, else 8. */
  get integerBytes(): number {
    return this.core.intBytes;
  }

  /** Method frames still on the engine's stack (0 between evaluations). */
  get callDepth(): number {
    return this.core.frames.length;
  }

  /** Errors recovered from while loading tables (AML continues after a failing object). */
  get loadErrors(): readonly AmlError[] {
    return this.core.loadErrors;
  }

  private predefine(): void {
    const ns = this.core.ns;
    const add = (name: string, obj?: AmlValue) => {
      const n = ns.createChild(ns.root, name, 0);
      n.object = obj;
      if (obj === undefined) n.scope = true;
      return n;
    };
    add('_GPE');
    add('_PR_');
    add('_SB_', new AmlDevice());
    add('_SI_');
    add('_TZ_', new AmlDevice());
    add('_REV', 2n);
    add('_OS_', new AmlString('Microsoft Windows NT'));
    add('_GL_', new AmlMutex(0));
    add('_OSI', new AmlMethod(1, false, 0, new Uint8Array(0), 0, 0, 0, (args) => {
      const a = args[0];
      const s = a !== undefined && typeof a !== 'bigint' && a.kind === Kind.String ? a.value : '';
      return this.osi.has(s) ? this.core.ones : 0n;
    }));
  }

  /** Load a DSDT/SSDT: header checked, module-level code run (relative to `scope`, default root). Returns the table id. */
  loadTable(original: Uint8Array, scope?: NsNode): number {
    let bytes = original;
    const disposition = this.onTableInstall?.(parseSdtHeader(bytes)) ?? 'allow';
    if (disposition === 'deny') throw amlError('ACCESS', 'table installation denied by the host');
    if (disposition !== 'allow') bytes = disposition;
    const header = parseSdtHeader(bytes);
    if (header.length < SDT_HEADER_SIZE || header.length > bytes.length) {
      throw amlError('BAD_HEADER', `${header.signature}: length ${header.length} does not fit ${bytes.length} bytes`);
    }
    const data = bytes.subarray(0, header.length);
    const t: LoadedTable = { id: this.tables.length + 1, header, bytes: data, checksumOk: byteSum(data) === 0, loaded: true };
    this.tables.push(t);
    if (header.signature === 'DSDT' && !this.dsdtSeen) {
      this.dsdtSeen = true;
      this.core.setIntegerWidth(header.revision < 2 ? 4 : 8);
    }
    this.core.runTable(data, SDT_HEADER_SIZE, header.length, t.id, scope);
    this.drainNotifies();
    return t.id;
  }

  unloadTable(id: number): void {
    const t = this.tables[id - 1];
    if (!t || !t.loaded) throw amlError('NOT_EXIST', `no loaded table with id ${id}`);
    t.loaded = false;
    const doomed: NsNode[] = [];
    this.ns.walk((n) => {
      if (n.owner === id) {
        doomed.push(n);
        return false;
      }
      return true;
    });
    for (const n of doomed) this.ns.remove(n);
  }

  /** After loading: run _REG for regions with a handler, then \_SB._INI and the _STA/_INI walk. */
  initialize(): void {
    this.initialized = true;
    for (const r of this.regions) this.runReg(r);
    const sb = this.ns.lookupPath('\\_SB_._INI');
    if (sb) this.tryCall(sb, []);
    this.ns.walk((node) => {
      const o = node.object;
      const k = o === undefined || typeof o === 'bigint' ? -1 : o.kind;
      if (k !== Kind.Device && k !== Kind.Processor && k !== Kind.ThermalZone) return true;
      if (node.path() === '\\_SB_') return true;
      const sta = this.status(node);
      if ((sta & 1) === 0) return (sta & 8) !== 0;
      const ini = node.child('_INI');
      if (ini) this.tryCall(ini, []);
      return true;
    });
    this.drainNotifies();
  }

  /**
   * A namespace rebuilt from the same tables after a snapshot restore: what initialize() did
   * (_REG, _INI) already happened on the saved machine, so only the flag is set.
   */
  markInitialized(): void {
    this.initialized = true;
  }

  /** _STA of a device (0x0F when absent or failing). */
  status(node: NsNode): number {
    const s = node.child('_STA');
    if (!s) return 0x0f;
    const v = this.tryCall(s, []);
    try {
      return v === undefined ? 0x0f : Number(toInteger(this.core, v) & 0xffffffffn);
    } catch (e) {
      // A _STA value that is not an Integer: present and functioning, as for a failing _STA.
      if (!(e instanceof AmlError)) throw e;
      return 0x0f;
    }
  }

  private tryCall(node: NsNode, args: AmlValue[]): AmlValue | undefined {
    try {
      return this.core.callNode(node, args);
    } catch (e) {
      if (e instanceof AmlError) {
        this.core.loadErrors.push(e);
        return undefined;
      }
      throw e;
    }
  }

  private readonly regDone = new Set<string>();

  private runReg(r: AmlRegion): void {
    // SystemMemory and SystemIO are always available: no _REG for them (Windows, uACPI).
    if (r.regCalled || r.tableData || r.space <= 1 || !this.core.spaces.has(r.space)) return;
    r.regCalled = true;
    const parent = r.node.parent;
    if (!parent) return;
    const key = `${parent.path()}#${r.space}`;
    if (this.regDone.has(key)) return;
    this.regDone.add(key);
    const reg = parent.child('_REG');
    if (reg) this.tryCall(reg, [BigInt(r.space), 1n]);
  }

  /** Install a handler for an address space and run _REG(space, 1) for its regions. */
  installRegionHandler(space: number, handler: RegionHandler): void {
    this.core.spaces.handlers.set(space, handler);
    for (const r of this.regions) if (r.space === space) {
      r.regCalled = false;
      this.regDone.delete(`${r.node.parent?.path()}#${space}`);
      if (this.initialized) this.runReg(r);
    }
  }

  onNotify(handler: (node: NsNode, value: number) => void): void {
    this.notifyHandlers.push(handler);
  }

  /** Deliver queued Notify() events to the handlers, in order. */
  drainNotifies(): void {
    const q = this.core.notifyQueue;
    while (q.length) {
      const e = q.shift()!;
      for (const h of this.notifyHandlers) h(e.node, e.value);
    }
  }

  /** Install (or remove, with undefined) execution trace hooks: calls, returns, region accesses, Notify, errors. */
  setTracer(tracer: AmlTracer | undefined): void {
    this.core.tracer = tracer;
    this.core.spaces.onAccess = tracer?.region ? (op, r, address, width, value) => tracer.region!(op, r, address, width, value) : undefined;
  }

  /** Which loaded table defined a node, and the offset of its defining term (undefined: predefined or unknown). */
  definedAt(node: NsNode): { readonly table: LoadedTable; readonly offset: number } | undefined {
    const t = node.owner > 0 ? this.tables[node.owner - 1] : undefined;
    return t && node.defOffset >= 0 ? { table: t, offset: node.defOffset } : undefined;
  }

  /** Find a node by path ("\\_SB.PCI0._CRS"; segments are padded with '_'). */
  node(path: string, scope?: NsNode): NsNode | undefined {
    return this.ns.lookup(scope ?? this.ns.root, parsePath(path));
  }

  /** Evaluate a method (with arguments) or read a named object. Throws AmlError. */
  evaluate(path: string | NsNode, args: AmlValue[] = []): AmlValue | undefined {
    const node = typeof path === 'string' ? this.node(path) : path;
    if (!node) throw amlError('NOT_FOUND', `${String(path)} not found`);
    try {
      return this.core.callNode(node, args);
    } finally {
      this.drainNotifies();
    }
  }

  /** Every node (except the root) in creation order, with ACPICA's type names. */
  namespace(): NamespaceEntry[] {
    const out: NamespaceEntry[] = [];
    this.ns.walk((n) => {
      if (n.object === undefined && n.externalType >= 0 && !n.alias) return false;
      out.push({ path: n.path(), type: nodeTypeName(n) });
      return true;
    });
    return out;
  }

  private pciAddressOf(r: AmlRegion): PciAddress {
    const cached = (r as { pci?: PciAddress }).pci;
    if (cached) return cached;
    let device = 0;
    let fn = 0;
    let bus = 0;
    let segment = 0;
    const dev = r.node.parent;
    const int = (n: NsNode | undefined, dflt: number) => {
      if (!n) return dflt;
      const v = this.tryCall(n, []);
      try {
        return v === undefined ? dflt : Number(toInteger(this.core, v) & 0xffffffffn);
      } catch (e) {
        if (!(e instanceof AmlError)) throw e;
        return dflt;
      }
    };
    if (dev) {
      const adr = int(dev.child('_ADR'), 0);
      device = (adr >>> 16) & 0x1f;
      fn = adr & 0x7;
      for (let n: NsNode | undefined = dev; n; n = n.parent) {
        if (isPciRoot(this, n)) {
          bus = int(n.child('_BBN'), 0) & 0xff;
          segment = int(n.child('_SEG'), 0) & 0xffff;
          if (n === dev) {
            device = (adr >>> 16) & 0x1f;
            fn = adr & 7;
          }
          break;
        }
      }
    }
    const pci = { segment, bus, device, fn };
    (r as { pci?: PciAddress }).pci = pci;
    return pci;
  }
}

function isPciRoot(aml: AmlInterpreter, n: NsNode): boolean {
  for (const id of ['_HID', '_CID']) {
    const c = n.child(id);
    if (!c) continue;
    const v = c.object;
    const ids = [v];
    for (const x of ids) {
      if (x === undefined) continue;
      if (typeof x === 'bigint') {
        if (x === 0x030ad041n || x === 0x080ad041n) return true;
      } else if (x.kind === Kind.String && (x.value === 'PNP0A03' || x.value === 'PNP0A08')) return true;
    }
  }
  void aml;
  return false;
}

export function nodeTypeName(n: NsNode): string {
  if (n.alias) return 'Alias';
  const o = n.object;
  if (o === undefined) return n.scope ? 'Scope' : 'Untyped';
  if (typeof o === 'bigint') return 'Integer';
  if (o.kind === Kind.FieldUnit) return o.fieldKind === FieldKind.Index ? 'IndexField' : o.fieldKind === FieldKind.Bank ? 'BankField' : 'RegionField';
  return TYPE_NAMES[o.kind] ?? 'Untyped';
}
