import test from 'ava';
import { readFileSync } from 'node:fs';
import { fixturePath } from '../helpers/paths.js';
import { compareViews, fwlabView } from '../helpers/machine-compare.js';
import type { MachineView } from '../helpers/machine-compare.js';

/**
 * Issue 14 item 6: command lines as users paste them — QEMU's defaults (the chipset's legacy-decode
 * bytes for the default serial and parallel ports), -serial twice, -nic / -net nic / -netdev (which
 * drop the default NIC), -usb and USB devices, -device aliases. Each fixture is real QEMU 7.2 +
 * SeaBIOS's view (scripts/capture-cmdlines.mjs): bus-0 config spaces, query-pci after POST, fw_cfg;
 * a line QEMU refuses must be refused by fwlab with QEMU's message.
 */
const lines = JSON.parse(readFileSync(fixturePath('qemu-7.2', 'cmdlines', 'cmdlines.json'), 'utf8')) as Record<string, string[]>;

for (const [name, args] of Object.entries(lines)) {
  const want = JSON.parse(readFileSync(fixturePath('qemu-7.2', 'cmdlines', `${name}.json`), 'utf8')) as MachineView & { qemuMessage?: string };
  test(`${name} (${args.join(' ')}) equals QEMU 7.2 + SeaBIOS`, async (t) => {
    t.deepEqual(want.args, args, 'the fixture is this line\'s');
    const ours = await fwlabView(args, (want.config ?? []).map((c) => c.bdf));
    t.deepEqual(compareViews(want, ours), []);
    if (want.qemuMessage) t.true(ours.error?.includes(want.qemuMessage), `fwlab: ${ours.error}; QEMU: ${want.qemuMessage}`);
  });
}
