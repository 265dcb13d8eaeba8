import { readFileSync } from 'node:fs';
import { fixturePath } from '../../helpers/paths.js';

export const CONFIGS = ['pc-default', 'pc-bridge', 'pc-vmgenid', 'q35-default', 'q35-rootports', 'q35-vmgenid'] as const;
export type FixtureConfig = typeof CONFIGS[number];

export interface InstalledTable {
  signature: string;
  address: string;
  length: number;
  file: string;
  via?: string;
}

export interface Summary {
  loader_replay: {
    inferred_bases: Record<string, string>;
    write_pointers: { fw_cfg_file: string; offset: number; value: string }[];
  };
  acpi_tables: InstalledTable[];
  low_ram_top: string;
}

export function summary(config: string, fw = 'seabios'): Summary {
  return JSON.parse(readFileSync(fixturePath('qemu-7.2', config, fw, 'summary.json'), 'utf8')) as Summary;
}

export function installed(config: string, file: string, fw = 'seabios'): Uint8Array {
  return new Uint8Array(readFileSync(fixturePath('qemu-7.2', config, fw, 'acpi-installed', file)));
}

export function fwcfgPost(config: string, fw = 'seabios'): string {
  return fixturePath('qemu-7.2', config, fw, 'fwcfg-post');
}
