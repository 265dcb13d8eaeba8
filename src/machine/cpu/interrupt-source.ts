/**
 * What an x86 CPU sees of its interrupt controllers (the 8259A pair in ExtINT mode or the
 * local APIC): the INTR pin and the interrupt-acknowledge cycle. The board wires the
 * controllers behind one source; the core polls it at instruction boundaries while IF=1.
 */
export interface InterruptSource {
  /** INTR is asserted: a maskable interrupt is waiting for the CPU. */
  hasInterrupt(): boolean;
  /** The INTA cycle: returns the vector (0-255) and moves the request in service. */
  acknowledge(): number;
}

/** Lines a CPU has besides INTR (NMI, INIT, SIPI for application processors later). */
export interface CpuControlLines {
  /** A20 gate (port 0x92 bit 1, i8042 output port bit 1): false masks physical address bit 20. */
  setA20(enabled: boolean): void;
}
