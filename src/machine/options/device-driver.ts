import { UsageError } from '../../lib/errors.js';
import { parseSize } from '../../lib/size.js';
import { parseBool, parseUint } from './qemu-opts.js';
import type { DeviceContext, PciDeviceContext } from '../wiring/device-context.js';

/** The kinds of property a device takes, each parsed and checked at option time. */
export type PropKind = 'string' | 'bool' | 'uint' | 'size' | 'uuid' | 'pci-addr' | 'macaddr';

export interface PropSpec {
  readonly kind: PropKind;
  readonly description: string;
  readonly default?: string;
}

export type PropValue = string | number | boolean | PciDevFn;
export interface PciDevFn {
  readonly slot: number;
  readonly fn: number;
}

export interface DeviceInstance {
  readonly driver: string;
  readonly id: string | undefined;
  readonly props: ReadonlyMap<string, PropValue>;
}

interface DriverCommon {
  readonly name: string;
  readonly description: string;
  readonly props: Readonly<Record<string, PropSpec>>;
  /** At most one per machine (vmgenid). */
  readonly singleton?: boolean;
}

/** A driver for a device on the ISA bus, the system board or a USB controller's bus: gets a DeviceContext. */
export interface SystemDeviceDriver extends DriverCommon {
  readonly bus: 'isa' | 'system' | 'usb';
  create(ctx: DeviceContext, device: DeviceInstance): void;
}

/** A PCI driver: gets the device context plus the PCI subsystem. */
export interface PciDeviceDriver extends DriverCommon {
  readonly bus: 'pci';
  create(ctx: PciDeviceContext, device: DeviceInstance): void;
}

/**
 * A `-device` driver: its QEMU name, properties and how it plugs in, given a narrow
 * context (src/machine/wiring/device-context.ts), never the machine.
 */
export type DeviceDriver = SystemDeviceDriver | PciDeviceDriver;

/** `props` with the driver's default for every property not given (QEMU's qdev property defaults). */
export function withDefaults(option: string, driver: Pick<DriverCommon, 'props'>, props: Map<string, PropValue> = new Map()): Map<string, PropValue> {
  for (const [k, spec] of Object.entries(driver.props)) if (!props.has(k) && spec.default !== undefined) props.set(k, parseProp(option, k, spec, spec.default));
  return props;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseProp(option: string, key: string, spec: PropSpec, value: string): PropValue {
  switch (spec.kind) {
    case 'string': return value;
    case 'bool': return parseBool(option, key, value);
    case 'uint': return parseUint(option, key, value);
    case 'size': {
      const n = parseSize(value);
      if (n === undefined) throw new UsageError(`${option}: property '${key}' expects a size, got '${value}'`);
      return n;
    }
    case 'uuid':
      if (value !== 'auto' && !UUID_RE.test(value)) throw new UsageError(`${option}: property '${key}' expects a UUID or 'auto', got '${value}'`);
      return value.toLowerCase();
    case 'macaddr':
      // QEMU's MACAddr property: six hex byte pairs separated by ':' or '-'.
      if (!/^[0-9a-f]{2}([:-][0-9a-f]{2}){5}$/i.test(value)) throw new UsageError(`${option}: property '${key}' expects a MAC address like 52:54:00:12:34:56, got '${value}'`);
      return value.toLowerCase();
    case 'pci-addr': {
      // QEMU reads the slot as hex with or without 0x ("addr=10" is slot 0x10), like sscanf("%x.%x").
      const m = /^(?:0x)?([0-9a-f]+)(?:\.([0-7]))?$/i.exec(value);
      const slot = m ? parseInt(m[1]!, 16) : NaN;
      if (!m || slot > 0x1f) throw new UsageError(`${option}: property '${key}' expects slot[.fn] (hex slot 0-1f), got '${value}'`);
      return { slot, fn: m[2] ? Number(m[2]) : 0 };
    }
  }
}
