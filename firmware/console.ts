import type { CpuWire } from '../src/spec/cpu-wire.js';

/** QEMU's debug console port (isa-debugcon); SeaBIOS logs there with CONFIG_DEBUG_IO. */
const DEBUG_PORT = 0x402;

export class Console {
  constructor(private readonly wire: CpuWire) {}

  log(line: string): void {
    for (let i = 0; i < line.length; i++) this.wire.out8(DEBUG_PORT, line.charCodeAt(i) & 0xff);
    this.wire.out8(DEBUG_PORT, 0x0a);
  }
}
