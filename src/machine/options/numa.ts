import { UsageError } from '../../lib/errors.js';
import { parseQemuOpts } from './qemu-opts.js';
import type { CpuSlot } from './smp.js';

/** The NUMA layout `-numa` describes, completed as QEMU 7.2's numa.c does. */
export interface NumaConfig {
  /** RAM per node in node-id order (a node without memdev has none). */
  readonly nodeMemory: readonly number[];
  /** The node of each possible CPU, by CPU index. */
  readonly cpuNodes: readonly number[];
  /** The SLIT matrix (row = source node), when `-numa dist` was given. */
  readonly distances: ReadonlyArray<readonly number[]> | undefined;
}

/** ACPI's local distance and QEMU's limits (NUMA_DISTANCE_MIN/MAX). */
const LOCAL_DISTANCE = 10;
const MAX_DISTANCE = 255;

function uintProp(opt: string, key: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new UsageError(`${opt}: Parameter '${key}' expects uint${key === 'val' ? '8' : '16'}`);
  return Number(v);
}

/** `cpus=N` or `cpus=A-B`. */
function cpuRange(opt: string, v: string): number[] {
  const m = /^(\d+)(?:-(\d+))?$/.exec(v);
  if (!m) throw new UsageError(`${opt}: Parameter 'cpus' expects a CPU index or range`);
  const a = Number(m[1]);
  const b = m[2] === undefined ? a : Number(m[2]);
  if (b < a) throw new UsageError(`${opt}: Parameter 'cpus' expects a CPU index or range`);
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}

/**
 * `-numa node[,nodeid=N][,cpus=A[-B]][,memdev=ID]`, `-numa dist,src=,dst=,val=`,
 * `-numa cpu,node-id=N[,socket-id=][,die-id=][,core-id=][,thread-id=]` with QEMU 7.2's checks and
 * messages; CPUs left out go to node socket-id % nodes (pc_get_default_cpu_node_id). Undefined without -numa.
 */
export function parseNuma(values: readonly string[], slots: readonly CpuSlot[], backends: ReadonlyArray<{ readonly id: string; readonly size: number }>, ramSize: number): NumaConfig | undefined {
  if (values.length === 0) return undefined;
  const nodes = new Map<number, number>();
  const usedBackends = new Set<string>();
  const cpuNode = new Array<number | undefined>(slots.length).fill(undefined);
  const dist: Array<{ src: number; dst: number; val: number; opt: string }> = [];
  for (const value of values) {
    const opt = `-numa ${value}`;
    const o = parseQemuOpts('-numa', value, 'type');
    const type = o.implied ?? 'node';
    const allowed: Record<string, readonly string[]> = {
      node: ['nodeid', 'cpus', 'memdev', 'mem', 'initiator'], dist: ['src', 'dst', 'val'],
      cpu: ['node-id', 'socket-id', 'die-id', 'core-id', 'thread-id'],
    };
    if (!allowed[type]) throw new UsageError(`${opt}: Parameter 'type' does not accept value '${type}'`);
    for (const k of o.props.keys()) if (!allowed[type]!.includes(k)) throw new UsageError(`${opt}: Invalid parameter '${k}'`);
    if (type === 'node') {
      if (o.props.has('mem')) throw new UsageError(`${opt}: Parameter -numa node,mem is not supported by this machine type`);
      if (o.props.has('initiator')) throw new UsageError(`${opt}: fwlab has no HMAT (initiator=)`);
      const id = uintProp(opt, 'nodeid', o.props.get('nodeid')) ?? nodes.size;
      if (nodes.has(id)) throw new UsageError(`${opt}: Duplicate NUMA nodeid: ${id}`);
      const memdev = o.props.get('memdev');
      let size = 0;
      if (memdev !== undefined) {
        const b = backends.find((x) => x.id === memdev);
        if (!b) throw new UsageError(`${opt}: memdev '${memdev}' is not a memory backend (-object memory-backend-ram,id=${memdev},...)`);
        if (usedBackends.has(memdev)) throw new UsageError(`memory backend ${memdev} can't be used multiple times.`);
        usedBackends.add(memdev);
        size = b.size;
      }
      nodes.set(id, size);
      const cpus = o.props.get('cpus');
      for (const i of cpus === undefined ? [] : cpuRange(opt, cpus)) {
        if (i >= slots.length) throw new UsageError(`${opt}: CPU index (${i}) should be smaller than maxcpus (${slots.length})`);
        cpuNode[i] = id;
      }
    } else if (type === 'dist') {
      const src = uintProp(opt, 'src', o.props.get('src'));
      const dst = uintProp(opt, 'dst', o.props.get('dst'));
      const val = uintProp(opt, 'val', o.props.get('val'));
      if (src === undefined || dst === undefined || val === undefined) throw new UsageError(`${opt}: Parameter '${src === undefined ? 'src' : dst === undefined ? 'dst' : 'val'}' is missing`);
      if (val > MAX_DISTANCE) throw new UsageError(`${opt}: Parameter 'val' expects uint8`);
      if (val < LOCAL_DISTANCE) throw new UsageError(`${opt}: NUMA distance (${val}) is invalid, it shouldn't be less than ${LOCAL_DISTANCE}.`);
      if (src === dst && val !== LOCAL_DISTANCE) throw new UsageError(`${opt}: Local distance of node ${src} should be ${LOCAL_DISTANCE}.`);
      dist.push({ src, dst, val, opt });
    } else {
      const node = uintProp(opt, 'node-id', o.props.get('node-id'));
      if (node === undefined) throw new UsageError(`${opt}: Missing CPU node-id`);
      const want = (k: string) => uintProp(opt, k, o.props.get(k));
      const [socket, die, core, thread] = [want('socket-id'), want('die-id'), want('core-id'), want('thread-id')];
      let matched = 0;
      for (const s of slots) {
        if ((socket === undefined || s.socket === socket) && (die === undefined || s.die === die) && (core === undefined || s.core === core) && (thread === undefined || s.thread === thread)) {
          cpuNode[s.index] = node;
          matched++;
        }
      }
      if (matched === 0) throw new UsageError(`${opt}: no CPU matches these ids`);
    }
  }
  const count = nodes.size;
  for (let i = 0; i < count; i++) if (!nodes.has(i)) throw new UsageError(`numa: Node ID missing: ${i}`);
  for (const d of dist) if (d.src >= count || d.dst >= count) throw new UsageError(`${d.opt}: Invalid node ${Math.max(d.src, d.dst)}, max possible could be ${count - 1}`);
  for (const n of cpuNode) if (n !== undefined && n >= count) throw new UsageError(`-numa cpu: Invalid node-id=${n}, NUMA node must be created first`);
  const total = [...nodes.values()].reduce((a, b) => a + b, 0);
  if (total !== ramSize) throw new UsageError(`total memory for NUMA nodes (0x${total.toString(16)}) should equal RAM size (0x${ramSize.toString(16)})`);
  return {
    nodeMemory: Array.from({ length: count }, (_, i) => nodes.get(i)!),
    cpuNodes: slots.map((s) => cpuNode[s.index] ?? s.socket % count),
    distances: dist.length ? distanceMatrix(count, dist) : undefined,
  };
}

/** QEMU's complete_init_numa_distance: one direction given fills the other; local is 10. */
function distanceMatrix(count: number, given: ReadonlyArray<{ src: number; dst: number; val: number }>): number[][] {
  const m = Array.from({ length: count }, () => new Array<number>(count).fill(0));
  for (const d of given) m[d.src]![d.dst] = d.val;
  for (let a = 0; a < count; a++) {
    for (let b = 0; b < count; b++) {
      if (a === b) m[a]![b] = LOCAL_DISTANCE;
      else if (m[a]![b] === 0) {
        if (m[b]![a] === 0) throw new UsageError(`The distance between node ${a} and ${b} is missing, at least one distance value between each nodes should be provided.`);
        m[a]![b] = m[b]![a]!;
      }
    }
  }
  return m;
}
