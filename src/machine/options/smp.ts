import { UsageError } from '../../lib/errors.js';
import type { BoardName } from '../boards/ram-layout.js';
import { parseQemuOpts } from './qemu-opts.js';

/** The CPU topology `-smp` describes, completed as QEMU 7.2's machine_parse_smp_config does. */
export interface SmpTopology {
  /** CPUs present at start (smp.cpus). */
  readonly cpus: number;
  readonly sockets: number;
  readonly dies: number;
  readonly cores: number;
  readonly threads: number;
  /** Possible CPUs (smp.max_cpus): the MADT, the DSDT's processor objects and hot-plug slots. */
  readonly maxCpus: number;
}

export const ONE_CPU: SmpTopology = { cpus: 1, sockets: 1, dies: 1, cores: 1, threads: 1, maxCpus: 1 };

/** MachineClass.max_cpus of pc-i440fx-7.2 and pc-q35-7.2. */
const MAX_CPUS: Readonly<Record<BoardName, number>> = { pc: 255, q35: 288 };
const MACHINE_NAME: Readonly<Record<BoardName, string>> = { pc: 'pc-i440fx-7.2', q35: 'pc-q35-7.2' };
const SMP_KEYS = ['cpus', 'sockets', 'dies', 'clusters', 'cores', 'threads', 'maxcpus'] as const;

/**
 * `-smp [cpus=]N[,sockets=S][,dies=D][,cores=C][,threads=T][,maxcpus=M]` with QEMU 7.2's rules
 * for x86 (dies yes, clusters no; cores preferred over sockets since 6.2) and its messages.
 * A zero value counts as omitted (QEMU warns that it is deprecated: see `smpWarnings`).
 */
export function parseSmp(value: string, board: BoardName): SmpTopology {
  const o = parseQemuOpts('-smp', value, 'cpus');
  const given = new Map<string, number>();
  const all: Array<[string, string]> = o.implied !== undefined ? [['cpus', o.implied], ...o.props] : [...o.props];
  for (const [k, v] of all) {
    if (!(SMP_KEYS as readonly string[]).includes(k)) throw new UsageError(`-smp ${value}: Parameter 'smp.${k}' is unexpected`);
    if (!/^\d+$/.test(v)) throw new UsageError(`-smp ${value}: Parameter 'smp.${k}' expects integer`);
    given.set(k, Number(v));
  }
  const get = (k: string) => given.get(k) ?? 0;
  if (get('clusters') > 1) throw new UsageError(`-smp ${value}: clusters not supported by this machine's CPU topology`);
  let cpus = get('cpus');
  let sockets = get('sockets');
  const dies = get('dies') || 1;
  let cores = get('cores');
  let threads = get('threads');
  let maxcpus = get('maxcpus');
  if (cpus === 0 && maxcpus === 0) {
    sockets ||= 1;
    cores ||= 1;
    threads ||= 1;
  } else {
    maxcpus ||= cpus;
    if (cores === 0) {
      sockets ||= 1;
      threads ||= 1;
      cores = Math.floor(maxcpus / (sockets * dies * threads));
    } else if (sockets === 0) {
      threads ||= 1;
      sockets = Math.floor(maxcpus / (dies * cores * threads));
    }
    if (threads === 0) threads = Math.floor(maxcpus / (sockets * dies * cores));
  }
  const total = sockets * dies * cores * threads;
  maxcpus ||= total;
  cpus ||= maxcpus;
  const topo = `sockets (${sockets}) * dies (${dies}) * cores (${cores}) * threads (${threads})`;
  if (total !== maxcpus) throw new UsageError(`-smp ${value}: Invalid CPU topology: product of the hierarchy must match maxcpus: ${topo} != maxcpus (${maxcpus})`);
  if (maxcpus < cpus) {
    throw new UsageError(`-smp ${value}: Invalid CPU topology: maxcpus must be equal to or greater than smp: ${topo} == maxcpus (${maxcpus}) < smp_cpus (${cpus})`);
  }
  if (maxcpus > MAX_CPUS[board]) {
    throw new UsageError(`-smp ${value}: Invalid SMP CPUs ${maxcpus}. The max CPUs supported by machine '${MACHINE_NAME[board]}' is ${MAX_CPUS[board]}`);
  }
  return { cpus, sockets, dies, cores, threads, maxCpus: maxcpus };
}

/** QEMU's warning for an explicit zero (accepted as "omitted"), or nothing. */
export function smpWarning(value: string): string | undefined {
  let o;
  try {
    o = parseQemuOpts('-smp', value, 'cpus');
  } catch {
    return undefined;
  }
  const vals = [o.implied, ...o.props.values()];
  return vals.some((v) => v !== undefined && /^0+$/.test(v))
    ? `-smp ${value} (Deprecated CPU topology (considered invalid): CPU topology parameters must be greater than zero)`
    : undefined;
}

/** Bits for `count` ids: QEMU's apicid_bitwidth_for_count. */
function widthFor(count: number): number {
  return count <= 1 ? 0 : 32 - Math.clz32(count - 1);
}

/** The possible CPUs' ids in index order: socket/die/core/thread and the APIC ID packed from them (x86_apicid_from_cpu_idx). */
export interface CpuSlot {
  readonly index: number;
  readonly socket: number;
  readonly die: number;
  readonly core: number;
  readonly thread: number;
  readonly apicId: number;
}

export function cpuSlots(t: SmpTopology): CpuSlot[] {
  const tw = widthFor(t.threads);
  const cw = widthFor(t.cores);
  const dw = widthFor(t.dies);
  const out: CpuSlot[] = [];
  for (let index = 0; index < t.maxCpus; index++) {
    const thread = index % t.threads;
    const core = Math.floor(index / t.threads) % t.cores;
    const die = Math.floor(index / (t.threads * t.cores)) % t.dies;
    const socket = Math.floor(index / (t.threads * t.cores * t.dies));
    const apicId = (((socket << dw | die) << cw | core) << tw | thread) >>> 0;
    out.push({ index, socket, die, core, thread, apicId });
  }
  return out;
}

/** x86ms->apic_id_limit: the highest possible APIC ID plus one (FW_CFG_MAX_CPUS, the NUMA item's length). */
export function apicIdLimit(t: SmpTopology): number {
  const slots = cpuSlots(t);
  return slots[slots.length - 1]!.apicId + 1;
}
