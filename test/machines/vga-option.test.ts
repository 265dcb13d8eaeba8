/**
 * `-vga TYPE` as QEMU 7.2's select_vgahw: std by default, none with -nodefaults unless -vga is given,
 * none to drop it, another type in its place, the last -vga winning, a display -device suppressing the
 * default; `-net none` / `-nic none` drop the default NIC. The PCI functions (slot, ids, class) of each command line equal what real QEMU's
 * query-pci lists (run live when QEMU is installed).
 */
import test from 'ava';
import { createMachine } from '../../src/machine/create-machine.js';
import { UsageError } from '../../src/lib/errors.js';
import { runQemuQmp } from '../helpers/qemu-qmp.js';
import { testWith } from '../helpers/reference.js';

const LINES: readonly (readonly string[])[] = [
  ['-machine', 'pc'],
  ['-machine', 'pc', '-vga', 'none'],
  ['-machine', 'pc', '-nodefaults', '-vga', 'std'],
  ['-machine', 'q35', '-vga', 'cirrus'],
  ['-machine', 'pc', '-vga', 'qxl', '-vga', 'std'],
  ['-machine', 'q35', '-nodefaults', '-vga', 'virtio'],
  ['-machine', 'pc', '-device', 'cirrus-vga'],
  ['-machine', 'pc', '-vga', 'std', '-device', 'VGA'],
  ['-machine', 'pc', '-net', 'none'],
  ['-machine', 'q35', '-nic', 'none', '-vga', 'none'],
];

interface Fn { bus: number; slot: number; function: number; vendor: number; device: number; class: number }

function functionsOf(queryPci: unknown): string[] {
  const out: string[] = [];
  for (const bus of queryPci as { devices: ({ bus: number; slot: number; function: number; id: { vendor: number; device: number }; class_info: { class: number } })[] }[]) {
    for (const d of bus.devices) {
      const f: Fn = { bus: d.bus, slot: d.slot, function: d.function, vendor: d.id.vendor, device: d.id.device, class: d.class_info.class };
      out.push(`${f.bus}:${f.slot}.${f.function} ${f.vendor.toString(16)}:${f.device.toString(16)} class ${f.class.toString(16)}`);
    }
  }
  return out;
}

for (const args of LINES) {
  testWith(['qemu'])(`${args.join(' ')}: the PCI functions equal QEMU's`, async (t) => {
    const transcript = await runQemuQmp(args, [{ execute: 'qmp_capabilities' }, { execute: 'query-pci' }]);
    const reply = transcript.filter((l) => 'recv' in l).map((l) => (l as { recv: Record<string, unknown> }).recv).find((r) => Array.isArray(r.return));
    t.truthy(reply, JSON.stringify(transcript));
    t.deepEqual(functionsOf(createMachine(args).pci.queryPci()), functionsOf(reply!.return));
  });
}

test('-vga: an unknown type and a type fwlab lacks are one-line errors', (t) => {
  t.throws(() => createMachine(['-vga', 'foo']), { instanceOf: UsageError, message: '-vga foo: unknown vga type: foo' });
  t.throws(() => createMachine(['-vga', 'vmware']), { instanceOf: UsageError, message: /^-vga vmware: fwlab has no vmware-svga \(it has none, std, cirrus, qxl, virtio\)$/ });
});
