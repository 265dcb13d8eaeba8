/**
 * A PS/2 keyboard behind the i8042: answers the host's commands (reset, identify, LEDs,
 * scan-code set, enable) and sends scripted keystrokes. Scan codes are set 2; with the
 * controller's translation on (command byte bit 6) the controller sees set 1, as on a PC.
 */
import type { JsonValue } from '../snapshot/part-state.js';
import { loadFields, saveFields } from '../snapshot/part-state.js';
const ACK = 0xfa;
const SELF_TEST_PASSED = 0xaa;
const RESEND = 0xfe;
const BREAK_PREFIX_SET2 = 0xf0;

/** Set 1 make codes of the printable keys on a US layout (shifted characters use left shift 0x2A). */
const SET1: Readonly<Record<string, number>> = (() => {
  const rows: Array<[string, number]> = [
    ['1234567890-=', 0x02], ['qwertyuiop[]', 0x10], ['asdfghjkl;\'`', 0x1e], ['\\zxcvbnm,./', 0x2b],
  ];
  const map: Record<string, number> = { '\n': 0x1c, ' ': 0x39, '\b': 0x0e, '\t': 0x0f, '\x1b': 0x01 };
  for (const [chars, first] of rows) [...chars].forEach((c, i) => { map[c] = first + i; });
  return map;
})();
const SHIFTED = '!@#$%^&*()_+QWERTYUIOP{}ASDFGHJKL:"~|ZXCVBNM<>?';
const UNSHIFTED = '1234567890-=qwertyuiop[]asdfghjkl;\'`\\zxcvbnm,./';
const LEFT_SHIFT = 0x2a;

/** Set 1 → set 2 for the keys above (the inverse of the 8042's translation table). */
const SET1_TO_SET2: Readonly<Record<number, number>> = {
  0x01: 0x76, 0x02: 0x16, 0x03: 0x1e, 0x04: 0x26, 0x05: 0x25, 0x06: 0x2e, 0x07: 0x36, 0x08: 0x3d, 0x09: 0x3e,
  0x0a: 0x46, 0x0b: 0x45, 0x0c: 0x4e, 0x0d: 0x55, 0x0e: 0x66, 0x0f: 0x0d, 0x10: 0x15, 0x11: 0x1d, 0x12: 0x24,
  0x13: 0x2d, 0x14: 0x2c, 0x15: 0x35, 0x16: 0x3c, 0x17: 0x43, 0x18: 0x44, 0x19: 0x4d, 0x1a: 0x54, 0x1b: 0x5b,
  0x1c: 0x5a, 0x1e: 0x1c, 0x1f: 0x1b, 0x20: 0x23, 0x21: 0x2b, 0x22: 0x34, 0x23: 0x33, 0x24: 0x3b, 0x25: 0x42,
  0x26: 0x4b, 0x27: 0x4c, 0x28: 0x52, 0x29: 0x0e, 0x2a: 0x12, 0x2b: 0x5d, 0x2c: 0x1a, 0x2d: 0x22, 0x2e: 0x21,
  0x2f: 0x2a, 0x30: 0x32, 0x31: 0x31, 0x32: 0x3a, 0x33: 0x41, 0x34: 0x49, 0x35: 0x4a, 0x39: 0x29,
};

/** Set 1 make/break codes for typing `text` (an unknown character is a one-line error to the caller). */
export function set1Keystrokes(text: string): number[] {
  const out: number[] = [];
  for (const c of text) {
    const shiftAt = SHIFTED.indexOf(c);
    const key = shiftAt >= 0 ? UNSHIFTED[shiftAt]! : c;
    const code = SET1[key];
    if (code === undefined) throw new RangeError(`no key for character ${JSON.stringify(c)}`);
    if (shiftAt >= 0) out.push(LEFT_SHIFT);
    out.push(code, code | 0x80);
    if (shiftAt >= 0) out.push(LEFT_SHIFT | 0x80);
  }
  return out;
}

export class Ps2Keyboard {
  /** The controller translates set 2 to set 1 (i8042 command byte bit 6). */
  translate = false;
  private enabled = true;
  private pendingCommand = 0;
  private readonly replies: number[] = [];
  private readonly keys: number[] = [];

  /** `notify` tells the controller that a byte is ready. */
  constructor(private readonly notify: () => void) {}

  /** Scripted typing: the make/break codes of `text` (set 1 as the OS sees them after translation). */
  type(text: string): void {
    this.press(set1Keystrokes(text));
  }

  /** Raw set 1 codes (make | 0x80 = break), converted to what the keyboard sends. */
  press(set1Codes: readonly number[]): void {
    for (const c of set1Codes) {
      if (this.translate) { this.keys.push(c); continue; }
      const s2 = SET1_TO_SET2[c & 0x7f];
      if (s2 === undefined) continue;
      if (c & 0x80) this.keys.push(BREAK_PREFIX_SET2);
      this.keys.push(s2);
    }
    this.notify();
  }

  /** The next byte for the controller: command replies first, keystrokes while enabled. */
  take(): number | undefined {
    if (this.replies.length > 0) return this.replies.shift();
    return this.enabled ? this.keys.shift() : undefined;
  }

  /** A byte from the host (port 0x60 with no controller command pending). */
  write(v: number): void {
    const cmd = this.pendingCommand;
    this.pendingCommand = 0;
    if (cmd === 0xed || cmd === 0xf3) { this.replies.push(ACK); return; }
    if (cmd === 0xf0) {
      this.replies.push(ACK);
      if (v === 0) this.replies.push(this.translate ? 0x41 : 0x02);
      return;
    }
    switch (v) {
      case 0xff: this.reset(); this.replies.push(ACK, SELF_TEST_PASSED); break;
      case 0xf2: this.replies.push(ACK, 0xab, this.translate ? 0x41 : 0x83); break;
      case 0xf4: this.enabled = true; this.replies.push(ACK); break;
      case 0xf5: this.enabled = false; this.keys.length = 0; this.replies.push(ACK); break;
      case 0xf6: this.replies.push(ACK); break;
      case 0xee: this.replies.push(0xee); break;
      case 0xed: case 0xf3: case 0xf0: this.pendingCommand = v; this.replies.push(ACK); break;
      default: this.replies.push(RESEND); break;
    }
  }

  reset(): void {
    this.enabled = true;
    this.pendingCommand = 0;
    this.replies.length = 0;
  }

  saveState(): Record<string, JsonValue> {
    return saveFields(this, KEYBOARD_FIELDS);
  }

  loadState(o: Record<string, JsonValue>): void {
    loadFields(this, o, KEYBOARD_FIELDS);
  }
}

const KEYBOARD_FIELDS = ['translate', 'enabled', 'pendingCommand', 'replies', 'keys'];
