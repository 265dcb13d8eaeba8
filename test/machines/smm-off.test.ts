import test from 'ava';
import { bootMachine, createMachine } from '../../src/machine/create-machine.js';

// QEMU 7.2 without SMM: the FADT has no SMI_CMD (captures q35-smm-off / pc-smm-off) and PM1_CNT.SCI_EN
// is set from reset (the captures' PM1_CNT = 1), so an OSPM finds the machine in ACPI mode.
for (const board of ['pc', 'q35']) {
  test(`-machine ${board},smm=off: the OSPM guest finds ACPI mode on without the APM handshake, and takes GPEs`, async (t) => {
    const m = createMachine(['-machine', `${board},smm=off`, '-m', '512M', '-nodefaults', '-smp', '1,maxcpus=2']);
    await bootMachine(m, {});
    t.true(m.debugConsole.lines.some((l) => l.startsWith('ospm: acpi-mode enabled')));
    const before = m.debugConsole.lines.length;
    m.cpus.plug(1, 'c1');
    m.consoleLines();
    t.true(m.debugConsole.lines.slice(before).includes('ospm: cpu-online \\_SB_.CPUS.C001 uid=1 apic=1 sta=0xf'));
  });
}
