/**
 * -kernel/-initrd/-append: fwlab's fw_cfg kernel items (keys 0x07-0x18) against real QEMU 7.2's,
 * byte for byte. The captures in test/fixtures/kernel-fwcfg/ come from `fwlab capture` on the same
 * command lines (capture.sh there); the inputs are synthetic bzImage headers, an a.out-kludge
 * multiboot image and the repo's multiboot probe ELF.
 */
import test from 'ava';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createMachine } from '../../src/machine/create-machine.js';
import { addKernelItems } from '../../src/machine/fw-cfg/kernel-items.js';
import { fwCfgDmaOf } from '../../src/machine/fw-cfg/x86-items.js';
import { readKey } from './port-client.js';
import { UsageError } from '../../src/lib/errors.js';

const DIR = 'test/fixtures/kernel-fwcfg';
const configs = JSON.parse(readFileSync(join(DIR, 'configs.json'), 'utf8')) as Record<string, string[]>;

/**
 * Multiboot: QEMU grows its buffer with g_realloc and never clears the tail between the
 * kernel image's end and the page-aligned info area, so those bytes are heap leftovers that
 * change from run to run (KERNEL_DATA offsets [from, to)); fwlab leaves zeros there.
 */
const QEMU_UNINITIALIZED: Record<string, readonly [number, number]> = {
  'mb-elf-modules': [0x140c, 0x2000], 'mb-elf-nodma': [0x140c, 0x2000], 'mb-aout': [0x1800, 0x2000],
};
const KERNEL_DATA = 0x11;

for (const [name, args] of Object.entries(configs)) {
  test(`${name}: kernel items equal QEMU 7.2's (${args.slice(2).join(' ')})`, (t) => {
    const m = createMachine(args);
    const dir = join(DIR, name);
    const captured = readdirSync(dir).filter((f) => /^0x[0-9a-f]{2}\.bin$/.test(f));
    t.is(captured.length, 13);
    for (const f of captured) {
      const key = parseInt(f, 16);
      const want = new Uint8Array(readFileSync(join(dir, f)));
      const gap = QEMU_UNINITIALIZED[name];
      if (key === KERNEL_DATA && gap) want.fill(0, gap[0], gap[1]);
      // QEMU reads an absent item as zeros; fwlab's port reads do the same.
      t.is(firstDifference(readKey(m, key, want.length), want), undefined, `key ${f}`);
    }
    const rom = readFileSync(join(dir, 'files.txt'), 'utf8').split('\n').find((l) => /^genroms__(linuxboot|multiboot)/.test(l));
    const again = addKernelItems(m.fwCfg, m.config.kernel!, m.ramLayout.below4g, fwCfgDmaOf(m.config));
    t.is(rom, `genroms__${again.optionRom}`);
  });
}

test('a missing kernel or initrd file is a one-line usage error', (t) => {
  const e = t.throws(() => createMachine(['-kernel', `${DIR}/no-such-kernel`]), { instanceOf: UsageError });
  t.is(e?.message, `-kernel ${DIR}/no-such-kernel: cannot read ${DIR}/no-such-kernel`);
  t.throws(() => createMachine(['-kernel', `${DIR}/bz-20f.bin`, '-initrd', `${DIR}/nope`]), { instanceOf: UsageError, message: /cannot read/ });
  t.throws(() => createMachine(['-append', 'x']), { instanceOf: UsageError, message: '-append only allowed with -kernel option' });
});

test('a setup header longer than the file is rejected as QEMU does ("invalid kernel header")', (t) => {
  t.throws(() => createMachine(['-kernel', `${DIR}/initrd.bin`]), { instanceOf: UsageError, message: /invalid kernel header/ });
});

/** Where two byte strings first differ ("at 0x12: 00 vs 01"), undefined when equal. */
function firstDifference(got: Uint8Array, want: Uint8Array): string | undefined {
  for (let i = 0; i < want.length; i++) {
    if (got[i] !== want[i]) return `at 0x${i.toString(16)}: ${got[i]?.toString(16)} vs QEMU ${want[i]!.toString(16)}`;
  }
  return undefined;
}
