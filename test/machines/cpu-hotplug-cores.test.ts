/**
 * A core and a local APIC per plugged CPU (decision 0062), at the machine level: device_add makes
 * the CPU present in the hot-plug block; at the next round of turns (`X86Cpus.sync`) the x86 CPUs
 * gain a core waiting for SIPI (SDM vol. 3 §8.4.1) with the BSP's TSC and an APIC on the bus in
 * APIC ID order, which INIT/STARTUP IPIs reach; after device_del and the guest's eject (the modern
 * interface's eject bit, QEMU's docs/specs/acpi_cpu_hotplug.rst) both go away. A machine with a
 * plugged CPU refuses `migrate` as one started with -smp 2 does.
 */
import test from 'ava';
import { createMachine } from '../../src/machine/create-machine.js';
import { X86Cpus } from '../../src/machine/x86-cpus.js';
import { MonitorSession } from '../../src/tools/monitor/monitor-session.js';
import { CS } from '../../src/machine/cpu/x86/constants.js';

const ICR_INIT = 0x4500;
const ICR_STARTUP = 0x4600;
/** The q35 CPU hot-plug block (ICH9 LPC 0x0CD8): selector, flags (bit 3 eject). */
const HP = 0x0cd8;

test('device_add gives the plugged CPU a core waiting for SIPI and an APIC the IPIs reach; eject removes both', async (t) => {
  const m = createMachine(['-machine', 'q35', '-nodefaults', '-smp', '1,maxcpus=3']);
  const cpus = new X86Cpus(m);
  const dev = m.platformDevices;
  t.is(cpus.cpus.length, 1);
  const s = new MonitorSession(m, { guest: 'none' });
  await s.handle({ execute: 'qmp_capabilities' });
  t.deepEqual(await s.handle({ execute: 'device_add', arguments: { driver: 'qemu64-x86_64-cpu', id: 'c2', 'socket-id': 0, 'core-id': 2, 'thread-id': 0 } }), { return: {} });
  t.is(cpus.cpus.length, 1, 'no core before the next round');
  t.true(cpus.sync());
  t.false(cpus.sync(), 'nothing new');
  t.deepEqual(cpus.cpus.map((c) => c.apicId), [0, 2]);
  t.deepEqual(dev.lapics.map((a) => a.initialId), [0, 2]);
  const ap = cpus.cpus[1]!;
  t.true(ap.waitingForSipi);
  t.false(ap.bsp);
  t.is(ap.tscOffset, cpus.bsp.tscOffset, 'one TSC');
  // A second plug lands between the two in APIC ID order.
  t.deepEqual(await s.handle({ execute: 'device_add', arguments: { driver: 'qemu64-x86_64-cpu', id: 'c1', 'socket-id': 0, 'core-id': 1, 'thread-id': 0 } }), { return: {} });
  t.true(cpus.sync());
  t.deepEqual(cpus.cpus.map((c) => c.apicId), [0, 1, 2]);
  t.deepEqual(dev.lapics.map((a) => a.initialId), [0, 1, 2]);
  // INIT and STARTUP 0Ah from the BSP's APIC to physical ID 2.
  dev.apicBus.sendIpi(dev.lapics[0]!, ICR_INIT, 2);
  dev.apicBus.sendIpi(dev.lapics[0]!, ICR_STARTUP | 0x0a, 2);
  t.false(ap.waitingForSipi);
  t.is(ap.sel[CS], 0x0a00);
  t.true(cpus.cpus[1]!.waitingForSipi, 'APIC ID 1 was not addressed');

  // device_del needs the modern interface (the guest's write of 0 at offset 0), then the guest ejects.
  m.ports.write(HP, 4, 0);
  t.deepEqual(await s.handle({ execute: 'device_del', arguments: { id: 'c2' } }), { return: {} });
  t.false(cpus.sync(), 'still present until the eject');
  m.ports.write(HP, 4, 2);
  m.ports.write(HP + 4, 1, 8);
  t.true(cpus.sync());
  t.deepEqual(cpus.cpus.map((c) => c.apicId), [0, 1]);
  t.deepEqual(dev.lapics.map((a) => a.initialId), [0, 1]);
  dev.apicBus.sendIpi(dev.lapics[0]!, ICR_STARTUP | 0x0b, 2);
  t.is(ap.sel[CS], 0x0a00, 'the ejected CPU takes no more messages');
});

test('a machine with a plugged CPU refuses migrate as -smp 2 does', async (t) => {
  const m = createMachine(['-machine', 'pc', '-nodefaults', '-smp', '1,maxcpus=2']);
  const s = new MonitorSession(m, { guest: 'none' });
  await s.handle({ execute: 'qmp_capabilities' });
  t.notThrows(() => m.x86Run.saveState());
  await s.handle({ execute: 'device_add', arguments: { driver: 'qemu64-x86_64-cpu', id: 'c1', 'socket-id': 0, 'core-id': 1, 'thread-id': 0 } });
  t.throws(() => m.x86Run.saveState(), { message: /^2 CPUs \(-smp and 1 by device_add\): only a one-CPU machine can be saved/ });
});
