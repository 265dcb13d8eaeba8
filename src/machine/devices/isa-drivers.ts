import type { SystemDeviceDriver } from '../options/device-driver.js';
import { DebugConsole } from './debug-console.js';
import { PORT_DEBUGCON } from '../boards/layout.js';
import { hex } from '../../lib/hex.js';

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
