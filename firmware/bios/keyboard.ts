/**
 * The keyboard: IRQ 1 (int 09h) takes the i8042's byte and queues (scan code, ASCII) in the BDA's
 * ring buffer; int 16h reads the ring, polling the controller too when interrupts are off.
 * Scan code set 1 as the i8042 translates it by default.
 */
import type { CpuWire } from '../../src/spec/cpu-wire.js';
import { BDA, BDA_BASE } from '../../src/spec/bios-data-area.js';
import type { BiosFrame } from './frame.js';

const PORT_KBD_DATA = 0x60;
const PORT_KBD_STATUS = 0x64;
const STATUS_OUTPUT_FULL = 0x01;
const STATUS_AUX = 0x20;
const SHIFT_FLAGS = 0x03;

const plain = '\x00\x1b1234567890-=\x08\tqwertyuiop[]\r\x00asdfghjkl;\'`\x00\\zxcvbnm,./\x00*\x00 ';
const shifted = '\x00\x1b!@#$%^&*()_+\x08\tQWERTYUIOP{}\r\x00ASDFGHJKL:"~\x00|ZXCVBNM<>?\x00*\x00 ';

/** The BIOS keystroke word (scan code << 8 | ASCII) of a set-1 make code, or undefined for releases/modifiers. */
export function keystroke(wire: CpuWire, scan: number): number | undefined {
  const flags = BDA_BASE + BDA.kbdFlags0;
  const set = (mask: number, on: boolean): void => wire.write8(flags, on ? wire.read8(flags) | mask : wire.read8(flags) & ~mask);
  switch (scan) {
    case 0x2a: set(0x02, true); return undefined; // left shift
    case 0x36: set(0x01, true); return undefined;
    case 0xaa: set(0x02, false); return undefined;
    case 0xb6: set(0x01, false); return undefined;
    default:
  }
  if (scan & 0x80) return undefined;
  const table = wire.read8(flags) & SHIFT_FLAGS ? shifted : plain;
  const ascii = scan < table.length ? table.charCodeAt(scan) : 0;
  return (scan << 8) | ascii;
}

function enqueue(wire: CpuWire, key: number): void {
  const start = wire.read16(BDA_BASE + BDA.kbdBufferStart);
  const end = wire.read16(BDA_BASE + BDA.kbdBufferEnd);
  const tail = wire.read16(BDA_BASE + BDA.kbdTail);
  let next = tail + 2;
  if (next >= end) next = start;
  if (next === wire.read16(BDA_BASE + BDA.kbdHead)) return; // full: SeaBIOS drops it too
  wire.write16(BDA_BASE + tail, key);
  wire.write16(BDA_BASE + BDA.kbdTail, next);
}

/** Take one byte from the controller if it has one for the keyboard. */
function pollController(wire: CpuWire): void {
  const status = wire.in8(PORT_KBD_STATUS);
  if (status === 0xff || !(status & STATUS_OUTPUT_FULL) || status & STATUS_AUX) return;
  const key = keystroke(wire, wire.in8(PORT_KBD_DATA));
  if (key !== undefined) enqueue(wire, key);
}

/** int 09h (IRQ 1). */
export function irqKeyboard(wire: CpuWire): void {
  pollController(wire);
}

function peek(wire: CpuWire): number | undefined {
  const head = wire.read16(BDA_BASE + BDA.kbdHead);
  return head === wire.read16(BDA_BASE + BDA.kbdTail) ? undefined : wire.read16(BDA_BASE + head);
}

function dequeue(wire: CpuWire): void {
  let head = wire.read16(BDA_BASE + BDA.kbdHead) + 2;
  if (head >= wire.read16(BDA_BASE + BDA.kbdBufferEnd)) head = wire.read16(BDA_BASE + BDA.kbdBufferStart);
  wire.write16(BDA_BASE + BDA.kbdHead, head);
}

/** `retry` makes the caller execute its INT 16h again (a read with nothing queued waits). */
export function int16(wire: CpuWire, f: BiosFrame, retry: () => void): void {
  const ah = f.hi('eax');
  if (peek(wire) === undefined) pollController(wire);
  const key = peek(wire);
  switch (ah) {
    case 0x00:
    case 0x10:
      if (key === undefined) {
        retry();
        return;
      }
      dequeue(wire);
      f.set16('eax', key);
      return;
    case 0x01:
    case 0x11:
      f.setZero(key === undefined);
      if (key !== undefined) f.set16('eax', key);
      return;
    case 0x02:
    case 0x12:
      f.setLo('eax', wire.read8(BDA_BASE + BDA.kbdFlags0));
      return;
    case 0x05: // store keystroke CX
      enqueue(wire, f.get16('ecx'));
      f.setLo('eax', 0);
      return;
    default:
  }
}
