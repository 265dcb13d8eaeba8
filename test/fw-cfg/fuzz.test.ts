import test from 'ava';
import { prng } from '../helpers/prng.js';
import { createHash } from 'node:crypto';
import { createMachine } from '../../src/machine/create-machine.js';


test('20000 random port and DMA accesses never throw and never change a read-only item', (t) => {
  const m = createMachine(['-machine', 'q35', '-m', '64M', '-nodefaults', '-device', 'vmgenid']);
  const fw = m.fwCfg;
  const readOnly = () => fw.files().filter((f) => !f.writable).map((f) => [f.name, createHash('sha256').update(fw.file(f.name)!).digest('hex')]);
  // Select every ACPI carrier once so later selects no longer rebuild (the snapshot stays valid).
  for (const f of fw.files()) fw.readItem(f.select);
  const before = readOnly();
  const rnd = prng(4);
  const int = (n: number) => Math.floor(rnd() * n);
  const sizes = [1, 2, 4] as const;
  for (let i = 0; i < 20000; i++) {
    const op = int(6);
    const size = sizes[int(3)]!;
    if (op === 0) m.ports.write(0x510 + int(12), size, int(2 ** 16));
    else if (op === 1) m.ports.read(0x510 + int(12), size);
    else {
      // A random descriptor somewhere in (or just past) RAM, then a trigger.
      const desc = int(2) ? int(64 * 2 ** 20) : 64 * 2 ** 20 - int(32);
      const d = new Uint8Array(16);
      const dv = new DataView(d.buffer);
      dv.setUint32(0, ((0x20 + int(24)) << 16 | int(32)) >>> 0);
      dv.setUint32(4, int(9000));
      dv.setUint32(12, int(2) ? int(64 * 2 ** 20) : int(2 ** 32));
      m.memory.writeBytes(desc, d);
      const swapped = ((desc & 0xff) << 24 | (desc & 0xff00) << 8 | (desc >>> 8) & 0xff00 | desc >>> 24) >>> 0;
      m.ports.write(0x518, 4, swapped);
    }
  }
  t.deepEqual(readOnly(), before);
});
