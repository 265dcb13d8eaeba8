import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Machine } from '../../src/machine/machine.js';
import { readFwCfgDir } from '../../src/tools/fw-cfg-dir/fw-cfg-dir.js';
import { fixturePath } from '../helpers/paths.js';
import { programChipsetLikeSeabios } from '../helpers/seabios-pci.js';
import { readData, readDirectory, readKey, select } from '../fw-cfg/port-client.js';
import { NOT_SERVED } from '../helpers/installed-roms.js';

export { NOT_SERVED };

/** One capture of scripts/capture-machines.mjs: real QEMU 7.2's fw_cfg after the chipset writes. */
export interface MachineCapture {
  readonly name: string;
  /** The QEMU options (after the program name). */
  readonly args: readonly string[];
  /** Well-known keys ("0x0005") → hex of what QEMU served. */
  readonly keys: Readonly<Record<string, string>>;
  /** CMOS NVRAM before any firmware, 128 bytes. */
  readonly cmos: readonly number[];
  /** PM1_CNT at PM base 0x600 after the chipset writes. */
  readonly pm1Cnt: number;
  readonly files: ReadonlyMap<string, { readonly select: number; readonly data: Uint8Array }>;
}

const ROOT = fixturePath('qemu-7.2-machines');

export function machineCaptures(): MachineCapture[] {
  const configs = JSON.parse(readFileSync(join(ROOT, 'configs.json'), 'utf8')) as Record<string, string[]>;
  return Object.entries(configs).filter(([name]) => existsSync(join(ROOT, name, 'keys.json'))).map(([name, args]) => {
    const k = JSON.parse(readFileSync(join(ROOT, name, 'keys.json'), 'utf8')) as { keys: Record<string, string>; cmos: string; pm1Cnt: number };
    return { name, args, keys: k.keys, pm1Cnt: k.pm1Cnt, cmos: k.cmos.split(' ').map((h) => parseInt(h, 16)), files: readFwCfgDir(join(ROOT, name, 'fwcfg')) };
  });
}

/** Every capture directory has its line in configs.json (a stale directory is a mistake). */
export function strayCaptureDirs(): string[] {
  const configs = JSON.parse(readFileSync(join(ROOT, 'configs.json'), 'utf8')) as Record<string, string[]>;
  return readdirSync(ROOT, { withFileTypes: true }).filter((d) => d.isDirectory() && !(d.name in configs)).map((d) => d.name);
}

/** fwlab's fw_cfg as a firmware sees it after the same chipset writes capture makes: name → select, bytes. */
export function servedFiles(m: Machine): Map<string, { select: number; data: Uint8Array }> {
  programChipsetLikeSeabios(m);
  const out = new Map<string, { select: number; data: Uint8Array }>();
  for (const e of readDirectory(m)) {
    select(m, e.select);
    out.set(e.name, { select: e.select, data: readData(m, e.size) });
  }
  return out;
}

export function cmosBytes(m: Machine): number[] {
  const out: number[] = [];
  for (let i = 0; i < 128; i++) {
    m.ports.write(0x70, 1, i);
    out.push(m.ports.read(0x71, 1));
  }
  return out;
}

export function servedKey(m: Machine, key: string, hexLength: number): string {
  return Buffer.from(readKey(m, Number(key), hexLength / 2)).toString('hex');
}

/** Where two byte strings first differ, for a readable failure ("equal" when they do not). */
export function firstDifference(a: Uint8Array, b: Uint8Array): string {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return `first difference at 0x${i.toString(16)}: ${a[i]!.toString(16)} vs ${b[i]!.toString(16)}`;
  return a.length === b.length ? 'equal' : `lengths ${a.length} vs ${b.length}`;
}
