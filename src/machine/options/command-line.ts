import { parseBootOptions } from './boot-option.js';
import { UsageError } from '../../lib/errors.js';
import { MiB, parseSize } from '../../lib/size.js';
import { parseQemuOpts, parseBool, parseUint } from './qemu-opts.js';
import { parseProp, withDefaults } from './device-driver.js';
import type { DeviceDriver, DeviceInstance, PropValue } from './device-driver.js';
import type { CpuModel, FwCfgUserFile, KernelBoot, MachineConfig, MemoryBackend } from './machine-config.js';
import { readFileSync } from 'node:fs';
import type { BoardName } from '../boards/ram-layout.js';
import { parseGlobal } from './globals.js';
import { ONE_CPU, apicIdLimit, cpuSlots, parseSmp } from './smp.js';
import { parseNuma } from './numa.js';
import { parseSmbiosOptions } from './smbios-opts.js';
import { parseNicOption } from './nic-options.js';
import { BOARD_ALIASES, DEFAULT_BOARD, IGNORED_FLAGS, IGNORED_WITH_ARG, RUN_FLAGS, optionName } from './option-names.js';
export { DEFAULT_BOARD, noRebootOf } from './option-names.js';
export { ignoredOptions } from './ignored-options.js';
import { driverNameOf } from './device-aliases.js';
import { USB_CONTROLLERS, nicDevice, usbControllers, virtioDrives } from './implied-devices.js';
import { parseObjectOption } from './object-options.js';
import type { NicRequest } from './nic-options.js';
import { NIC_DRIVERS } from '../pci/nic-mac.js';
import type { GlobalProp } from './globals.js';

/** QEMU 7.2's default RAM size (default_ram_size of pc and q35). */
export const DEFAULT_RAM = 128 * MiB;
/** A fw_cfg file name is 56 bytes with its NUL. */
const FW_CFG_MAX_FILE_NAME = 55;
/** ACPI_MAX_RAM_SLOTS in QEMU. */
const MAX_RAM_SLOTS = 256;


/** `-usbdevice NAME` (QEMU 7.2's legacy names fwlab has drivers for). */
const USBDEVICE_NAMES: Readonly<Record<string, string>> = { tablet: 'usb-tablet', mouse: 'usb-mouse', keyboard: 'usb-kbd' };

const MACHINE_PROPS: Record<string, 'bool' | 'size' | 'string'> = {
  nvdimm: 'bool', 'max-ram-below-4g': 'size', accel: 'string', 'smm': 'string', 'vmport': 'string',
  'hpet': 'bool', 'graphics': 'bool', 'usb': 'bool', 'sata': 'bool', 'smbus': 'bool', 'pic': 'bool',
  'x-oem-id': 'string', 'x-oem-table-id': 'string', 'smbios-entry-point-type': 'string',
  'default_bus_bypass_iommu': 'bool',
};

/** CPU models fwlab knows: vendor decides the AMD HyperTransport e820 entry; TCG's default is qemu64. */
const CPU_MODELS: Record<string, CpuModel> = {
  qemu64: { name: 'qemu64', amd: true, physBits: 40 },
  kvm64: { name: 'kvm64', amd: false, physBits: 40 },
  EPYC: { name: 'EPYC', amd: true, physBits: 40 },
  'Skylake-Client': { name: 'Skylake-Client', amd: false, physBits: 40 },
  Haswell: { name: 'Haswell', amd: false, physBits: 40 },
};

/** QEMU 7.2's -vga types on x86 and the device each adds (null: none). */
export const VGA_TYPES: Readonly<Record<string, string | null>> = {
  none: null, std: 'VGA', cirrus: 'cirrus-vga', vmware: 'vmware-svga', qxl: 'qxl-vga', virtio: 'virtio-vga',
};

/**
 * Parses QEMU-style options into a validated MachineConfig. Every problem is a
 * UsageError naming the option (the CLI prints it and exits 2).
 */
export function parseMachineArgs(argv: readonly string[], drivers: ReadonlyMap<string, DeviceDriver>): MachineConfig {
  let board: BoardName = DEFAULT_BOARD;
  const machineProps = new Map<string, string | number | boolean>();
  let ramSize = DEFAULT_RAM;
  let slots = 0;
  let maxmem = 0;
  let cpu = CPU_MODELS.qemu64!;
  let smpValue: string | undefined;
  const numaValues: string[] = [];
  let nodefaults = false;
  let random = false;
  let uuid: string | undefined;
  const smbiosValues: string[] = [];
  /** Whether the last UUID given came from -smbios type=1,uuid= rather than -uuid. */
  let uuidFromSmbios = false;
  let rtcBase: number | undefined;
  const serial: string[] = [];
  const parallel: string[] = [];
  const devices: DeviceInstance[] = [];
  const backends: MemoryBackend[] = [];
  const rngObjects = new Set<string>();
  const ids = new Map<string, string>();
  const chardevs = new Set<string>();
  const tpmdevs = new Map<string, string>();
  const fwCfgFiles: FwCfgUserFile[] = [];
  const globals: GlobalProp[] = [];
  let kernelPath: string | undefined;
  let initrdOption: string | undefined;
  let append: string | undefined;
  const bootValues: string[] = [];
  const dataDirs: string[] = [];
  let vga: DeviceInstance | null | undefined;
  /** -net, -nic or -netdev given: no default NIC (QEMU's default_net). */
  let netOptions = false;
  const nicRequests: NicRequest[] = [];

  let stdioUser: string | undefined;
  /** QEMU's stdio chardev takes one user: a second -serial/-parallel stdio is its error. */
  const claimStdio = (opt: string, backend: string): void => {
    if (backend !== 'stdio' && backend !== 'mon:stdio') return;
    if (stdioUser !== undefined) throw new UsageError(`${opt}: cannot use stdio by multiple character devices`);
    stdioUser = opt;
  };

  const claimId = (id: string, what: string): void => {
    if (!/^[A-Za-z][\w.-]*$/.test(id)) throw new UsageError(`${what}: id '${id}' must start with a letter and use letters, digits, '-', '.', '_'`);
    const prev = ids.get(id);
    if (prev) throw new UsageError(`${what}: duplicate id '${id}' (already used by ${prev})`);
    ids.set(id, what);
  };

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const name = optionName(arg);
    if (!name) throw new UsageError(`unexpected argument '${arg}'`);
    if (IGNORED_FLAGS.has(name) || RUN_FLAGS.has(name)) continue;
    if (name === 'nodefaults') {
      nodefaults = true;
      continue;
    }
    if (name === 'random') {
      random = true;
      continue;
    }
    if (name === 'snapshot') continue; // every drive gets snapshot=on (src/machine/disks/drives.ts)
    if (name === 'usb') {
      machineProps.set('usb', true);
      continue;
    }
    const value = argv[i + 1];
    const known = ['machine', 'M', 'm', 'device', 'object', 'serial', 'parallel', 'uuid', 'smp', 'cpu', 'chardev', 'rtc', 'fw_cfg', 'global', 'numa', 'kernel', 'initrd', 'append', 'tpmdev', 'smbios', 'boot', 'L', 'vga', 'usbdevice'];
    if (!known.includes(name) && !IGNORED_WITH_ARG.has(name)) throw new UsageError(`unknown option '${arg}'`);
    if (value === undefined) throw new UsageError(`option '${arg}' needs a value`);
    i++;
    const opt = `-${name} ${value}`;
    if (name === 'net' || name === 'nic' || name === 'netdev') {
      netOptions = true;
      const nic = name === 'netdev' ? undefined : parseNicOption(name, value, NIC_DRIVERS);
      if (nic !== undefined && nic !== 'none') nicRequests.push(nic);
      continue;
    }
    if (IGNORED_WITH_ARG.has(name)) continue;
    switch (name) {
      case 'vga': {
        // QEMU 7.2's select_vgahw: the last -vga wins; "none" also drops the default std VGA.
        const driverName = VGA_TYPES[value];
        if (driverName === undefined) throw new UsageError(`${opt}: unknown vga type: ${value}`);
        if (driverName === null) { vga = null; break; }
        const driver = drivers.get(driverName);
        if (!driver) throw new UsageError(`${opt}: fwlab has no ${driverName} (it has ${Object.keys(VGA_TYPES).filter((k) => VGA_TYPES[k] === null || drivers.has(VGA_TYPES[k]!)).join(', ')})`);
        vga = { driver: driverName, id: undefined, props: withDefaults(opt, driver) };
        break;
      }
      case 'L':
        // QEMU: "-L help" lists the directories and exits (the CLI answers it before parsing).
        dataDirs.push(value);
        break;
      case 'boot':
        bootValues.push(value);
        break;
      case 'machine':
      case 'M': {
        const o = parseQemuOpts(`-${name}`, value, 'type');
        if (o.implied !== undefined) {
          const b = BOARD_ALIASES[o.implied];
          if (!b) throw new UsageError(`${opt}: unknown machine type '${o.implied}' (fwlab has pc and q35)`);
          board = b;
        }
        for (const [k, v] of o.props) {
          const kind = MACHINE_PROPS[k];
          if (!kind) throw new UsageError(`${opt}: unknown machine property '${k}'`);
          if (k === 'smbios-entry-point-type' && v !== '32' && v !== '64') {
            throw new UsageError(`Parameter 'smbios-entry-point-type' does not accept value '${v}'`);
          }
          if (kind === 'bool') machineProps.set(k, parseBool(opt, k, v));
          else if (kind === 'size') {
            const n = parseSize(v);
            if (n === undefined) throw new UsageError(`${opt}: property '${k}' expects a size, got '${v}'`);
            machineProps.set(k, n);
          } else machineProps.set(k, v);
        }
        break;
      }
      case 'm': {
        const o = parseQemuOpts('-m', value, 'size');
        if (o.implied !== undefined) {
          const n = parseSize(o.implied, MiB);
          if (n === undefined || n < MiB) throw new UsageError(`-m ${value}: bad memory size '${o.implied}'`);
          ramSize = n;
        }
        for (const [k, v] of o.props) {
          if (k === 'slots') slots = parseUint(opt, k, v);
          else if (k === 'maxmem') {
            const n = parseSize(v, MiB);
            if (n === undefined) throw new UsageError(`${opt}: bad maxmem '${v}'`);
            maxmem = n;
          } else throw new UsageError(`${opt}: unknown property '${k}'`);
        }
        break;
      }
      case 'device': {
        const o = parseQemuOpts('-device', value, 'driver');
        const driverName = o.implied === undefined ? undefined : driverNameOf(o.implied, drivers);
        if (!driverName) throw new UsageError(`${opt}: no driver named`);
        const driver = drivers.get(driverName);
        if (!driver) throw new UsageError(`-device ${driverName}: unknown device driver '${driverName}' (fwlab help devices lists them)`);
        const props = new Map<string, PropValue>();
        let id: string | undefined;
        for (const [k, v] of o.props) {
          if (k === 'id') {
            claimId(v, `-device ${driverName}`);
            id = v;
            continue;
          }
          const spec = driver.props[k];
          if (!spec) throw new UsageError(`-device ${driverName}: unknown property '${k}'`);
          props.set(k, parseProp(`-device ${driverName}`, k, spec, v));
        }
        withDefaults(`-device ${driverName}`, driver, props);
        if (driver.bus === 'usb' && machineProps.get('usb') !== true && !devices.some((d) => USB_CONTROLLERS.has(d.driver))) {
          throw new UsageError(`-device ${driverName}: No 'usb-bus' bus found for device '${driverName}'`);
        }
        if (driver.singleton && devices.some((d) => d.driver === driverName)) {
          throw new UsageError(`-device ${driverName}: at most one ${driverName} device is supported`);
        }
        devices.push({ driver: driverName, id, props });
        break;
      }
      case 'object': {
        const obj = parseObjectOption(value);
        if (obj.kind === 'rng') {
          claimId(obj.id, `-object ${value}`);
          rngObjects.add(obj.id);
        } else {
          claimId(obj.backend.id, '-object memory-backend-ram');
          backends.push(obj.backend);
        }
        break;
      }
      case 'chardev': {
        const o = parseQemuOpts('-chardev', value, 'backend');
        const id = o.props.get('id');
        if (!id) throw new UsageError(`${opt}: an id is required`);
        if (chardevs.has(id)) throw new UsageError(`${opt}: duplicate chardev id '${id}'`);
        chardevs.add(id);
        break;
      }
      case 'tpmdev': {
        const o = parseQemuOpts('-tpmdev', value, 'type');
        const type = o.implied ?? o.props.get('type');
        if (type !== 'emulator' && type !== 'passthrough') {
          throw new UsageError(`${opt}: Parameter 'type' expects a TPM backend type (fwlab has emulator)`);
        }
        const id = o.props.get('id');
        if (!id) throw new UsageError(`${opt}: Parameter 'id' is missing`);
        if (tpmdevs.size > 0) throw new UsageError(`${opt}: Only one TPM is allowed.`);
        if (type === 'passthrough') throw new UsageError(`${opt}: fwlab cannot pass a host TPM through (use -tpmdev emulator)`);
        const chardev = o.props.get('chardev');
        if (!chardev) throw new UsageError(`${opt}: tpm-emulator: parameter 'chardev' is missing`);
        for (const k of o.props.keys()) if (!['id', 'type', 'chardev'].includes(k)) throw new UsageError(`${opt}: Invalid parameter '${k}'`);
        tpmdevs.set(id, chardev);
        break;
      }
      case 'serial':
        if (!/^(null|none|stdio|vc|mon:stdio|chardev:.+|file:.+)$/.test(value)) throw new UsageError(`${opt}: unknown serial backend`);
        claimStdio(opt, value);
        serial.push(value);
        break;
      case 'parallel':
        if (!/^(null|none|stdio|vc|chardev:.+|file:.+)$/.test(value)) throw new UsageError(`${opt}: unknown parallel backend`);
        claimStdio(opt, value);
        // QEMU has three ISA parallel ports (0x378, 0x278, 0x3BC); fwlab emulates LPT1 only.
        if (parallel.length > 0 && value !== 'none') throw new UsageError(`${opt}: fwlab emulates one parallel port (LPT1)`);
        parallel.push(value);
        break;
      case 'usbdevice': {
        // QEMU 7.2: the legacy USB device names; the option also turns the machine's USB on.
        const driverName = USBDEVICE_NAMES[value];
        if (!driverName) throw new UsageError(`${opt}: could not add USB device '${value}'`);
        machineProps.set('usb', true);
        devices.push({ driver: driverName, id: undefined, props: withDefaults(opt, drivers.get(driverName)!) });
        break;
      }
      case 'uuid':
        if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) throw new UsageError(`${opt}: not a UUID`);
        uuid = value.toLowerCase();
        uuidFromSmbios = false;
        break;
      case 'smbios':
        smbiosValues.push(value);
        if (/(^|,)uuid=/.test(value)) uuidFromSmbios = true;
        break;
      case 'smp':
        // Completed once the board is known (its CPU limit is part of the rules).
        smpValue = value;
        break;
      case 'cpu': {
        const o = parseQemuOpts('-cpu', value, 'model');
        const model = CPU_MODELS[o.implied ?? ''];
        if (!model) throw new UsageError(`${opt}: unknown CPU model (fwlab has ${Object.keys(CPU_MODELS).join(', ')})`);
        const pb = o.props.get('phys-bits');
        cpu = pb ? { ...model, physBits: parseUint(opt, 'phys-bits', pb) } : model;
        break;
      }
      case 'fw_cfg': {
        // -fw_cfg [name=]NAME,file=PATH | -fw_cfg [name=]NAME,string=TEXT (QEMU's user files).
        const o = parseQemuOpts('-fw_cfg', value, 'name');
        const fileName = o.implied;
        if (!fileName) throw new UsageError(`${opt}: a name is required`);
        if (fileName.length > FW_CFG_MAX_FILE_NAME) throw new UsageError(`${opt}: name longer than ${FW_CFG_MAX_FILE_NAME} bytes`);
        if (fwCfgFiles.some((f) => f.name === fileName)) throw new UsageError(`${opt}: file '${fileName}' given twice`);
        for (const k of o.props.keys()) if (k !== 'file' && k !== 'string') throw new UsageError(`${opt}: unknown property '${k}'`);
        const file = o.props.get('file');
        const text = o.props.get('string');
        if ((file === undefined) === (text === undefined)) throw new UsageError(`${opt}: give exactly one of file= and string=`);
        let data: Uint8Array;
        if (text !== undefined) data = new TextEncoder().encode(text);
        else {
          try {
            data = new Uint8Array(readFileSync(file!));
          } catch {
            throw new UsageError(`${opt}: cannot read ${file}`);
          }
        }
        fwCfgFiles.push({ name: fileName, data });
        break;
      }
      case 'kernel':
        kernelPath = value;
        break;
      case 'initrd':
        initrdOption = value;
        break;
      case 'append':
        append = value;
        break;
      case 'global':
        globals.push(parseGlobal(value));
        break;
      case 'numa':
        // Resolved once -smp, -m and the backends are known.
        numaValues.push(value);
        break;
      case 'rtc': {
        const o = parseQemuOpts('-rtc', value);
        const base = o.props.get('base');
        if (base && base !== 'utc') {
          const ms = Date.parse(base.endsWith('Z') ? base : `${base}Z`);
          if (Number.isNaN(ms)) throw new UsageError(`${opt}: bad base date (use YYYY-MM-DDTHH:MM:SS)`);
          rtcBase = ms;
        }
        break;
      }
    }
  }
  if (slots > MAX_RAM_SLOTS) throw new UsageError(`-m: slots=${slots} is more than ${MAX_RAM_SLOTS}`);
  if (maxmem && maxmem < ramSize) throw new UsageError(`-m: maxmem (${maxmem}) is smaller than the RAM size (${ramSize})`);
  if (maxmem > ramSize && slots === 0) throw new UsageError('-m: maxmem above the RAM size needs slots=N');
  for (const d of devices) {
    const memdev = d.props.get('memdev');
    if (typeof memdev === 'string' && !backends.some((b) => b.id === memdev)) {
      throw new UsageError(`-device ${d.driver}: memdev '${memdev}' is not a memory backend (-object memory-backend-ram,id=${memdev},...)`);
    }
  }
  for (const d of devices) {
    const rng = d.props.get('rng');
    if (d.driver === 'virtio-rng-pci' && typeof rng === 'string' && !rngObjects.has(rng)) throw new UsageError(`-device virtio-rng-pci,rng=${rng}: Device '${rng}' not found`);
  }
  devices.push(...virtioDrives(argv, devices, drivers));
  for (const [id, chardev] of tpmdevs) {
    if (!chardevs.has(chardev)) throw new UsageError(`-tpmdev ${id}: tpm-emulator: tpm chardev '${chardev}' not found`);
  }
  const tpmUsers = new Set<string>();
  for (const d of devices.filter((x) => x.driver === 'tpm-tis')) {
    const be = d.props.get('tpmdev');
    if (typeof be !== 'string') throw new UsageError(`-device ${d.driver}: 'tpmdev' property is required`);
    if (!tpmdevs.has(be)) throw new UsageError(`-device ${d.driver},tpmdev=${be}: Property '${d.driver}.tpmdev' can't find value '${be}'`);
    if (tpmUsers.has(be)) throw new UsageError(`-device ${d.driver},tpmdev=${be}: TPM backend '${be}' is already initialized`);
    tpmUsers.add(be);
  }
  const topology = smpValue === undefined ? ONE_CPU : parseSmp(smpValue, board);
  // x86_cpus_init: IDs past 255 need KVM's in-kernel irqchip with the X2APIC API; fwlab is TCG-like.
  if (apicIdLimit(topology) > 255) throw new UsageError(`-smp ${smpValue}: current -smp configuration requires kernel irqchip and X2APIC API support.`);
  const numa = parseNuma(numaValues, cpuSlots(topology), backends, ramSize);
  const kernel = kernelBootOf(kernelPath, initrdOption, append);
  const smbios = parseSmbiosOptions(smbiosValues);
  if (uuidFromSmbios && smbios.uuid !== undefined) uuid = smbios.uuid;
  return {
    board, machineProps, ramSize, slots, maxmem: maxmem || ramSize, cpu, smp: topology.cpus, topology, numa, devices, memoryBackends: backends,
    nodefaults, random, serial, parallel, uuid, rtcBase, fwCfgFiles, kernel, globals, smbios, argv: [...argv], boot: parseBootOptions(bootValues),
    dataDirs, vga, defaultNic: !netOptions, nics: nicRequests.map((r) => nicDevice(r, board, drivers)),
    usbControllers: machineProps.get('usb') === true ? usbControllers(board, drivers) : [],
  };
}

function readOrFail(what: string, file: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(file));
  } catch {
    throw new UsageError(`${what}: cannot read ${file}`);
  }
}

/** -kernel's files, read now so a missing one is a usage error; -initrd/-append need -kernel (as in QEMU). */
function kernelBootOf(path: string | undefined, initrd: string | undefined, append: string | undefined): KernelBoot | undefined {
  if (path === undefined) {
    if (initrd !== undefined) throw new UsageError('-initrd only allowed with -kernel option');
    if (append !== undefined) throw new UsageError('-append only allowed with -kernel option');
    return undefined;
  }
  const initrds = (initrd === undefined ? [] : initrd.split(',')).map((arg) => {
    const file = arg.split(' ')[0]!;
    return { arg, data: readOrFail(`-initrd ${initrd}`, file) };
  });
  return { path, kernel: readOrFail(`-kernel ${path}`, path), initrdOption: initrd ?? '', initrds, cmdline: append ?? '' };
}
