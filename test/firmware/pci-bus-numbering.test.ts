/** Depth-first bus numbering with the Red Hat bus-reserve capability (seabios-ovmf.md §5.2). */
import test from 'ava';
import { FakeWire } from './helpers/fake-wire.js';
import { FakePci } from './helpers/fake-pci.js';
import { fixturePath } from '../helpers/paths.js';
import { PciConfig } from '../../firmware/pci/config.js';
import { numberBuses } from '../../firmware/pci/probe.js';

const ROOTPORTS = fixturePath('qemu-7.2', 'q35-rootports', 'seabios', 'query-pci.json');

function busesOf(busRes: Record<number, number>): { last: number; rp1: number[]; rp2: number[] } {
  const wire = new FakeWire();
  const pci = new FakePci(wire, ROOTPORTS, { busRes });
  const last = numberBuses(new PciConfig(wire));
  const regs = (slot: number) => { const f = pci.fns.find((x) => x.q.slot === slot && x.q.bus === 0)!; return [f.cfg[0x18]!, f.cfg[0x19]!, f.cfg[0x1a]!]; };
  return { last, rp1: regs(0x10), rp2: regs(0x11) };
}

test('all-ones bus_res is ignored: one bus per port', (t) => {
  t.deepEqual(busesOf({}), { last: 2, rp1: [0, 1, 1], rp2: [0, 2, 2] });
});

test('a bus reserve beyond the counter extends the subordinate range', (t) => {
  t.deepEqual(busesOf({ 0x10: 3 }), { last: 5, rp1: [0, 1, 4], rp2: [0, 5, 5] });
});

test('quirk reproduced literally: a reserve that does not pass the counter sets counter = r', (t) => {
  // rp1: secbus 1 + r 0 <= counter 1, so subordinate = counter = 0, and rp2 gets bus 1 again.
  t.deepEqual(busesOf({ 0x10: 0 }), { last: 1, rp1: [0, 1, 0], rp2: [0, 1, 1] });
});

test('a reserve that would overflow the bus number counts as 0', (t) => {
  t.deepEqual(busesOf({ 0x10: 0xff }), { last: 1, rp1: [0, 1, 0], rp2: [0, 1, 1] });
});
