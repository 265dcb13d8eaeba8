/**
 * LPT1 beyond what a qtest recording can show (test/fixtures/qtest/parallel-pc.trace covers the
 * registers): a byte reaches the `-parallel` backend when the guest strobes it, as QEMU 7.2's
 * isa-parallel hands its data latch to the chardev on STROBE's rising edge with SELECT and INIT set
 * (hw/char/parallel.c); `-parallel none` removes the port and its DSDT device, as in QEMU.
 */
import test from 'ava';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMachine } from '../../src/machine/create-machine.js';

const LPT1 = 0x378;

test('-parallel file:PATH: bytes strobed out of LPT1 land in the file, once per strobe', (t) => {
  const path = join(mkdtempSync(join(tmpdir(), 'fwlab-lpt-')), 'lpt.out');
  const m = createMachine(['-machine', 'pc', '-nodefaults', '-parallel', `file:${path}`]);
  m.reset();
  for (const ch of 'OK\n') {
    m.ports.write(LPT1, 1, ch.charCodeAt(0));
    m.ports.write(LPT1 + 2, 1, 0x0d); // SELECT | INIT | STROBE
    m.ports.write(LPT1 + 2, 1, 0x0d); // still high: no second byte
    m.ports.write(LPT1 + 2, 1, 0x0c);
  }
  t.is(readFileSync(path, 'latin1'), 'OK\n');
});

test('-parallel none: no LPT1 at 0x378 (reads all-ones; the DSDT without LPT1 is the machine capture pc-parallel-none); the default machine has one', (t) => {
  const none = createMachine(['-machine', 'pc', '-parallel', 'none']);
  none.reset();
  none.ports.write(LPT1, 1, 0xaa);
  t.is(none.ports.read(LPT1, 1), 0xff);
  const dflt = createMachine(['-machine', 'pc']);
  dflt.reset();
  dflt.ports.write(LPT1, 1, 0xaa);
  t.is(dflt.ports.read(LPT1, 1), 0xaa);
});

test('-parallel: a second port and an unknown backend are one-line usage errors', (t) => {
  t.throws(() => createMachine(['-parallel', 'null', '-parallel', 'null']), { message: /one parallel port/ });
  t.throws(() => createMachine(['-parallel', 'tcp:1']), { message: /unknown parallel backend/ });
});
