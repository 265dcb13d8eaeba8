/**
 * QEMU 7.2's NIC options: `-nic [TYPE][,model=M][,mac=A]` and `-net nic[,model=M][,macaddr=A]`
 * create a NIC of the machine's default model (pc: e1000, q35: e1000e) or M; `-net`/`-nic`/`-netdev`
 * of any kind drop the default NIC (vl.c's default_net); `-nic none` / `-net none` create nothing.
 * The NICs are created after the display and before every -device (pc_nic_init in machine init).
 */
import { UsageError } from '../../lib/errors.js';
import { parseQemuOpts } from './qemu-opts.js';

/** `-nic model=help` under QEMU 7.2 on x86 (captured): the models QEMU accepts. */
const QEMU_NIC_MODELS = new Set([
  'e1000', 'e1000-82544gc', 'e1000-82545em', 'e1000e', 'i82550', 'i82551', 'i82557a', 'i82557b', 'i82557c', 'i82558a',
  'i82558b', 'i82559a', 'i82559b', 'i82559c', 'i82559er', 'i82562', 'i82801', 'ne2k_pci', 'pcnet', 'pvrdma', 'rtl8139',
  'tulip', 'virtio-net-pci', 'virtio-net-pci-non-transitional', 'virtio-net-pci-transitional', 'vmxnet3',
]);
/** pci_nic_init_nofail's short name. */
const MODEL_ALIASES: Readonly<Record<string, string>> = { virtio: 'virtio-net-pci' };

export interface NicRequest {
  /** The -device driver, or undefined for the machine's default model. */
  readonly model: string | undefined;
  readonly mac: string | undefined;
  /** `vectors=`: a NIC from these options gets 0 MSI-X vectors unless given (QEMU 7.2's `info qtree`, captured). */
  readonly vectors: string;
}

/**
 * One `-nic` / `-net` value: a NIC to create, 'none', or undefined (a backend only). `known` are
 * the NIC drivers fwlab has.
 */
export function parseNicOption(name: 'nic' | 'net', value: string, known: ReadonlySet<string>): NicRequest | 'none' | undefined {
  const opt = `-${name} ${value}`;
  const o = parseQemuOpts(`-${name}`, value, 'type');
  const type = o.implied ?? o.props.get('type');
  if (type === 'none') return 'none';
  if (name === 'net' && type !== 'nic') return undefined;
  const given = o.props.get('model');
  const model = given === undefined ? undefined : MODEL_ALIASES[given] ?? given;
  if (model !== undefined && !QEMU_NIC_MODELS.has(model)) throw new UsageError(`${opt}: Unsupported NIC model: ${given}`);
  if (model !== undefined && !known.has(model)) throw new UsageError(`${opt}: fwlab has no NIC model ${model} (it has ${[...known].join(', ')})`);
  return { model, mac: o.props.get(name === 'nic' ? 'mac' : 'macaddr'), vectors: o.props.get('vectors') ?? '0' };
}
