/**
 * The BIOS call dispatcher: the firmware program's answer to a trap (src/spec/bios-call.ts).
 * It reads where the caller's frame is from the trap port, serves the vector on the frame and
 * returns; the ROM stub then hands the frame's registers back to the caller.
 */
import type { CpuWire } from '../../src/spec/cpu-wire.js';
import { BIOS_FRAME, BIOS_TIMER_VECTOR, BIOS_TRAP_OFFSET, BIOS_TRAP_PORT, BIOS_TRAP_SEGMENT, BIOS_TRAP_VECTOR, FLAGS_IF } from '../../src/spec/bios-call.js';
import { BDA, BDA_BASE, TICKS_PER_DAY } from '../../src/spec/bios-data-area.js';
import { BiosFrame } from './frame.js';
import { int10 } from './int10.js';
import { int13 } from './int13.js';
import { floppyTick } from './floppy.js';
import { int15 } from './int15.js';
import { int16, irqKeyboard } from './keyboard.js';
import { int1a } from './int1a.js';
import { HALT_LOOP_ADDR } from './layout.js';

const PORT_PIC1 = 0x20;
const PORT_PIC2 = 0xa0;
const PIC_EOI = 0x20;
const DEBUG_PORT = 0x402;
/** The length of `INT n` (CD nn): a service that must wait returns to the INT instruction itself. */
const INT_LENGTH = 2;

function say(wire: CpuWire, text: string): void {
  for (const c of text + '\n') wire.out8(DEBUG_PORT, c.charCodeAt(0));
}

/** Send the caller to the ROM's `cli; hlt` loop (no boot device: the machine stops there). */
function haltCaller(wire: CpuWire, f: BiosFrame): void {
  wire.write16(f.address + BIOS_FRAME.cs, 0xf000);
  wire.write16(f.address + BIOS_FRAME.ip, HALT_LOOP_ADDR - 0xf0000);
}

function timerTick(wire: CpuWire): void {
  const at = BDA_BASE + BDA.timerTicks;
  let t = (wire.read32(at) >>> 0) + 1;
  if (t >= TICKS_PER_DAY) {
    t = 0;
    wire.write8(BDA_BASE + BDA.timerRollover, 1);
  }
  wire.write32(at, t);
}

export function serveBiosCall(wire: CpuWire): void {
  const seg = wire.in16(BIOS_TRAP_PORT + BIOS_TRAP_SEGMENT);
  const off = wire.in16(BIOS_TRAP_PORT + BIOS_TRAP_OFFSET);
  const vector = wire.in8(BIOS_TRAP_PORT + BIOS_TRAP_VECTOR);
  const f = new BiosFrame(wire, seg * 16 + off);
  const retry = (): void => {
    wire.write16(f.address + BIOS_FRAME.ip, (wire.read16(f.address + BIOS_FRAME.ip) - INT_LENGTH) & 0xffff);
    f.setFlag(FLAGS_IF, true);
  };
  if ((vector >= 0x08 && vector <= 0x0f) || (vector >= 0x70 && vector <= 0x77)) {
    // The timer's stub calls INT 1Ch and sends its own EOI after this returns.
    if (vector === BIOS_TIMER_VECTOR) {
      floppyTick(wire);
      return timerTick(wire);
    }
    if (vector === 0x09) irqKeyboard(wire);
    if (vector >= 0x70) wire.out8(PORT_PIC2, PIC_EOI);
    wire.out8(PORT_PIC1, PIC_EOI);
    return;
  }
  switch (vector) {
    case 0x10: return int10(wire, f);
    case 0x11: f.set16('eax', wire.read16(BDA_BASE + BDA.equipment)); return;
    case 0x12: f.set16('eax', wire.read16(BDA_BASE + BDA.memSizeKb)); return;
    case 0x13: return int13(wire, f);
    case 0x15: return int15(wire, f);
    case 0x16: return int16(wire, f, retry);
    case 0x1a: return int1a(wire, f);
    case 0x18:
      say(wire, 'No bootable device.');
      haltCaller(wire, f);
      return;
    case 0x19:
      say(wire, 'Booting from int 19h: no boot device');
      haltCaller(wire, f);
      return;
    default:
  }
}
