import { UD_VEC } from './constants.js';
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

/** Prefix bytes: segment overrides, operand/address size, LOCK, REP/REPNE. */
export const PREFIX = new Uint8Array(256);
for (const p of [0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65, 0x66, 0x67, 0xf0, 0xf2, 0xf3]) PREFIX[p] = 1;
