/**
 * PCI interrupts end to end. guest-images/pci-irq-probe.img finds QEMU's edu device through config
 * space, reads the interrupt line the firmware assigned and the PIRQ registers, takes INTx on that
 * line through the 8259 (raises, Interrupt Disable, the factorial's and DMA's completion interrupts)
 * and MSI through the local APIC. Its COM1 must equal what it printed under QEMU 7.2 + SeaBIOS 1.16.2
 * (test/fixtures/guest-images/pci-irq-probe-*, made by scripts/capture-guest-images.mjs) on pc and
 * q35, with edu on bus 0, behind a pci-bridge (the swizzle), behind a pxb (pc) and behind a PCIe root
 * port (q35), under fwlab's TypeScript firmware and under
 * Debian's SeaBIOS on fwlab's x86 core.
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createMachine } from '../../src/machine/create-machine.js';
import { runRawFirmware } from '../../src/machine/raw-firmware.js';
import { bootMachine } from '../../src/inspect.js';
import { repoRoot } from '../helpers/paths.js';
import { testWith } from '../helpers/reference.js';
import { capture, fwlabArgsOf } from '../helpers/guest-captures.js';

const SEABIOS = '/usr/share/seabios/bios-256k.bin';
const RUNS = ['pci-irq-probe-pc', 'pci-irq-probe-q35', 'pci-irq-probe-bridge-pc', 'pci-irq-probe-bridge-q35', 'pci-irq-probe-pxb-pc', 'pci-irq-probe-rootport-q35'];

for (const run of RUNS) {
  test(`${run}: fwlab's firmware boots it; COM1 is byte for byte QEMU + SeaBIOS's`, async (t) => {
    const m = createMachine(fwlabArgsOf(run));
    const { report } = await bootMachine(m);
    t.is(report.firmware?.exit.kind, 'x86');
    t.is(m.serialPorts[0]!.output, capture(run, 'serial.log'));
  });

  testWith(['seabios'])(`${run}: Debian's SeaBIOS on fwlab boots the same image; COM1 is QEMU's`, (t) => {
    const m = createMachine(fwlabArgsOf(run));
    const r = runRawFirmware(m, SEABIOS, new Uint8Array(readFileSync(SEABIOS)), { budgetNs: 10e9, noReboot: true });
    t.regex(r.exit.kind === 'halt' ? r.exit.reason : '', /^hlt with interrupts disabled at 0000:7/);
    t.is(m.serialPorts[0]!.output, capture(run, 'serial.log'));
  });
}

test('the captures saw every interrupt the probe asks for', (t) => {
  for (const run of RUNS) {
    const log = capture(run, 'serial.log');
    t.regex(log, /msi fact 12 count=000A status=00000001\r\n/, run);
    t.regex(log, /pci-irq-probe: done/, run);
  }
});

testWith(['qemu'])('pci-irq-probe-bridge-q35: the capture is what the installed QEMU + SeaBIOS print today', (t) => {
  const args = capture('pci-irq-probe-bridge-q35', 'cmdline.txt').trim().split(/\s+/).slice(1);
  const r = spawnSync('qemu-system-x86_64', args, { cwd: repoRoot(), encoding: 'latin1', timeout: 5000, killSignal: 'SIGTERM' });
  t.is(r.stdout, capture('pci-irq-probe-bridge-q35', 'serial.log'));
});
