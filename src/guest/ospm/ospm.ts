/** The OSPM boot sequence: tables → AML namespace → _STA/_INI → devices → ACPI mode, GPEs, SCI → drivers. */
import type { CpuWire, ProgramExit } from '../../spec/cpu-wire.js';
import { AmlError, AmlInterpreter } from '../aml/index.js';
import type { NsNode } from '../aml/index.js';
import { findRsdp, handoverFlags, readAcpiTables } from './acpi-tables.js';
import { lineTracer } from '../aml/trace-lines.js';
import { HANDOVER_FLAGS } from '../../spec/handover.js';
import type { AcpiTables } from './acpi-tables.js';
import { GuestConsole } from './console.js';
import { DeviceEnumerator, formatDevice } from './devices.js';
import type { DeviceInfo } from './devices.js';
import { AcpiEvents } from './events.js';
import { VmgenidDriver, matchesVmgenid } from './vmgenid.js';
import { wireHost } from './wire-host.js';
import { PciResourceManager } from './pci-manager.js';
import { CpuDriver } from './cpus.js';
import { readSmbios } from './smbios.js';
import type { GuestOs } from './pci-policy.js';
import { restoreDevice, restoreNamespaceData, saveDevice, saveNamespaceData } from './ospm-state.js';
import type { OspmState } from './ospm-state.js';
import { enterS3, enterS5, leaveS3 } from './sleep.js';
import type { SleepContext, WakeSource } from './sleep.js';

const hex = (n: number) => '0x' + n.toString(16);

export interface OspmDriver {
  readonly node: NsNode;
  notify(value: number): void;
}

export class Ospm {
  readonly console: GuestConsole;
  tables: AcpiTables | undefined;
  aml: AmlInterpreter | undefined;
  devices: DeviceInfo[] = [];
  events: AcpiEvents | undefined;
  vmgenid: VmgenidDriver | undefined;
  readonly drivers: OspmDriver[] = [];
  readonly notifications: Array<{ path: string; value: number }> = [];
  pci: PciResourceManager | undefined;
  cpus: CpuDriver | undefined;

  rsdp: number | undefined;

  constructor(private readonly wire: CpuWire, readonly os: GuestOs = 'linux') {
    this.console = new GuestConsole(wire);
  }

  /** The OSPM idling: its state as bytes (ospm-state.ts), for the program's save hook. */
  saveState(): Uint8Array {
    if (!this.aml || this.rsdp === undefined) throw new Error('ospm: nothing to save before the namespace is loaded');
    const v = this.vmgenid;
    const vg = v?.node.path();
    const state: OspmState = {
      os: this.os, rsdp: this.rsdp, devices: this.devices.map(saveDevice), pci: this.pci?.saveState() ?? null,
      vmgenid: v && vg ? { path: vg, ...v.saveState() } : null,
      data: saveNamespaceData(this.aml),
    };
    return new TextEncoder().encode(JSON.stringify(state));
  }

  /**
   * Continue on a restored machine: the tables are read again from guest memory and the
   * namespace rebuilt without _INI/_PIC/_REG (their effects come back with the saved data
   * objects), the GPE handlers and the SCI handler are installed again, and the OSPM idles.
   * Pending GPEs (a vmgenid post-load) are handled as soon as interrupts are on.
   */
  static resume(wire: CpuWire, bytes: Uint8Array): { ospm: Ospm; exit: ProgramExit } {
    const s = JSON.parse(new TextDecoder().decode(bytes)) as OspmState;
    const o = new Ospm(wire, s.os);
    return { ospm: o, exit: o.resumeFrom(s) };
  }

  private resumeFrom(s: OspmState): ProgramExit {
    const c = this.console;
    this.rsdp = s.rsdp;
    const t = readAcpiTables(this.wire, s.rsdp);
    this.tables = t;
    if (!t.fadt || !t.dsdt) return { kind: 'halt', reason: 'ospm: no FADT/DSDT after restore' };
    const aml = new AmlInterpreter(wireHost(this.wire));
    this.aml = aml;
    aml.onNotify((node, value) => this.deliver(node, value));
    for (const table of [t.dsdt, ...t.ssdts]) {
      try {
        aml.loadTable(table.bytes);
      } catch (e) {
        if (!(e instanceof AmlError)) throw e;
      }
    }
    aml.markInitialized();
    restoreNamespaceData(aml, s.data);
    this.devices = s.devices.map((d) => restoreDevice(aml, d)).filter((d): d is DeviceInfo => d !== undefined);
    this.pci = new PciResourceManager(this.wire, aml, this.devices, this.os, c);
    if (s.pci) this.pci.restoreState(s.pci);
    const events = this.newEvents(aml, t.fadt);
    events.collectGpes();
    const vg = s.vmgenid ? this.devices.find((d) => d.path === s.vmgenid!.path) : undefined;
    if (vg && s.vmgenid) {
      this.vmgenid = new VmgenidDriver(this.wire, aml, vg.node, c);
      this.vmgenid.restoreState(s.vmgenid);
      this.drivers.push({ node: vg.node, notify: (v) => this.vmgenid!.notify(v) });
      this.pci.afterChange = () => this.vmgenid?.recheck();
    }
    c.report('resumed', `devices=${this.devices.length}`, `namespace=${aml.namespace().length}`, `data=${s.data.length}`);
    events.install();
    return { kind: 'idle' };
  }

  boot(): ProgramExit {
    const c = this.console;
    const rsdp = findRsdp(this.wire);
    if (rsdp === undefined) {
      c.report('no-rsdp');
      return { kind: 'halt', reason: 'ospm: no RSDP found' };
    }
    const t = readAcpiTables(this.wire, rsdp);
    this.tables = t;
    this.rsdp = rsdp;
    c.report('rsdp', hex(rsdp), `rev=${t.rsdpRevision}`, `oem=${t.oemId || '-'}`, `checksum=${t.rsdpChecksumOk ? 'ok' : 'BAD'}`);
    for (const x of t.tables) c.report('table', x.signature, hex(x.address), `len=${hex(x.length)}`, `checksum=${x.checksumOk ? 'ok' : 'BAD'}`);
    const dmi = readSmbios(this.wire);
    if (dmi) {
      c.report('smbios', dmi.version, hex(dmi.entryPoint), `table=${hex(dmi.table)}`, `len=${dmi.length}`, `structures=${dmi.structures}`,
        `checksum=${dmi.checksumOk ? 'ok' : 'BAD'}`);
      const sys = dmi.system;
      if (sys) c.report('smbios-system', JSON.stringify(sys.manufacturer), JSON.stringify(sys.product), JSON.stringify(sys.version), `serial=${JSON.stringify(sys.serial)}`, `uuid=${sys.uuid}`);
    }
    if (!t.fadt || !t.dsdt) {
      c.report('no-dsdt');
      return { kind: 'halt', reason: 'ospm: no FADT/DSDT' };
    }
    const aml = new AmlInterpreter(wireHost(this.wire));
    this.aml = aml;
    if (handoverFlags(this.wire) & HANDOVER_FLAGS.TRACE_AML) {
      c.tracing.add('aml');
      aml.setTracer(lineTracer((line) => c.trace('aml', line)));
    }
    aml.onNotify((node, value) => this.deliver(node, value));
    for (const table of [t.dsdt, ...t.ssdts]) {
      try {
        aml.loadTable(table.bytes);
      } catch (e) {
        if (!(e instanceof AmlError)) throw e;
        c.report('aml-error', table.signature, e.describe());
      }
    }
    aml.initialize();
    const errors = aml.loadErrors.length;
    c.report('namespace', `nodes=${aml.namespace().length}`, `tables=${aml.tables.length}`, `errors=${errors}`);
    for (const e of aml.loadErrors.slice(0, 16)) c.report('aml-error', e.describe());

    // Interrupt model: tell the firmware we route through the I/O APIC (\_PIC(1)), as OSes do.
    const pic = aml.node('\\_PIC');
    if (pic) {
      try {
        aml.evaluate(pic, [1n]);
        c.report('pic', 'apic');
      } catch (e) {
        if (!(e instanceof AmlError)) throw e;
        c.report('aml-error', e.describe());
      }
    }

    const en = new DeviceEnumerator(aml);
    this.devices = en.enumerate();
    for (const d of this.devices) c.report('device', ...formatDevice(d));
    for (const e of en.errors.slice(0, 16)) c.report('aml-error', e);

    this.cpus = new CpuDriver(aml, c);
    this.cpus.start();

    this.pci = new PciResourceManager(this.wire, aml, this.devices, this.os, c);
    this.pci.start();

    const events = this.newEvents(aml, t.fadt);
    c.report('acpi-mode', events.enableAcpiMode() ? 'enabled' : 'FAILED', `sci=${t.fadt.sciInt}`);
    events.enablePowerButton();
    const gpes = events.enableGpes();
    c.report('gpe-enabled', gpes.length ? gpes.map((b) => hex(b)).join(',') : 'none');
    events.install();

    const vg = this.devices.find(matchesVmgenid);
    if (vg) {
      this.vmgenid = new VmgenidDriver(this.wire, aml, vg.node, c);
      this.drivers.push({ node: vg.node, notify: (v) => this.vmgenid!.notify(v) });
      this.vmgenid.start();
      this.pci.afterChange = () => this.vmgenid?.recheck();
    }
    c.report('idle', `devices=${this.devices.length}`);
    return { kind: 'idle' };
  }

  /** The SCI's handler, with the power button's policy: soft-off, as an OS whose user pressed it shuts down. */
  private newEvents(aml: AmlInterpreter, fadt: NonNullable<AcpiTables['fadt']>): AcpiEvents {
    const events = new AcpiEvents(this.wire, aml, fadt, this.console);
    this.events = events;
    events.onPowerButton = () => {
      const c = this.sleepContext();
      this.console.report('power-button');
      if (c) enterS5(c);
    };
    return events;
  }

  private sleepContext(): SleepContext | undefined {
    const fadt = this.tables?.fadt;
    return this.aml && fadt ? { wire: this.wire, aml: this.aml, fadt, console: this.console } : undefined;
  }

  /**
   * Suspend to RAM (sleep.ts). When the machine sleeps this does not return: the firmware's jump
   * to the waking vector comes back through `wake`. Otherwise the OSPM stays idle.
   */
  suspend(wake: WakeSource): ProgramExit {
    const c = this.sleepContext();
    const facs = this.tables?.fadt?.facs;
    if (!c || !facs) {
      this.console.report('s3', 'unsupported', '(no FADT/FACS)');
      return { kind: 'idle' };
    }
    enterS3(c, facs, wake);
    return { kind: 'idle' };
  }

  /**
   * Entered at the waking vector after S3: the wake-up sequence, then what the wake-up's reset
   * undid — the GPE enables, the SCI handler — and the drivers look again (vmgenid re-reads its ID).
   */
  wake(vector: number): ProgramExit {
    const c = this.sleepContext();
    if (!c || !this.events || !leaveS3(c, vector)) return { kind: 'halt', reason: `ospm: entered at 0x${vector.toString(16)}, not its waking vector` };
    this.console.report('acpi-mode', this.events.enableAcpiMode() ? 'enabled' : 'FAILED', `sci=${c.fadt.sciInt}`);
    this.events.enablePowerButton();
    const gpes = this.events.enableGpes();
    this.console.report('gpe-enabled', gpes.length ? gpes.map((b) => hex(b)).join(',') : 'none');
    this.events.install();
    this.vmgenid?.resumed();
    this.console.report('idle', `devices=${this.devices.length}`);
    return { kind: 'idle' };
  }

  /** Notify() from AML: queued by the interpreter, delivered here to the node's driver. */
  private deliver(node: NsNode, value: number): void {
    this.notifications.push({ path: node.path(), value });
    this.console.report('notify', node.path(), hex(value));
    let handled = false;
    for (const d of this.drivers) {
      if (d.node !== node) continue;
      d.notify(value);
      handled = true;
    }
    if (!handled && this.cpus?.owns(node)) this.cpus.notify(node, value);
    else if (!handled) this.pci?.notify(node, value);
  }
}
