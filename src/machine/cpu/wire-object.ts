import type { CpuWire } from '../../spec/cpu-wire.js';

/**
 * The object a program holds: exactly the CpuWire methods, as frozen closures on a frozen
 * object without a prototype. Nothing reaches the core, its buses or its clock.
 */
export function wireObject(core: CpuWire): CpuWire {
  const methods: CpuWire = {
    in8: (port) => core.in8(port),
    in16: (port) => core.in16(port),
    in32: (port) => core.in32(port),
    out8: (port, value) => core.out8(port, value),
    out16: (port, value) => core.out16(port, value),
    out32: (port, value) => core.out32(port, value),
    read8: (addr) => core.read8(addr),
    read16: (addr) => core.read16(addr),
    read32: (addr) => core.read32(addr),
    read64: (addr) => core.read64(addr),
    write8: (addr, value) => core.write8(addr, value),
    write16: (addr, value) => core.write16(addr, value),
    write32: (addr, value) => core.write32(addr, value),
    write64: (addr, value) => core.write64(addr, value),
    readBytes: (addr, length) => core.readBytes(addr, length),
    writeBytes: (addr, data) => core.writeBytes(addr, data),
    now: () => core.now(),
    delay: (ns) => core.delay(ns),
    onInterrupt: (handler) => core.onInterrupt(handler),
    setInterruptsEnabled: (enabled) => core.setInterruptsEnabled(enabled),
    halt: () => core.halt(),
  };
  const wire: object = Object.create(null);
  for (const [name, fn] of Object.entries(methods)) {
    Object.defineProperty(wire, name, { value: Object.freeze(fn), enumerable: true, writable: false, configurable: false });
  }
  return Object.freeze(wire) as CpuWire;
}
