/** Crafts etc/table-loader entries for tests (independent of the machine's linker writer). */
export class ScriptBuilder {
  private readonly entries: Uint8Array[] = [];

  private entry(command: number): { e: Uint8Array; dv: DataView } {
    const e = new Uint8Array(128);
    const dv = new DataView(e.buffer);
    dv.setUint32(0, command, true);
    this.entries.push(e);
    return { e, dv };
  }

  private static name(e: Uint8Array, at: number, name: string): void {
    // A 56-character name fills byte 55: the "unterminated" case.
    for (let i = 0; i < Math.min(name.length, 56); i++) e[at + i] = name.charCodeAt(i);
  }

  allocate(file: string, align: number, zone: number): this {
    const { e, dv } = this.entry(1);
    ScriptBuilder.name(e, 4, file);
    dv.setUint32(60, align, true);
    e[64] = zone;
    return this;
  }

  addPointer(dest: string, src: string, offset: number, size: number): this {
    const { e, dv } = this.entry(2);
    ScriptBuilder.name(e, 4, dest);
    ScriptBuilder.name(e, 60, src);
    dv.setUint32(116, offset, true);
    e[120] = size;
    return this;
  }

  addChecksum(file: string, resultOffset: number, start: number, length: number): this {
    const { e, dv } = this.entry(3);
    ScriptBuilder.name(e, 4, file);
    dv.setUint32(60, resultOffset, true);
    dv.setUint32(64, start, true);
    dv.setUint32(68, length, true);
    return this;
  }

  writePointer(dest: string, src: string, dstOffset: number, srcOffset: number, size: number): this {
    const { e, dv } = this.entry(4);
    ScriptBuilder.name(e, 4, dest);
    ScriptBuilder.name(e, 60, src);
    dv.setUint32(116, dstOffset, true);
    dv.setUint32(120, srcOffset, true);
    e[124] = size;
    return this;
  }

  raw(command: number): this {
    this.entry(command);
    return this;
  }

  build(extraBytes = 0): Uint8Array {
    const out = new Uint8Array(this.entries.length * 128 + extraBytes);
    this.entries.forEach((e, i) => out.set(e, i * 128));
    return out;
  }
}

/** A little ACPI world: an RSDP blob pointing at an RSDT in a tables blob with one SDT. */
export function miniTables(): { rsdp: Uint8Array; tables: Uint8Array } {
  const tables = new Uint8Array(256);
  const sdt = (at: number, sig: string, length: number) => {
    for (let i = 0; i < 4; i++) tables[at + i] = sig.charCodeAt(i);
    new DataView(tables.buffer).setUint32(at + 4, length, true);
    tables[at + 8] = 1;
  };
  sdt(0, 'FACP', 64);
  sdt(64, 'RSDT', 40);
  new DataView(tables.buffer).setUint32(64 + 36, 0, true); // RSDT[0] -> FACP (relative 0)
  const rsdp = new Uint8Array(20);
  rsdp.set(new TextEncoder().encode('RSD PTR '));
  new DataView(rsdp.buffer).setUint32(16, 64, true); // RsdtAddress -> RSDT (relative 64)
  return { rsdp, tables };
}

/** The QEMU-shaped script installing miniTables(). */
export function miniScript(b = new ScriptBuilder()): ScriptBuilder {
  return b.allocate('etc/acpi/rsdp', 16, 2).allocate('etc/acpi/tables', 64, 1)
    .addChecksum('etc/acpi/tables', 9, 0, 64)
    .addPointer('etc/acpi/tables', 'etc/acpi/tables', 100, 4)
    .addChecksum('etc/acpi/tables', 64 + 9, 64, 40)
    .addPointer('etc/acpi/rsdp', 'etc/acpi/tables', 16, 4)
    .addChecksum('etc/acpi/rsdp', 8, 0, 20);
}
