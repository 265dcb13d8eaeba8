import test from 'ava';
import { PortBus } from '../../src/machine/bus/port-bus.js';
import type { AccessSize } from '../../src/machine/bus/io-handler.js';
import { MappingError } from '../../src/machine/bus/io-handler.js';

function recorder(sizes?: number) {
  const log: string[] = [];
  const regs = new Uint8Array(8);
  return {
    log,
    regs,
    handler: {
      ...(sizes !== undefined ? { sizes } : {}),
      read(offset: number, size: AccessSize) {
        log.push(`r${offset}/${size}`);
        let v = 0;
        for (let i = size - 1; i >= 0; i--) v = (v << 8) | regs[offset + i]!;
        return v >>> 0;
      },
      write(offset: number, size: AccessSize, value: number) {
        log.push(`w${offset}/${size}`);
        for (let i = 0; i < size; i++) regs[offset + i] = (value >>> (8 * i)) & 0xff;
      },
    },
  };
}

test('unmapped ports read all-ones at each width', (t) => {
  const bus = new PortBus();
  t.is(bus.read(0x80, 1), 0xff);
  t.is(bus.read(0x80, 2), 0xffff);
  t.is(bus.read(0x80, 4), 0xffffffff);
  t.notThrows(() => bus.write(0x80, 4, 1));
});

test('an access the handler takes goes whole; others are split', (t) => {
  const bus = new PortBus();
  const whole = recorder();
  bus.register('whole', 0x100, 8, whole.handler);
  bus.write(0x100, 4, 0x44332211);
  t.deepEqual(whole.log, ['w0/4']);
  const bytes = recorder(1);
  bus.register('bytes', 0x200, 8, bytes.handler);
  bus.write(0x200, 4, 0x44332211);
  t.deepEqual(bytes.log, ['w0/1', 'w1/1', 'w2/1', 'w3/1']);
  t.is(bus.read(0x200, 4), 0x44332211);
});

test('an access crossing the end of a range reads all-ones for the missing bytes', (t) => {
  const bus = new PortBus();
  const r = recorder();
  r.regs.set([1, 2, 3, 4]);
  bus.register('r', 0x300, 2, r.handler);
  t.is(bus.read(0x301, 2), 0xff02);
});

test('board ranges may not overlap; guest-programmed ones may, the later one wins', (t) => {
  const bus = new PortBus();
  bus.register('a', 0x400, 8, recorder().handler);
  t.throws(() => bus.register('b', 0x404, 8, recorder().handler), { instanceOf: MappingError });
  const bar = recorder();
  bar.regs[0] = 0x5a;
  const range = bus.register('bar', 0x400, 4, bar.handler, true);
  t.is(bus.read(0x400, 1), 0x5a);
  t.is(bus.overlaps().length, 1);
  bus.unregister(range);
  t.is(bus.overlaps().length, 0);
});
