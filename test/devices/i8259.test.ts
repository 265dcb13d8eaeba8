/** The 8259A pair against the Intel 8259A datasheet's command semantics (ICW1-4, OCW1-3). */
import test from 'ava';
import { PicPair } from '../../src/machine/devices/i8259.js';

/** The BIOS's initialisation (master vectors 0x08, slave 0x70, cascade on IR2, 8086 mode). */
function initPair(icw4 = 0x01): PicPair {
  const pic = new PicPair();
  const out = (port: number, v: number) => (port >= 0xa0 ? pic.slave : pic.master).ports.write(port & 1, 1, v);
  out(0x20, 0x11); out(0x21, 0x08); out(0x21, 0x04); out(0x21, icw4);
  out(0xa0, 0x11); out(0xa1, 0x70); out(0xa1, 0x02); out(0xa1, icw4);
  return pic;
}

test('an edge on IRQ 1 raises INTR; INTA gives ICW2 + 1 and moves the request into service; EOI ends it', (t) => {
  const pic = initPair();
  pic.setIrq(1, true);
  t.true(pic.intr);
  t.is(pic.acknowledge(), 0x09);
  t.is(pic.master.isr, 0x02);
  t.is(pic.master.irr, 0);
  t.false(pic.intr);
  pic.master.ports.write(0, 1, 0x20);
  t.is(pic.master.isr, 0);
  // The line is still high: no new edge, no new request.
  t.false(pic.intr);
  pic.setIrq(1, false);
  pic.setIrq(1, true);
  t.true(pic.intr);
});

test('a slave request cascades through master IR2 and gives the slave vector', (t) => {
  const pic = initPair();
  pic.setIrq(10, true);
  t.true(pic.intr);
  t.is(pic.acknowledge(), 0x72);
  t.is(pic.slave.isr, 0x04);
  t.is(pic.master.isr, 0x04);
});

test('fully nested priority: IRQ 3 in service holds off IRQ 5 but not IRQ 1', (t) => {
  const pic = initPair();
  pic.setIrq(3, true);
  t.is(pic.acknowledge(), 0x0b);
  pic.setIrq(5, true);
  t.false(pic.intr);
  pic.setIrq(1, true);
  t.true(pic.intr);
  t.is(pic.acknowledge(), 0x09);
  pic.master.ports.write(0, 1, 0x20); // non-specific EOI ends the highest in service: IRQ 1
  t.is(pic.master.isr, 0x08);
  pic.master.ports.write(0, 1, 0x63); // specific EOI for IRQ 3
  t.true(pic.intr);
  t.is(pic.acknowledge(), 0x0d);
});

test('IMR masks a request until unmasked; reading the data port returns IMR', (t) => {
  const pic = initPair();
  pic.master.ports.write(1, 1, 0x02);
  t.is(pic.master.ports.read(1, 1), 0x02);
  pic.setIrq(1, true);
  t.false(pic.intr);
  pic.master.ports.write(1, 1, 0x00);
  t.true(pic.intr);
});

test('no request at INTA gives the spurious IRQ 7 vector', (t) => {
  const pic = initPair();
  t.is(pic.acknowledge(), 0x0f);
  t.is(pic.master.isr, 0);
});

test('auto-EOI (ICW4 bit 1) leaves nothing in service', (t) => {
  const pic = initPair(0x03);
  pic.setIrq(4, true);
  t.is(pic.acknowledge(), 0x0c);
  t.is(pic.master.isr, 0);
});

test('ELCR level mode: the request stays in IRR while the line is high and leaves with it', (t) => {
  const pic = initPair();
  pic.slave.elcrPort.write(0, 1, 0x0c); // IRQ 10 and 11 level, as SeaBIOS programs PCI IRQs
  pic.setIrq(11, true);
  t.is(pic.acknowledge(), 0x73);
  t.is(pic.slave.irr, 0x08);
  pic.slave.ports.write(0, 1, 0x20);
  pic.master.ports.write(0, 1, 0x20);
  t.true(pic.intr);
  pic.setIrq(11, false);
  t.is(pic.slave.irr, 0);
  // The master latched the cascade edge; with the slave's request gone the INTA finds none: IRQ 15 spurious.
  t.true(pic.intr);
  t.is(pic.acknowledge(), 0x77);
  t.is(pic.slave.isr, 0);
});

test('OCW3: read ISR/IRR select and poll mode (0x80 | level, acknowledged by the read)', (t) => {
  const pic = initPair();
  pic.setIrq(6, true);
  pic.master.ports.write(0, 1, 0x0a);
  t.is(pic.master.ports.read(0, 1), 0x40);
  pic.master.ports.write(0, 1, 0x0c);
  t.is(pic.master.ports.read(0, 1), 0x86);
  pic.master.ports.write(0, 1, 0x0b);
  t.is(pic.master.ports.read(0, 1), 0x40);
});

test('special mask mode lets a lower-priority request through while a higher one is in service and masked', (t) => {
  const pic = initPair();
  pic.setIrq(1, true);
  t.is(pic.acknowledge(), 0x09);
  pic.setIrq(5, true);
  t.false(pic.intr);
  pic.master.ports.write(1, 1, 0x02); // mask IRQ 1
  pic.master.ports.write(0, 1, 0x68); // OCW3: set special mask
  t.true(pic.intr);
  t.is(pic.acknowledge(), 0x0d);
});

test('rotate on non-specific EOI makes the ended level the lowest priority', (t) => {
  const pic = initPair();
  pic.setIrq(0, true);
  t.is(pic.acknowledge(), 0x08);
  pic.master.ports.write(0, 1, 0xa0);
  pic.setIrq(0, false);
  pic.setIrq(0, true);
  pic.setIrq(3, true);
  t.is(pic.acknowledge(), 0x0b); // IRQ 3 now beats IRQ 0
});

test('ELCR write masks keep IRQ 0, 1, 2, 8 and 13 edge-triggered', (t) => {
  const pic = new PicPair();
  pic.master.elcrPort.write(0, 1, 0xff);
  pic.slave.elcrPort.write(0, 1, 0xff);
  t.is(pic.master.elcrPort.read(0, 1), 0xf8);
  t.is(pic.slave.elcrPort.read(0, 1), 0xde);
});
