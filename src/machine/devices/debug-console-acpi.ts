import { arg, derefOf, field, increment, index, lless, local, method, opRegion, scope, sizeOf, store, subtract, toBuffer, toHexString, whileDo } from '../acpi/aml/index.js';
import type { Aml } from '../acpi/aml/index.js';
import { PORT_DEBUGCON } from '../boards/layout.js';

/** \DBG: the debug console port and DBUG, which prints its argument there (QEMU's DSDT prologue). */
export function debugConsoleAml(): Aml {
  return scope('\\',
    opRegion('DBG', 'SystemIO', PORT_DEBUGCON, 1),
    field('DBG', { access: 'ByteAcc' }, { name: 'DBGB', bits: 8 }),
    method('DBUG', 1, {},
      toHexString(arg(0), local(0)),
      toBuffer(local(0), local(0)),
      subtract(sizeOf(local(0)), 1, local(1)),
      store(0, local(2)),
      whileDo(lless(local(2), local(1)),
        store(derefOf(index(local(0), local(2))), 'DBGB'),
        increment(local(2))),
      store(0x0a, 'DBGB')));
}
