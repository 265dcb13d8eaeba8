import type { BootOptions } from './boot-option.js';
import type { BoardName } from '../boards/ram-layout.js';
import type { DeviceInstance } from './device-driver.js';
import type { GlobalProp } from './globals.js';
import type { SmpTopology } from './smp.js';
import type { NumaConfig } from './numa.js';
import type { SmbiosOptions } from './smbios-opts.js';

export interface MemoryBackend {
  readonly id: string;
  readonly size: number;
}

/** `-fw_cfg name=NAME,file=|string=`: a user file served as is. */
export interface FwCfgUserFile {
  readonly name: string;
  readonly data: Uint8Array;
}

export interface CpuModel {
  readonly name: string;
  readonly amd: boolean;
  readonly physBits: number;
}

/** A machine as the command line describes it, validated. */
export interface MachineConfig {
  readonly board: BoardName;
  readonly machineProps: ReadonlyMap<string, string | number | boolean>;
  readonly ramSize: number;
  readonly slots: number;
  readonly maxmem: number;
  readonly cpu: CpuModel;
  /** CPUs present at start (topology.cpus). */
  readonly smp: number;
  /** `-smp` completed with QEMU 7.2's rules (one CPU without it). */
  readonly topology: SmpTopology;
  /** `-numa` completed (undefined without it). */
  readonly numa: NumaConfig | undefined;
  readonly devices: readonly DeviceInstance[];
  readonly memoryBackends: readonly MemoryBackend[];
  readonly nodefaults: boolean;
  /** False after `-net none` / `-nic none`: no default NIC even without -nodefaults. */
  /** No -net, -nic or -netdev: the board's default NIC unless -nodefaults. */
  readonly defaultNic: boolean;
  /** -nic / -net nic NICs, created after the display and before every -device. */
  readonly nics: readonly DeviceInstance[];
  /** `-usb` / `-machine usb=on`: the board's USB controllers, created with the chipset. */
  readonly usbControllers: readonly DeviceInstance[];
  /** -boot (QEMU's default order "cad"). */
  readonly boot: BootOptions;
  /** `--random`: `guid=auto` and other seeded values come from a random source instead. */
  readonly random: boolean;
  /** `-serial` backends in order (COM1 first); empty means "board default". */
  readonly serial: readonly string[];
  /** `-parallel` backends in order (LPT1 first); empty means "board default" (LPT1 on null unless -nodefaults). */
  readonly parallel: readonly string[];
  readonly uuid: string | undefined;
  /** `-rtc base=` in ms since the epoch (deterministic default). */
  readonly rtcBase: number | undefined;
  readonly fwCfgFiles: readonly FwCfgUserFile[];
  /** `-kernel FILE [-initrd FILE[,FILE2]] [-append TEXT]`, read when parsed. */
  readonly kernel: KernelBoot | undefined;
  /** `-global DRIVER.PROP=VALUE` in order (globals.ts reads the board's value). */
  readonly globals: readonly GlobalProp[];
  /** `-smbios` fields, OEM strings and blobs (smbios-entry-point-type is in machineProps). */
  readonly smbios: SmbiosOptions;
  /** `-L DIR` in order: searched for firmware files before QEMU's own directories (src/machine/roms/data-dirs.ts). */
  readonly dataDirs: readonly string[];
  /** `-vga TYPE` (the last one): the display device it adds, null for `-vga none`, undefined when not given. */
  readonly vga: DeviceInstance | null | undefined;
  /** The command line as given, for reports. */
  readonly argv: readonly string[];
}

/** `-kernel` and what goes with it (QEMU's x86_load_linux / load_multiboot inputs). */
export interface KernelBoot {
  /** The -kernel path as given (multiboot puts it first in the kernel's command line). */
  readonly path: string;
  readonly kernel: Uint8Array;
  /** The -initrd value as given (multiboot reserves its length for module command lines). */
  readonly initrdOption: string;
  /** Each comma-separated -initrd entry: its text (file name and arguments) and the file's bytes. */
  readonly initrds: readonly { readonly arg: string; readonly data: Uint8Array }[];
  /** -append (empty when absent). */
  readonly cmdline: string;
}

/** LPT1's backend as QEMU 7.2 picks it: the first `-parallel`, else `null` unless -nodefaults; undefined for none. */
export function lpt1Backend(config: Pick<MachineConfig, 'parallel' | 'nodefaults'>): string | undefined {
  const backend = config.parallel[0] ?? (config.nodefaults ? undefined : 'null');
  return backend === 'none' ? undefined : backend;
}
