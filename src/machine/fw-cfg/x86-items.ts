import type { Platform } from '../wiring/platform.js';
import type { FwCfgDevice } from './fw-cfg-device.js';
import { buildSmbios } from './smbios.js';
import { encodeE820 } from '../boards/e820-table.js';
import {
  FW_CFG_BOOT_MENU, FW_CFG_FILE_BOOT_MENU_WAIT, FW_CFG_FILE_BIOS_GEOMETRY, FW_CFG_FILE_BOOTORDER, FW_CFG_FILE_BOOT_FAIL_WAIT, FW_CFG_FILE_E820,
  FW_CFG_FILE_RESERVED_MEMORY_END, FW_CFG_FILE_SMBIOS_ANCHOR, FW_CFG_FILE_SMBIOS_TABLES, FW_CFG_FILE_SMI_FEATURES_OK,
  FW_CFG_FILE_SMI_REQUESTED, FW_CFG_FILE_SMI_SUPPORTED, FW_CFG_FILE_SYSTEM_STATES, FW_CFG_FILE_TPM_LOG, FW_CFG_HPET,
  FW_CFG_IRQ0_OVERRIDE, FW_CFG_MAX_CPUS, FW_CFG_NB_CPUS, FW_CFG_NOGRAPHIC, FW_CFG_NUMA, FW_CFG_RAM_SIZE, FW_CFG_UUID,
  FW_CFG_ACPI_TABLES, FW_CFG_SMBIOS_ENTRIES, HPET_FW_CFG_SIZE,
} from '../../spec/fw-cfg.js';
import { parseGuid } from '../../lib/guid.js';
import { le64, setLe16, setLe32, setLe64 } from '../../lib/bytes.js';
import { HPET_BASE } from '../boards/layout.js';
import { globalValue } from '../options/globals.js';
import { apicIdLimit, cpuSlots } from '../options/smp.js';
import type { CpuSlot } from '../options/smp.js';
import type { NumaConfig } from '../options/numa.js';

/** HPET capability id (vendor 0x8086, rev 0x01, 3 timers, legacy-capable): QEMU's event_timer_block_id. */
const HPET_EVENT_TIMER_BLOCK_ID = 0x8086a201;
/** ICH9 SMI features QEMU 7.2 offers: broadcast SMI, CPU hot-plug, CPU hot-unplug. */
const ICH9_SMI_HOST_FEATURES = 0x7;
/** CPUID.1 EAX/EDX of TCG's default CPU model qemu64 (what SMBIOS type 4 shows). */
const QEMU64_CPUID_1_EAX = 0x00060fb1;
const QEMU64_CPUID_1_EDX = 0x078bfbfd;

function u16(v: number): Uint8Array {
  const b = new Uint8Array(2);
  setLe16(b, 0, v);
  return b;
}
function u32(v: number): Uint8Array {
  const b = new Uint8Array(4);
  setLe32(b, 0, v);
  return b;
}
function u64(v: number): Uint8Array {
  const b = new Uint8Array(8);
  setLe64(b, 0, v);
  return b;
}

/**
 * The items and files QEMU 7.2's pc/q35 put into fw_cfg before any firmware runs
 * (fw_cfg_common_realize, fw_cfg_arch_create, pc_memory_init, acpi_pm1_cnt_init,
 * ich9_lpc, smbios), except the ACPI carriers (acpi-files.ts) and vmgenid's files.
 * FW_CFG_E820_TABLE (0x8003) stays empty: QEMU 7.1 dropped the legacy reservation table.
 */
export function addX86Items(p: Platform, fw: FwCfgDevice): void {
  const cfg = p.config;
  const t = cfg.topology;
  const idLimit = apicIdLimit(t);
  fw.setItem(FW_CFG_UUID, cfg.uuid ? parseGuid(cfg.uuid) : new Uint8Array(16));
  fw.setItem(FW_CFG_NOGRAPHIC, u16(0));
  fw.setItem(FW_CFG_BOOT_MENU, u16(cfg.boot.menu ? 1 : 0));
  fw.setItem(FW_CFG_NB_CPUS, u16(cfg.smp));
  // QEMU serves x86ms->apic_id_limit as "max_cpus" (the highest possible APIC ID + 1).
  fw.setItem(FW_CFG_MAX_CPUS, u16(idLimit));
  fw.setItem(FW_CFG_RAM_SIZE, u64(cfg.ramSize));
  fw.setItem(FW_CFG_ACPI_TABLES, new Uint8Array(0));
  fw.setItem(FW_CFG_SMBIOS_ENTRIES, new Uint8Array(0));
  fw.setItem(FW_CFG_IRQ0_OVERRIDE, u32(1));
  fw.setItem(FW_CFG_NUMA, numaItem(cfg.numa, cpuSlots(t), idLimit));
  fw.setItem(FW_CFG_HPET, hpetConfig(cfg.machineProps.get('hpet') !== false));

  fw.addFile(FW_CFG_FILE_BOOTORDER, new Uint8Array(0));
  fw.addFile(FW_CFG_FILE_BIOS_GEOMETRY, new Uint8Array(0));
  fw.addFile(FW_CFG_FILE_BOOT_FAIL_WAIT, u32(cfg.boot.rebootTimeout >>> 0));
  if (cfg.boot.splashTime !== undefined) fw.addFile(FW_CFG_FILE_BOOT_MENU_WAIT, u16(cfg.boot.splashTime));
  fw.addFile(FW_CFG_FILE_E820, encodeE820(p.e820));
  if (p.ramLayout.reservedMemoryEnd !== undefined) {
    fw.addFile(FW_CFG_FILE_RESERVED_MEMORY_END, u64(p.ramLayout.reservedMemoryEnd));
  }
  // One byte per S0..S5: bit 7 = enabled, low bits = SLP_TYP (S3 → 1, S4 → 2, S5 → 0).
  const states = sleepStatesOf(p.config);
  fw.addFile(FW_CFG_FILE_SYSTEM_STATES, new Uint8Array([0x80, 0x00, 0x00, (states.s3 ? 0x80 : 0) | 1, (states.s4 ? 0x80 : 0) | 2, 0x80]));
  fw.addFile(FW_CFG_FILE_TPM_LOG, new Uint8Array(0));

  const smbios = buildSmbios({
    manufacturer: 'QEMU', product: p.board.description, version: p.board.qemuMachine,
    uuid: cfg.uuid, ramSize: cfg.ramSize, sockets: t.sockets, coresPerSocket: t.cores * t.dies,
    threadsPerSocket: t.threads * t.cores * t.dies, cpuSignature: QEMU64_CPUID_1_EAX, cpuFeatures: QEMU64_CPUID_1_EDX,
    e820: p.e820, options: cfg.smbios, entryPoint64: cfg.machineProps.get('smbios-entry-point-type') === '64',
  });
  fw.addFile(FW_CFG_FILE_SMBIOS_ANCHOR, smbios.anchor);
  fw.addFile(FW_CFG_FILE_SMBIOS_TABLES, smbios.tables);

  if (p.board.name === 'q35') addSmiNegotiation(fw);
}

/** S3/S4 as the PM device's disable_s3/disable_s4 (-global) leave them. */
export function sleepStatesOf(cfg: Platform['config']): { readonly s3: boolean; readonly s4: boolean } {
  return { s3: !globalValue(cfg.globals, cfg.board, 'disable_s3'), s4: !globalValue(cfg.globals, cfg.board, 'disable_s4') };
}

/** -global fw_cfg.dma_enabled (default on). */
export function fwCfgDmaOf(cfg: Platform['config']): boolean {
  return globalValue(cfg.globals, cfg.board, 'dma_enabled') !== false;
}

/** FW_CFG_NUMA: u64 node count, the node of each APIC ID below the limit, each node's RAM size (all zero without -numa). */
function numaItem(numa: NumaConfig | undefined, slots: readonly CpuSlot[], idLimit: number): Uint8Array {
  const nodes = numa?.nodeMemory.length ?? 0;
  const b = new Uint8Array(8 * (1 + idLimit + nodes));
  if (!numa) return b;
  setLe64(b, 0, nodes);
  slots.forEach((s, i) => setLe64(b, 8 * (1 + s.apicId), numa.cpuNodes[i]!));
  numa.nodeMemory.forEach((size, n) => setLe64(b, 8 * (1 + idLimit + n), size));
  return b;
}

/** struct hpet_fw_config: one HPET at 0xFED00000, or count 0xff ("no HPET") with hpet=off. */
function hpetConfig(present: boolean): Uint8Array {
  const b = new Uint8Array(HPET_FW_CFG_SIZE);
  if (!present) {
    b[0] = 0xff;
    return b;
  }
  b[0] = 1;
  setLe32(b, 1, HPET_EVENT_TIMER_BLOCK_ID);
  setLe64(b, 5, HPET_BASE);
  return b;
}

/**
 * ICH9's SMI feature negotiation: the firmware writes the features it wants into
 * requested-features, then selects features-ok, which locks them in and reads 1 when
 * they are a subset of supported-features.
 */
function addSmiNegotiation(fw: FwCfgDevice): void {
  const requested = new Uint8Array(8);
  const ok = new Uint8Array(1);
  fw.addFile(FW_CFG_FILE_SMI_SUPPORTED, u64(ICH9_SMI_HOST_FEATURES));
  fw.addFile(FW_CFG_FILE_SMI_REQUESTED, requested, { writable: true });
  fw.addFile(FW_CFG_FILE_SMI_FEATURES_OK, ok, {
    onSelect: () => {
      if (ok[0]) return;
      const want = le64(requested, 0);
      if ((want & ~BigInt(ICH9_SMI_HOST_FEATURES)) !== 0n) return;
      ok[0] = 1;
    },
  });
}
