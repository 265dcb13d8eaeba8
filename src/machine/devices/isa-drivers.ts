import type { SystemDeviceDriver } from '../options/device-driver.js';
import { DebugConsole } from './debug-console.js';
import { PORT_DEBUGCON, PORT_PVPANIC } from '../boards/layout.js';
import { hex } from '../../lib/hex.js';
import { UsageError } from '../../lib/errors.js';

/**
 * `-device isa-debugcon,iobase=N,chardev=ID`. fwlab always has one at 0x402 (the firmware
 * log port); asking for that port again names the same device.
 */
export const ISA_DEBUGCON: SystemDeviceDriver = {
  name: 'isa-debugcon',
  description: 'ISA debug console (a write-only log port)',
  bus: 'isa',
  props: {
    iobase: { kind: 'uint', description: 'I/O port', default: '0xe9' },
    chardev: { kind: 'string', description: 'character device id (output is kept in the report)' },
    readback: { kind: 'uint', description: 'value reads return', default: '0xe9' },
  },
  create(ctx, device) {
    const iobase = Number(device.props.get('iobase'));
    if (iobase === PORT_DEBUGCON) return;
    const console = new DebugConsole();
    ctx.ports.register(`debugcon-${hex(iobase)}`, iobase, 1, console);
    ctx.addDevice({ name: 'isa-debugcon', id: device.id, bus: 'isa', where: `port ${hex(iobase)}` });
  },
};

/** The iBASE IB700 watchdog's ports: 0x441 stops it, 0x443 (re)starts it. */
const IB700_STOP = 0x441;
const IB700_START = 0x443;

/** `-device ib700`: a watchdog timer on two write-only ports; fwlab records it and never fires it. */
export const IB700: SystemDeviceDriver = {
  name: 'ib700',
  description: 'iBASE 700 ISA watchdog (ports 0x441, 0x443; never fires in fwlab)',
  bus: 'isa',
  props: {},
  create(ctx, device) {
    const silent = { read: () => 0xff, write: () => undefined };
    ctx.ports.register('ib700-stop', IB700_STOP, 1, silent);
    ctx.ports.register('ib700-start', IB700_START, 1, silent);
    ctx.addDevice({ name: 'ib700', id: device.id, bus: 'isa', where: `ports ${hex(IB700_STOP)}, ${hex(IB700_START)}` });
  },
};

/**
 * `-device isa-debug-exit,iobase=N,iosize=M`: in QEMU a write ends the emulator with status
 * (value << 1) | 1; fwlab keeps the last value written for the report.
 */
export const ISA_DEBUG_EXIT: SystemDeviceDriver = {
  name: 'isa-debug-exit',
  description: 'ISA debug exit port (QEMU exits with (value << 1) | 1; fwlab records the value)',
  bus: 'isa',
  props: {
    iobase: { kind: 'uint', description: 'I/O port', default: '0x501' },
    iosize: { kind: 'uint', description: 'port width in bytes (1, 2 or 4)', default: '2' },
  },
  create(ctx, device) {
    const iobase = Number(device.props.get('iobase'));
    const iosize = Number(device.props.get('iosize'));
    if (![1, 2, 4].includes(iosize)) throw new UsageError(`-device isa-debug-exit: iosize must be 1, 2 or 4, got ${iosize}`);
    let written: number | undefined;
    ctx.ports.register(`debug-exit-${hex(iobase)}`, iobase, iosize, { read: () => 0xffffffff, write: (_o, _s, v) => void (written = v) });
    ctx.addDevice({ name: 'isa-debug-exit', id: device.id, bus: 'isa', where: `port ${hex(iobase)}` });
    ctx.addReportSection(`isa-debug-exit ${hex(iobase)}`, () => ({ exitStatus: written === undefined ? null : (written << 1) | 1 }));
  },
};

/** pvpanic events (QEMU docs/specs/pvpanic.txt): bit 0 guest panicked, bit 1 crash kernel loaded. */
const PVPANIC_EVENTS = 0x3;

/**
 * `-device pvpanic,ioport=N`: the guest writes panic events to one port, which reads back the
 * events supported; fw_cfg `etc/pvpanic-port` tells firmware where it is, the DSDT has PEVT.
 */
export const PVPANIC: SystemDeviceDriver = {
  name: 'pvpanic',
  description: 'pvpanic ISA device (port 0x505, QEMU0001 in the DSDT, fw_cfg etc/pvpanic-port)',
  bus: 'isa',
  singleton: true,
  props: {
    ioport: { kind: 'uint', description: 'I/O port', default: String(PORT_PVPANIC) },
    events: { kind: 'uint', description: 'supported events (bit 0 panicked, bit 1 crash loaded)', default: String(PVPANIC_EVENTS) },
  },
  create(ctx, device) {
    const port = Number(device.props.get('ioport'));
    if (port > 0xffff) throw new UsageError(`-device pvpanic: ioport 0x${port.toString(16)} is not an I/O port`);
    const events = Number(device.props.get('events'));
    let last = 0;
    ctx.ports.register('pvpanic', port, 1, { read: () => events, write: (_o, _s, v) => void (last = v & events) });
    ctx.fwCfg.addFile('etc/pvpanic-port', Uint8Array.of(port & 0xff, port >> 8));
    ctx.addDevice({ name: 'pvpanic', id: device.id, bus: 'isa', where: `port ${hex(port)}` });
    ctx.addReportSection('pvpanic', () => ({ lastEvents: last }));
  },
};
