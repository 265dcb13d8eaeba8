import type { BoardName } from './ram-layout.js';
import {
  ICH9_ACPI_DISABLE, ICH9_ACPI_ENABLE, ICH9_GPE0_LEN, ICH9_PM_IO_LEN, PIIX4_ACPI_DISABLE, PIIX4_ACPI_ENABLE,
  PIIX4_GPE0_LEN, PIIX4_PM_IO_LEN,
} from '../../spec/acpi-pm.js';
import { PC_GPE0_BASE } from './layout.js';

/** What differs between the two boards at the foundation level; PCI and ACPI add their own. */
export interface BoardSpec {
  readonly name: BoardName;
  readonly description: string;
  readonly qemuMachine: string;
  /** Size of the chipset's PM I/O block at PM base. */
  readonly pmIoLength: number;
  readonly gpe0Length: number;
  /** A GPE0 block at a fixed port (PIIX4), or inside the PM block (ICH9). */
  readonly gpe0FixedBase: number | undefined;
  readonly acpiEnable: number;
  readonly acpiDisable: number;
  /** The HPET timers' allowed IOAPIC routes (QEMU's hpet-intcap: pc only GSI 2, q35 2, 8 and 16-23). */
  readonly hpetIntcap: number;
}

export const PC_BOARD: BoardSpec = {
  name: 'pc',
  description: 'Standard PC (i440FX + PIIX, 1996)',
  qemuMachine: 'pc-i440fx-7.2',
  pmIoLength: PIIX4_PM_IO_LEN,
  gpe0Length: PIIX4_GPE0_LEN,
  gpe0FixedBase: PC_GPE0_BASE,
  acpiEnable: PIIX4_ACPI_ENABLE,
  acpiDisable: PIIX4_ACPI_DISABLE,
  hpetIntcap: 0x4,
};

export const Q35_BOARD: BoardSpec = {
  name: 'q35',
  description: 'Standard PC (Q35 + ICH9, 2009)',
  qemuMachine: 'pc-q35-7.2',
  pmIoLength: ICH9_PM_IO_LEN,
  gpe0Length: ICH9_GPE0_LEN,
  gpe0FixedBase: undefined,
  acpiEnable: ICH9_ACPI_ENABLE,
  acpiDisable: ICH9_ACPI_DISABLE,
  hpetIntcap: 0xff0104,
};

export const BOARDS: Readonly<Record<BoardName, BoardSpec>> = { pc: PC_BOARD, q35: Q35_BOARD };
