/**
 * `-object TYPE,id=ID,...` as QEMU 7.2 takes them for what fwlab models: memory-backend-ram (RAM
 * for NUMA nodes, NVDIMMs, ivshmem) and the entropy sources virtio-rng-pci's `rng=` links to
 * (rng-random, rng-builtin, rng-egd; fwlab's virtio-rng has no queue, so the source is never read).
 */
import { UsageError } from '../../lib/errors.js';
import { parseSize } from '../../lib/size.js';
import { parseQemuOpts } from './qemu-opts.js';
import type { MemoryBackend } from './machine-config.js';

const RNG_PROPS: Readonly<Record<string, readonly string[]>> = {
  'rng-random': ['id', 'filename', 'opened'], 'rng-builtin': ['id', 'opened'], 'rng-egd': ['id', 'chardev', 'opened'],
};

export type ParsedObject = { readonly kind: 'memory'; readonly backend: MemoryBackend } | { readonly kind: 'rng'; readonly id: string };

export function parseObjectOption(value: string): ParsedObject {
  const opt = `-object ${value}`;
  const o = parseQemuOpts('-object', value, 'qom-type');
  const type = o.implied ?? '';
  const rng = RNG_PROPS[type];
  if (rng) {
    // QEMU's messages for these (captured): an unknown parameter, a missing id.
    for (const k of o.props.keys()) if (!rng.includes(k)) throw new UsageError(`${opt}: Invalid parameter '${k}'`);
    const id = o.props.get('id');
    if (!id) throw new UsageError(`${opt}: Parameter 'id' is missing`);
    return { kind: 'rng', id };
  }
  if (type !== 'memory-backend-ram') throw new UsageError(`${opt}: unknown object type '${type}' (fwlab has memory-backend-ram, ${Object.keys(RNG_PROPS).join(', ')})`);
  const id = o.props.get('id');
  if (!id) throw new UsageError(`${opt}: an id is required`);
  const size = parseSize(o.props.get('size') ?? '');
  if (size === undefined || size === 0) throw new UsageError(`${opt}: a size is required`);
  for (const k of o.props.keys()) if (!['id', 'size', 'share', 'merge', 'dump', 'prealloc'].includes(k)) throw new UsageError(`${opt}: unknown property '${k}'`);
  return { kind: 'memory', backend: { id, size } };
}
