import type { Machine } from '../machine.js';
import type { ProgramExit } from '../../spec/cpu-wire.js';
import { E820_TYPE_NAMES } from '../../spec/e820.js';
import { encodeE820 } from '../boards/e820-table.js';
import { hex, hexBytes } from '../../lib/hex.js';

export interface ProgramReport {
  readonly name: string;
  readonly version: string;
  readonly path: string;
  readonly exit: ProgramExit;
  /** What this program wrote to the debug console (0x402), line by line. */
  readonly console: readonly string[];
}

/** The boot report: what the machine is and what happened. Addresses are "0x…" strings. */
export interface BootReport {
  readonly fwlab: { readonly schema: 1 };
  readonly machine: {
    readonly board: string;
    readonly description: string;
    readonly qemuMachine: string;
    readonly cpu: string;
    readonly smp: number;
    readonly ramSize: string;
    readonly argv: readonly string[];
  };
  readonly memory: {
    readonly below4g: string;
    readonly above4g: string;
    readonly above4gStart: string;
    readonly deviceMemory: { readonly base: string; readonly size: string } | null;
    readonly reservedMemoryEnd: string | null;
    readonly ramAllocated: string;
    /** QEMU's etc/e820 as handed to the firmware: entries and the raw bytes in hex. */
    readonly e820: { readonly entries: ReadonlyArray<{ address: string; length: string; type: string }>; readonly bytes: string };
    readonly map: ReadonlyArray<{ start: string; end: string; name: string; kind: string }>;
  };
  readonly cmos: Readonly<Record<string, string>>;
  readonly ioPorts: ReadonlyArray<{ base: string; length: number; name: string }>;
  readonly devices: ReadonlyArray<{ name: string; id?: string | undefined; bus: string; where: string }>;
  readonly firmware: ProgramReport | null;
  readonly guest: ProgramReport | null;
  readonly serial: ReadonlyArray<{ name: string; backend: string; output: string }>;
  readonly events: readonly string[];
  readonly virtualTimeNs: number;
  readonly sections: Readonly<Record<string, unknown>>;
}

/** The CMOS bytes the report shows: QEMU's memory-size and CPU-count bytes. */
export const REPORTED_CMOS_BYTES = [0x15, 0x16, 0x17, 0x18, 0x30, 0x31, 0x34, 0x35, 0x5b, 0x5c, 0x5d, 0x5f];

export function buildBootReport(m: Machine, firmware?: ProgramReport, guest?: ProgramReport): BootReport {
  const l = m.ramLayout;
  const sections: Record<string, unknown> = {};
  for (const [name, collect] of m.reportSections()) sections[name] = collect();
  const cmos: Record<string, string> = {};
  for (const i of REPORTED_CMOS_BYTES) cmos[hex(i, 2)] = hex(m.cmos.nvram[i]!, 2);
  return {
    fwlab: { schema: 1 },
    machine: {
      board: m.board.name, description: m.board.description, qemuMachine: m.board.qemuMachine,
      cpu: m.config.cpu.name, smp: m.config.smp, ramSize: hex(m.config.ramSize), argv: m.config.argv,
    },
    memory: {
      below4g: hex(l.below4g), above4g: hex(l.above4g), above4gStart: hex(l.above4gStart),
      deviceMemory: l.deviceMemory ? { base: hex(l.deviceMemory.base), size: hex(l.deviceMemory.size) } : null,
      reservedMemoryEnd: l.reservedMemoryEnd !== undefined ? hex(l.reservedMemoryEnd) : null,
      ramAllocated: hex(m.ramAllocated),
      e820: {
        entries: m.e820.map((e) => ({ address: hex(e.address), length: hex(e.length), type: E820_TYPE_NAMES[e.type] ?? String(e.type) })),
        bytes: hexBytes(encodeE820(m.e820), ''),
      },
      map: m.memory.flatView().map((r) => ({ start: hex(r.start), end: hex(r.end - 1), name: r.mapping.name, kind: r.mapping.target.kind })),
    },
    cmos,
    ioPorts: [...m.ports.list()].sort((a, b) => a.base - b.base).map((r) => ({ base: hex(r.base, 4), length: r.length, name: r.name })),
    devices: m.devices.map((d) => ({ ...d })),
    firmware: firmware ?? null,
    guest: guest ?? null,
    serial: m.serialPorts.map((s) => ({ name: s.name, backend: s.backend, output: s.output })),
    events: [...m.events],
    virtualTimeNs: m.clock.now(),
    sections,
  };
}
