import test from 'ava';
import { boot } from '../../src/machine/create-machine.js';

const GUID = '324e6eaf-d1d1-4bf6-bf41-b9bb6c91fb87';

test('default machine (q35) + vmgenid: the OSPM guest reports the configured GUID, read through ADDR', async (t) => {
  const { machine, report } = await boot(['-device', `vmgenid,guid=${GUID}`]);
  t.truthy(report.guest, 'the guest image ran');
  t.deepEqual(report.guest!.exit, { kind: 'idle' });
  const lines = report.guest!.console;
  t.true(lines.includes('ospm: acpi-mode enabled sci=9'), lines.join('\n'));
  const vg = lines.find((l) => l.startsWith('ospm: vmgenid '));
  t.truthy(vg, lines.join('\n'));
  t.regex(vg!, new RegExp(`^ospm: vmgenid ${GUID} addr=0x[0-9a-f]+ \\\\_SB_\\.VGEN$`));
  t.true(lines.some((l) => l.startsWith('ospm: device \\_SB_.VGEN hid=QEMUVGID cid=VM_Gen_Counter')));

  // A new generation ID from the host: GPE0 bit 5 → SCI → \_GPE._E05 → Notify(VGEN, 0x80) → re-read.
  const NEW = '01234567-89ab-4def-8123-456789abcdef';
  machine.vmgenid!.setGuid(NEW);
  const after = machine.debugConsole.lines;
  t.true(after.includes(`ospm: vmgenid-changed ${NEW} previous=${GUID}`), after.slice(-5).join('\n'));
});
