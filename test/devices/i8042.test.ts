/** The i8042 keyboard controller and port 0x92 (QEMU's pckbd/port92 behaviour). */
import test from 'ava';
import { I8042, Port92 } from '../../src/machine/devices/i8042.js';

function kbc() {
  const a20: boolean[] = [];
  const resets: string[] = [];
  let irq1 = false;
  let irq1Edges = 0;
  const k = new I8042({
    kbdIrq: (l) => { if (l && !irq1) irq1Edges++; irq1 = l; },
    mouseIrq: () => {},
    setA20: (on) => a20.push(on),
    requestReset: (why) => resets.push(why),
  });
  return { k, a20, resets, irq1: () => irq1, edges: () => irq1Edges };
}
const cmd = (k: I8042, v: number) => k.write(4, 1, v);
const data = (k: I8042, v: number) => k.write(0, 1, v);

test('output port via 0xD1: bit 1 drives A20, bit 0 low resets; 0xFE pulses reset', (t) => {
  const { k, a20, resets } = kbc();
  cmd(k, 0xd1); data(k, 0xdd);
  t.deepEqual(a20, [false]);
  cmd(k, 0xd0);
  t.is(k.read(0), 0xdd);
  cmd(k, 0xd1); data(k, 0xdf);
  t.deepEqual(a20, [false, true]);
  t.deepEqual(resets, []);
  cmd(k, 0xd1); data(k, 0xde);
  t.is(resets.length, 1);
  cmd(k, 0xfe);
  t.is(resets.length, 2);
  cmd(k, 0xff);
  t.is(resets.length, 2, '0xFF pulses no line');
});

test('keyboard commands: reset answers ACK then 0xAA on IRQ 1; scripted text comes as set 1 with translation', (t) => {
  const { k, edges } = kbc();
  data(k, 0xff);
  t.is(k.read(4) & 1, 1);
  t.is(k.read(0), 0xfa);
  t.is(k.read(0), 0xaa);
  t.is(k.read(4) & 1, 0);
  t.is(edges(), 2);
  cmd(k, 0x60); data(k, 0x61); // translate, keyboard interrupt on
  k.keyboard.type('Hi\n');
  const got: number[] = [];
  while (k.read(4) & 1) got.push(k.read(0));
  t.deepEqual(got, [0x2a, 0x23, 0xa3, 0xaa, 0x17, 0x97, 0x1c, 0x9c]);
});

test('without translation the keyboard sends set 2 (break = F0 prefix)', (t) => {
  const { k } = kbc();
  cmd(k, 0x60); data(k, 0x01);
  k.keyboard.type('a');
  const got: number[] = [];
  while (k.read(4) & 1) got.push(k.read(0));
  t.deepEqual(got, [0x1c, 0xf0, 0x1c]);
});

test('disabling the keyboard interface (0xAD) holds keystrokes until 0xAE', (t) => {
  const { k } = kbc();
  cmd(k, 0x60); data(k, 0x41);
  cmd(k, 0xad);
  k.keyboard.type('x');
  t.is(k.read(4) & 1, 0);
  cmd(k, 0xae);
  t.is(k.read(4) & 1, 1);
  t.is(k.read(0), 0x2d);
});

test('port 0x92: bit 1 drives A20, a 0→1 edge of bit 0 resets, reads return the last write', (t) => {
  const a20: boolean[] = [];
  const resets: string[] = [];
  const p = new Port92((on) => a20.push(on), (why) => resets.push(why));
  p.write(0, 1, 0x02);
  t.is(p.read(), 0x02);
  p.write(0, 1, 0x03);
  p.write(0, 1, 0x03);
  t.is(resets.length, 1);
  t.deepEqual(a20, [true, true, true]);
  p.reset();
  t.is(p.read(), 0x02);
});
