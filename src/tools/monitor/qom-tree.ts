/**
 * qom-list / qom-get over the part of QEMU's QOM composition tree fwlab has: /machine with its
 * type and machine properties, the CPU under /machine/unattached, and `-device`s under
 * /machine/peripheral (with id) or /machine/peripheral-anon (device[N]) with their properties.
 */
import type { Machine } from '../../inspect.js';
import { QmpError, genericError } from './qmp-error.js';
import { cpuType } from './qmp-machine-info.js';

export interface ObjectPropertyInfo {
  readonly name: string;
  readonly type: string;
}

interface QomObject {
  readonly type: string;
  readonly props: ReadonlyMap<string, { readonly type: string; readonly value: unknown }>;
  readonly children: ReadonlyMap<string, QomObject>;
}

const MACHINE_TYPES: Readonly<Record<string, string>> = { pc: 'pc-i440fx-7.2-machine', q35: 'pc-q35-7.2-machine' };

function container(children: Map<string, QomObject>): QomObject {
  return { type: 'container', props: new Map(), children };
}

function propType(v: unknown): string {
  return typeof v === 'boolean' ? 'bool' : typeof v === 'number' ? 'uint64' : 'str';
}

function device(driver: string, props: ReadonlyMap<string, unknown>): QomObject {
  return { type: driver, props: new Map([...props].map(([k, v]) => [k, { type: propType(v), value: v }])), children: new Map() };
}

/** The tree as it stands now (hot-plugged devices included). */
function buildTree(machine: Machine): QomObject {
  const peripheral = new Map<string, QomObject>();
  const anon = new Map<string, QomObject>();
  for (const d of machine.config.devices) {
    const obj = device(d.driver, d.props);
    if (d.id) peripheral.set(d.id, obj);
    else anon.set(`device[${anon.size}]`, obj);
  }
  for (const f of machine.pci.devices()) {
    if (f.id && !peripheral.has(f.id)) peripheral.set(f.id, device(f.name, new Map()));
  }
  const cpu: QomObject = { type: cpuType(machine), props: new Map(), children: new Map() };
  const machineProps = new Map([...machine.config.machineProps].map(([k, v]) => [k, { type: propType(v), value: v as unknown }]));
  return {
    type: MACHINE_TYPES[machine.config.board] ?? machine.config.board,
    props: machineProps,
    children: new Map([
      ['unattached', container(new Map([['device[0]', cpu]]))],
      ['peripheral', container(peripheral)],
      ['peripheral-anon', container(anon)],
    ]),
  };
}

function resolve(machine: Machine, path: string): QomObject {
  const root = container(new Map([['machine', buildTree(machine)]]));
  let obj: QomObject | undefined = root;
  for (const part of path.split('/').filter((p) => p !== '')) obj = obj?.children.get(part);
  if (!obj || !path.startsWith('/')) throw new QmpError('DeviceNotFound', `Device '${path}' not found`);
  return obj;
}

export function qomList(machine: Machine, path: string): ObjectPropertyInfo[] {
  const obj = resolve(machine, path);
  return [
    { name: 'type', type: 'string' },
    ...[...obj.props].map(([name, p]) => ({ name, type: p.type })),
    ...[...obj.children].map(([name, c]) => ({ name, type: `child<${c.type}>` })),
  ];
}

export function qomGet(machine: Machine, path: string, property: string): unknown {
  const obj = resolve(machine, path);
  if (property === 'type') return obj.type;
  const p = obj.props.get(property);
  if (!p) throw genericError(`Property '${obj.type}.${property}' not found`);
  return p.value;
}
