import type { PhysicalMemory } from '../bus/physical-memory.js';
import { RomWindow } from '../bus/memory-target.js';
import { BIOS_ROM_END } from '../boards/layout.js';
import { KiB } from '../../lib/size.js';

/** The firmware ROM flash just below 4 GiB (`-bios`); its last 128 KiB shows through at 0xE0000 via PAM. */
export class FirmwareRom {
  #data: Uint8Array | undefined;
  #name = '';
  #image: Uint8Array | undefined;

  constructor(private readonly memory: PhysicalMemory) {}

  /** The mapped image (power-of-two sized), for the PAM's isa-bios alias. */
  get data(): Uint8Array | undefined {
    return this.#data;
  }

  install(name: string, image: Uint8Array): void {
    // Booting a machine again with the ROM it has is fine; a different ROM is not (one flash chip).
    if (this.#data && this.#name === name && sameBytes(this.#image, image)) return;
    if (this.#data) throw new Error(`a ROM (${this.#name}) is already installed`);
    this.#image = image;
    // At least 128 KiB, so the isa-bios alias at 0xE0000 is all ROM (QEMU caps it at 128 KiB).
    let size = 128 * KiB;
    while (size < image.length) size *= 2;
    const data = new Uint8Array(size).fill(0xff);
    data.set(image, size - image.length);
    this.#data = data;
    this.#name = name;
    this.memory.map(`bios ${name}`, BIOS_ROM_END - size, new RomWindow(data));
  }

  get info(): { name: string; base: number; size: number } | undefined {
    return this.#data ? { name: this.#name, base: BIOS_ROM_END - this.#data.length, size: this.#data.length } : undefined;
  }
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array): boolean {
  if (a === b) return true;
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
