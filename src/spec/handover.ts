/**
 * The fwlab hand-over record: what the firmware leaves in guest memory, besides the ACPI
 * tables (found by the standard RSDP scan), for the guest image it hands the CPU to.
 * Layout (all little-endian), at HANDOVER_ADDR in conventional RAM:
 *
 *   +0  char[8] signature "FWLABHO1"
 *   +8  u32 version (1)
 *   +12 u32 length: header + e820 entries + S3 entries, in bytes
 *   +16 u32 flags (HANDOVER_FLAGS)
 *   +20 u32 RSDP address (0 = none). SeaBIOS profile: also findable by the E/F-segment scan.
 *       OVMF profile: the only way (OVMF publishes it as an EFI configuration table).
 *   +24 u32 e820 table address   +28 u32 e820 entry count (E820_ENTRY_SIZE bytes each)
 *   +32 u32 ACPI PM I/O base     +36 u32 32-bit PCI window start   +40 u32 32-bit PCI window end
 *   +44 u32 S3 WRITE_POINTER replay list address  +48 u32 its entry count (HANDOVER_S3_ENTRY_SIZE each:
 *       u16 fw_cfg key, u8 size, u8 0, u32 offset, u64 value)
 *   +52 u8  checksum: the HANDOVER_HEADER_SIZE header bytes sum to 0 (mod 256)   +53..55 zero
 *   +56 u32 SMBIOS (32-bit `_SM_`) entry point   +60 u32 SMBIOS3 (64-bit `_SM3_`) entry point (0 = none).
 *       OVMF profile only: they stand in for the SMBIOS / SMBIOS3 EFI configuration tables. The
 *       SeaBIOS profile leaves them 0 (its entry point is found by the F-segment scan).
 */
export const HANDOVER_ADDR = 0x6000;
export const HANDOVER_SIGNATURE = 'FWLABHO1';
export const HANDOVER_VERSION = 1;
export const HANDOVER_HEADER_SIZE = 64;
export const HANDOVER_S3_ENTRY_SIZE = 16;

export const HANDOVER_OFFSETS = {
  signature: 0,
  version: 8,
  length: 12,
  flags: 16,
  rsdp: 20,
  e820Addr: 24,
  e820Count: 28,
  pmBase: 32,
  pciMem32Start: 36,
  pciMem32End: 40,
  s3Addr: 44,
  s3Count: 48,
  checksum: 52,
  smbios: 56,
  smbios3: 60,
} as const;

export const HANDOVER_FLAGS = {
  /** The firmware ran the OVMF profile (tables copied, RSDP only through this record). */
  OVMF_PROFILE: 1 << 0,
  /** ACPI tables were installed. */
  ACPI: 1 << 1,
  /** fw_cfg DMA was available. */
  FW_CFG_DMA: 1 << 2,
  /** The chipset is q35 (else i440FX). */
  Q35: 1 << 3,
  /** The host asked for the `aml` trace (src/spec/trace.ts): the guest traces its AML on the debug console. */
  TRACE_AML: 1 << 4,
} as const;
