/**
 * Level-triggered interrupt lines into the CPU core (the I/O APIC's inputs, GSI 0–23).
 * Devices assert and deassert; the core delivers to the running program.
 */
export const GSI_COUNT = 24;

export class InterruptLines {
  private level = 0;
  private readonly listeners: Array<(line: number, asserted: boolean) => void> = [];

  set(line: number, asserted: boolean): void {
    if (line < 0 || line >= GSI_COUNT) throw new RangeError(`no interrupt line ${line}`);
    const bit = 1 << line;
    const was = (this.level & bit) !== 0;
    this.level = asserted ? this.level | bit : this.level & ~bit;
    if (was !== asserted) for (const l of this.listeners) l(line, asserted);
  }

  isAsserted(line: number): boolean {
    return (this.level & (1 << line)) !== 0;
  }

  /** Bitmask of asserted lines. */
  get asserted(): number {
    return this.level;
  }

  onChange(listener: (line: number, asserted: boolean) => void): void {
    this.listeners.push(listener);
  }
}
