/**
 * The chipset's record of which legacy ISA devices exist, filled once the machine is assembled
 * (QEMU 7.2's piix4_pm_machine_ready and ich9_lpc_machine_ready test whether anything answers at
 * these ports; a reset keeps the values). Captured: PIIX4 PM 5Fh/67h and ICH9 LPC 82h after SeaBIOS
 * with the default serial and parallel ports, -parallel null, two -serial, -nodefaults.
 */
import type { ConfigSpace } from './config-space.js';
import type { PortBus } from '../bus/port-bus.js';
import { PORT_COM1, PORT_COM2, PORT_FDC, PORT_LPT1 } from '../boards/layout.js';

/** The floppy controller's digital output register. */
const PORT_FDC_DOR = PORT_FDC + 2;

/** PIIX4 PM: DEVACTB's high byte (LPT1 decode at bit 7) and DEVRESD's high byte (COM1 bit 3, COM2 bits 7 and 4). */
const PIIX4_DEVACTB_HI = 0x5f;
const PIIX4_DEVRESD_HI = 0x67;

/** ICH9 LPC_EN (82h): COMA, COMB, LPT, FDD decode enables. */
const ICH9_LPC_EN = 0x82;

export function piix4LegacyDecode(cfg: ConfigSpace, ports: PortBus): void {
  const at = (port: number) => ports.rangeAt(port) !== undefined;
  cfg.set(PIIX4_DEVACTB_HI, 1, 0x10 | (at(PORT_LPT1) ? 0x80 : 0));
  cfg.set(PIIX4_DEVRESD_HI, 1, (at(PORT_COM1) ? 0x08 : 0) | (at(PORT_COM2) ? 0x90 : 0));
}

export function ich9LegacyDecode(cfg: ConfigSpace, ports: PortBus): void {
  const at = (port: number) => ports.rangeAt(port) !== undefined;
  cfg.set(ICH9_LPC_EN, 1, (at(PORT_COM1) ? 0x01 : 0) | (at(PORT_COM2) ? 0x02 : 0) | (at(PORT_LPT1) ? 0x04 : 0) | (at(PORT_FDC_DOR) ? 0x08 : 0));
}
