import type { BootReport } from '../machine/report/boot-report.js';
import type { ProgramExit } from '../spec/cpu-wire.js';

const pad = (s: string, n: number): string => s.padEnd(n);

/** The boot report as text for a terminal: one section per subsystem. */
export function formatBootReport(r: BootReport): string {
  const out: string[] = [];
  const m = r.machine;
  out.push(`fwlab: ${m.board} (${m.description}, QEMU ${m.qemuMachine}), CPU ${m.cpu} x${m.smp}, RAM ${m.ramSize}`);
  out.push('');
  out.push('Memory');
  out.push(`  below 4G ${r.memory.below4g}, above 4G ${r.memory.above4g} at ${r.memory.above4gStart}, touched ${r.memory.ramAllocated}`);
  if (r.memory.deviceMemory) out.push(`  device memory ${r.memory.deviceMemory.base} size ${r.memory.deviceMemory.size}, reserved end ${r.memory.reservedMemoryEnd}`);
  out.push('  etc/e820 (from QEMU):');
  for (const e of r.memory.e820.entries) out.push(`    ${pad(e.address, 14)} +${pad(e.length, 12)} ${e.type}`);
  out.push('  physical map:');
  for (const x of r.memory.map) out.push(`    ${pad(x.start, 14)}-${pad(x.end, 14)} ${pad(x.kind, 5)} ${x.name}`);
  out.push('');
  out.push('CMOS memory bytes: ' + Object.entries(r.cmos).map(([k, v]) => `${k}=${v}`).join(' '));
  out.push('');
  out.push('Devices');
  for (const d of r.devices) out.push(`  ${pad(d.name + (d.id ? ` (${d.id})` : ''), 28)} ${pad(d.bus, 6)} ${d.where}`);
  out.push('');
  out.push('I/O ports');
  for (const p of r.ioPorts) out.push(`  ${p.base} +${pad(String(p.length), 4)} ${p.name}`);
  for (const [name, value] of Object.entries(r.sections)) {
    out.push('');
    out.push(name);
    out.push(typeof value === 'string' ? value : JSON.stringify(value, null, 2).replace(/^/gm, '  '));
  }
  if (r.firmware) {
    out.push('');
    out.push(`Firmware ${r.firmware.name} ${r.firmware.version}: ${describeExit(r.firmware.exit)}`);
    for (const line of r.firmware.console) out.push(`  | ${line}`);
  }
  if (r.guest) {
    out.push('', `Guest ${r.guest.name} ${r.guest.version}: ${describeExit(r.guest.exit)}`);
    for (const line of r.guest.console) out.push(`  | ${line}`);
  }
  if (r.events.length > 0) {
    out.push('', 'Events');
    for (const e of r.events) out.push(`  ${e}`);
  }
  out.push('', `virtual time ${(r.virtualTimeNs / 1e6).toFixed(3)} ms`);
  return out.join('\n');
}

function describeExit(e: ProgramExit): string {
  return e.kind === 'halt' ? `halted (${e.reason})` : e.kind === 'handover' ? 'handed over to the guest' : 'idle, waiting for interrupts';
}
