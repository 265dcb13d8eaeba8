import { CS, UD_VEC } from './constants.js';
import type { Op } from './ops-common.js';
import { installAlu } from './ops-alu.js';
import { installBits } from './ops-bits.js';
import { installControl } from './ops-control.js';
import { installMove } from './ops-move.js';
import { installString } from './ops-string.js';
import { installSystem } from './ops-system.js';

/** Opcode → handler: 0x000-0x0FF one-byte opcodes, 0x100-0x1FF the 0F xx map. Undefined entries raise #UD. */
export const OPS: Op[] = new Array<Op>(512).fill((c) => c.fault(UD_VEC));
installAlu(OPS);
installMove(OPS);
installControl(OPS);
installString(OPS);
installBits(OPS);
installSystem(OPS);

/**
 * The 8086's decoding where it differs: 60-6F repeat 70-7F, C0/C1/C8/C9 repeat C2/C3/CA/CB,
 * 0F is POP CS, F1 is a second LOCK (handled by the prefix loop through PREFIX_8086).
 */
export const OPS_8086: Op[] = OPS.slice();
for (let i = 0; i < 16; i++) OPS_8086[0x60 + i] = OPS[0x70 + i]!;
OPS_8086[0xc0] = OPS[0xc2]!;
OPS_8086[0xc1] = OPS[0xc3]!;
OPS_8086[0xc8] = OPS[0xca]!;
OPS_8086[0xc9] = OPS[0xcb]!;
OPS_8086[0x0f] = (c) => { c.loadReal(CS, c.pop16()); };

/** Prefix bytes: segment overrides, operand/address size, LOCK, REP/REPNE. */
export const PREFIX = new Uint8Array(256);
for (const p of [0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65, 0x66, 0x67, 0xf0, 0xf2, 0xf3]) PREFIX[p] = 1;
/** The 8086's prefixes: no FS/GS or size overrides (64-67 are Jcc there), F1 is LOCK too. */
export const PREFIX_8086 = new Uint8Array(256);
for (const p of [0x26, 0x2e, 0x36, 0x3e, 0xf0, 0xf1, 0xf2, 0xf3]) PREFIX_8086[p] = 1;
