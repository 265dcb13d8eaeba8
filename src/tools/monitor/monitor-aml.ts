/**
 * `aml-eval` for the monitor: the guest's AML interpreter, run host-side over the tables the
 * firmware installed, with SystemMemory and SystemIO going to the machine (a debugger's probe).
 */
import { AmlInterpreter, AmlString, SPACE, toJson } from '../../inspect.js';
import type { AmlValue, RegionAccess, RegionHandler } from '../../inspect.js';
import type { Machine } from '../../inspect.js';
import type { AcpiTable } from '../acpi/table-set.js';

function memoryHandler(m: Machine): RegionHandler {
  return {
    read: (a: RegionAccess) => {
      const b = m.memory.readBytes(Number(a.address), a.width);
      let v = 0n;
      for (let i = a.width - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]!);
      return v;
    },
    write: (a: RegionAccess, value: bigint) => {
      const b = new Uint8Array(a.width);
      for (let i = 0; i < a.width; i++) b[i] = Number((value >> BigInt(8 * i)) & 0xffn);
      m.memory.writeBytes(Number(a.address), b);
    },
  };
}

function ioHandler(m: Machine): RegionHandler {
  return {
    read: (a: RegionAccess) => {
      const port = Number(a.address);
      return BigInt(a.width === 1 ? m.cpu.in8(port) : a.width === 2 ? m.cpu.in16(port) : m.cpu.in32(port));
    },
    write: (a: RegionAccess, value: bigint) => {
      const port = Number(a.address);
      const v = Number(value & 0xffffffffn);
      if (a.width === 1) m.cpu.out8(port, v);
      else if (a.width === 2) m.cpu.out16(port, v);
      else m.cpu.out32(port, v);
    },
  };
}

/** An interpreter with the DSDT and SSDTs loaded, SystemMemory and SystemIO going to the machine. */
export function installedAml(m: Machine, tables: readonly AcpiTable[]): AmlInterpreter {
  const aml = new AmlInterpreter({
    regions: new Map([[SPACE.SystemMemory, memoryHandler(m)], [SPACE.SystemIO, ioHandler(m)]]),
    simulateOthers: true,
  });
  const aml0 = tables.filter((t) => t.signature === 'DSDT');
  for (const t of [...aml0, ...tables.filter((t) => t.signature === 'SSDT')]) aml.loadTable(t.data);
  return aml;
}

export function evaluateInstalledAml(m: Machine, tables: readonly AcpiTable[], path: string, args: readonly unknown[]): unknown {
  const aml = installedAml(m, tables);
  const values: AmlValue[] = args.map((a) => (typeof a === 'number' ? BigInt(a) : typeof a === 'string' && /^(0x[0-9a-f]+|\d+)$/i.test(a) ? BigInt(a) : new AmlString(String(a))));
  return toJson(aml.evaluate(path, values));
}
