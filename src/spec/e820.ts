/** The E820 memory map: QEMU's `etc/e820` fw_cfg file and the firmware's INT 15h/E820 table. */
export const E820_RAM = 1;
export const E820_RESERVED = 2;
export const E820_ACPI = 3;
export const E820_NVS = 4;
export const E820_UNUSABLE = 5;

/** struct e820_entry { u64 address; u64 length; u32 type; } packed, little-endian. */
export const E820_ENTRY_SIZE = 20;

export interface E820Entry {
  readonly address: number;
  readonly length: number;
  readonly type: number;
}

export const E820_TYPE_NAMES: Readonly<Record<number, string>> = {
  [E820_RAM]: 'RAM', [E820_RESERVED]: 'reserved', [E820_ACPI]: 'ACPI', [E820_NVS]: 'NVS', [E820_UNUSABLE]: 'unusable',
};
