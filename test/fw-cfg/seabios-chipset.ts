import { readFileSync } from 'node:fs';
import type { Machine } from '../../src/machine/machine.js';
import type { PciInfo } from '../../src/machine/pci/index.js';
import { fixturePath } from '../helpers/paths.js';
import { programChipsetLikeSeabios, programPciLikeSeabios } from '../helpers/seabios-pci.js';
import { cfgRead } from '../pci/config-cycles.js';

/**
 * Leave the chipset as SeaBIOS 1.16.2 did before it first read the ACPI files
 * (qemu-host.md §5.7), through mechanism #1 config cycles only, plus every BAR, bridge
 * window and bus number from the fixture's query-pci.json. Without a PCI host bridge
 * (PCI not attached) only the PM base can be set, through machine.setPmBase.
 */
export type ChipsetProgramming = 'config-cycles' | 'pm-base-only';

export function programLikeSeabios(m: Machine, config: string): ChipsetProgramming {
  if ((cfgRead(m, 0, 0, 0, 4) & 0xffff) === 0xffff) {
    m.setPmBase(0x600);
    return 'pm-base-only';
  }
  programChipsetLikeSeabios(m);
  const q = JSON.parse(readFileSync(fixturePath('qemu-7.2', config, 'seabios', 'query-pci.json'), 'utf8')) as PciInfo[];
  for (const d of q[0]!.devices) programPciLikeSeabios(m, d);
  return 'config-cycles';
}
