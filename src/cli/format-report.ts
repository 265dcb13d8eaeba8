import type { BootReport } from '../inspect.js';
import type { BootChain } from '../tools/report/chain.js';
import type { ProgramExit } from '../spec/cpu-wire.js';
import { formatSize } from '../lib/size.js';

const pad = (s: string, n: number): string => s.padEnd(n);
const size = (hexText: string): string => formatSize(Number(hexText));

/** The boot report as text for a terminal: the machine, then each step of the chain. */
export function formatBootReport(r: BootReport & { chain?: BootChain }): string {
  const out: string[] = [];
  const heading = (title: string) => out.push('', title);
  const m = r.machine;
  out.push(`fwlab: ${m.board} (${m.description}, QEMU ${m.qemuMachine}), CPU ${m.cpu} x${m.smp}, RAM ${size(m.ramSize)}`);

  heading('Memory');
  const above = Number(r.memory.above4g) > 0 ? `${size(r.memory.above4g)} at ${r.memory.above4gStart}` : 'none';
  out.push(`  RAM below 4G ${size(r.memory.below4g)}, above 4G ${above}; ${formatSize(Number(r.memory.ramAllocated))} touched`);
  if (r.memory.deviceMemory) out.push(`  hot-plug memory at ${r.memory.deviceMemory.base}, ${size(r.memory.deviceMemory.size)}; etc/reserved-memory-end ${r.memory.reservedMemoryEnd}`);
  const chain = r.chain;
  out.push('  e820 from QEMU (etc/e820):');
  for (const e of r.memory.e820.entries) out.push(`    ${pad(e.address, 14)} +${pad(e.length, 12)} ${e.type}`);
  if (chain?.e820.firmware) {
    out.push('  e820 after POST (the firmware\'s, from its hand-over record):');
    for (const e of chain.e820.firmware) out.push(`    ${pad(e.start, 14)}-${pad(e.end, 14)} ${e.type}`);
    out.push(`  the firmware keeps ${formatSize(Number(chain.firmwareReservedRam))} of RAM below 4G`);
  }
  if (chain && chain.blobs.length > 0) {
    out.push('  where the fw_cfg blobs went:');
    for (const b of chain.blobs) out.push(`    ${pad(b.file, 24)} ${pad(b.address, 12)} ${pad(formatSize(b.size), 10)} ${b.zone}`);
  }
  out.push('  physical address map:');
  for (const x of r.memory.map) out.push(`    ${pad(x.start, 14)}-${pad(x.end, 14)} ${pad(x.kind, 5)} ${x.name}`);
  out.push('  CMOS memory bytes: ' + Object.entries(r.cmos).map(([k, v]) => `${k}=${v}`).join(' '));

  heading('Devices');
  for (const d of r.devices) out.push(`  ${pad(d.name + (d.id ? ` (${d.id})` : ''), 28)} ${pad(d.bus, 6)} ${d.where}`);
  out.push('  I/O ports: ' + r.ioPorts.map((p) => `${p.base}+${p.length} ${p.name}`).join(', '));

  for (const [name, value] of Object.entries(r.sections)) {
    if (name === 'trace') continue;
    heading(name === 'pci' ? 'PCI' : name);
    out.push(...formatSection(value));
  }

  if (r.firmware) {
    heading(`Firmware ${r.firmware.name} ${r.firmware.version}: ${describeExit(r.firmware.exit)}`);
    for (const line of r.firmware.console) out.push(`  | ${line}`);
  }
  if (chain) {
    const { failure, result } = chain.loader;
    heading(failure !== null
      ? `Linker-loader: FAILED, the guest has no usable ACPI tables: ${failure} (the firmware's verdict: ${result})`
      : `Linker-loader: ${result ?? 'not run'}`);
    for (const c of chain.loader.commands) out.push(`  #${String(c.index).padStart(2)} ${pad(c.kind, 13)} ${c.text}`);
    for (const w of chain.loader.writePointers) out.push(`  → ${w}`);
    for (const f of chain.loader.findings) out.push(`  ! ${f}`);
    heading(`ACPI tables in guest memory (${chain.tables.length})`);
    for (const t of chain.tables) out.push(`  ${pad(t.signature, 16)} ${pad(t.address, 12)} ${String(t.length).padStart(6)} bytes  checksum ${t.checksum}`);
  }
  if (r.guest) {
    heading(`Guest ${r.guest.name} ${r.guest.version}: ${describeExit(r.guest.exit)}`);
    const g = chain?.guest;
    if (g) {
      out.push(`  RSDP ${g.rsdp ?? 'not found'}; namespace ${g.namespace ?? '-'}; ACPI mode ${g.acpiMode ?? '-'}; GPEs ${g.gpes ?? '-'}`);
      out.push(`  VM generation ID: ${g.vmgenid ? `${g.vmgenid.guid} (at ${g.vmgenid.address}, ${g.vmgenid.path})` : 'none'}`);
      out.push(`  devices (${g.devices.length}):`);
      for (const d of g.devices) {
        const ids = [d.hid && `hid ${d.hid}`, d.cid && `cid ${d.cid}`, d.adr && `adr ${d.adr}`].filter(Boolean).join(', ');
        out.push(`    ${pad(d.path, 26)} sta ${pad(d.sta, 5)} ${pad(ids, 34)} ${d.crs ?? ''}`.trimEnd());
      }
      for (const e of g.events) out.push(`  event: ${e}`);
    } else for (const line of r.guest.console) out.push(`  | ${line}`);
  }
  if (r.serial.some((s) => s.output !== '')) {
    heading('Serial');
    for (const s of r.serial) if (s.output) out.push(`  ${s.name}: ${s.output.trimEnd().replace(/\n/g, '\n    ')}`);
  }
  if (r.events.length > 0) {
    heading('Machine events');
    for (const e of r.events) out.push(`  ${e}`);
  }
  const trace = r.sections['trace'] as { areas: string[]; dropped: number; records: Array<{ area: string; text: string }> } | undefined;
  if (trace) {
    heading(`Trace (${trace.areas.join(', ')}): ${trace.records.length} records${trace.dropped ? `, ${trace.dropped} more dropped` : ''}`);
    for (const t of trace.records) out.push(`  ${pad(t.area, 6)} ${t.text}`);
  }
  out.push('', `virtual time ${(r.virtualTimeNs / 1e6).toFixed(3)} ms`);
  return out.join('\n');
}

/** A subsystem's section: lists as lines, objects as `key: value` (lists and objects nested one level). */
function formatSection(value: unknown): string[] {
  if (Array.isArray(value)) return value.length === 0 ? ['  (none)'] : value.map((v) => `  ${typeof v === 'string' ? v : JSON.stringify(v)}`);
  if (value === null || typeof value !== 'object') return [`  ${String(value)}`];
  const out: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    if (Array.isArray(v)) {
      out.push(`  ${k}:${v.length === 0 ? ' none' : ''}`);
      for (const item of v) out.push(`    ${typeof item === 'string' ? item : JSON.stringify(item)}`);
    } else if (v !== null && typeof v === 'object') {
      out.push(`  ${k}: ${Object.entries(v).map(([a, b]) => `${a} ${String(b)}`).join(', ')}`);
    } else out.push(`  ${k}: ${String(v)}`);
  }
  return out;
}

function describeExit(e: ProgramExit): string {
  if (e.kind === 'x86') {
    const at = `${e.cs.toString(16).padStart(4, '0')}:${e.ip.toString(16).padStart(e.entry?.flat32 ? 8 : 4, '0')}`;
    return `booted x86 code at ${at}${e.entry?.flat32 ? ' (32-bit protected mode)' : ''}`;
  }
  return e.kind === 'halt' ? `halted (${e.reason})` : e.kind === 'handover' ? 'handed over to the guest' : 'idle, waiting for interrupts';
}
