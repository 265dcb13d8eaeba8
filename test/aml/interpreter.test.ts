import test from 'ava';
import { readFileSync } from 'node:fs';
import { fixturePath } from '../helpers/paths.js';
import { AmlError, AmlInterpreter, SPACE, toJson } from '../../src/guest/aml/index.js';
import type { AmlOptions, RegionAccess, RegionHandler } from '../../src/guest/aml/index.js';

// test/fixtures/aml/*.asl compiled with iasl 20200925 (`iasl -vs -vi X.asl`).
const aml = (name: string) => new Uint8Array(readFileSync(fixturePath('aml', `${name}.aml`)));

type Access = string;

/** A region handler that records every access (`W 0x10004/4 = 0xab00`) over sparse memory. */
function recorder(log: Access[]): RegionHandler {
  const mem = new Map<bigint, number>();
  return {
    read(a: RegionAccess): bigint {
      let v = 0n;
      for (let i = a.width - 1; i >= 0; i--) v = (v << 8n) | BigInt(mem.get(a.address + BigInt(i)) ?? 0);
      log.push(`R 0x${a.address.toString(16)}/${a.width}`);
      return v;
    },
    write(a: RegionAccess, v: bigint): void {
      for (let i = 0; i < a.width; i++) mem.set(a.address + BigInt(i), Number((v >> BigInt(8 * i)) & 0xffn));
      log.push(`W 0x${a.address.toString(16)}/${a.width} = 0x${v.toString(16)}`);
    },
  };
}

function withRecorder(options: AmlOptions = {}) {
  const log: Access[] = [];
  const h = recorder(log);
  const it = new AmlInterpreter({ regions: new Map([[SPACE.SystemMemory, h], [SPACE.SystemIO, h], [SPACE.PCI_Config, h]]) }, options);
  return { it, log };
}

test('fields: access width, alignment and update rules (sequences as acpiexec -vr shows them)', (t) => {
  const { it, log } = withRecorder();
  it.loadTable(aml('fields'));
  const run = (m: string) => {
    log.length = 0;
    it.evaluate(m);
    return [...log];
  };
  t.deepEqual(run('\\WR1'), ['R 0x10004/4', 'W 0x10004/4 = 0xab00'], 'DWordAcc Preserve: read-modify-write');
  t.deepEqual(run('\\WR2'), ['W 0x10008/1 = 0x5f'], 'WriteAsOnes fills the other bits with 1');
  t.deepEqual(run('\\WR3'), ['W 0x10010/2 = 0x1ff8'], 'WriteAsZeros: one word write');
  t.is(run('\\WRW').length, 12, 'a 96-bit AnyAcc field is written byte by byte');
  t.deepEqual(toJson(it.evaluate('\\RDW')), { type: 'Buffer', value: '01 02 03 04 05 06 07 08 09 0A 0B 0C' }, 'wider than an Integer reads as Buffer');
});

test('IndexField writes the byte offset of each unit to the index register; BankField selects the bank first', (t) => {
  const { it, log } = withRecorder();
  it.loadTable(aml('fields'));
  it.evaluate('\\WRI');
  t.deepEqual(log, ['W 0x70/1 = 0x10', 'W 0x71/1 = 0x34', 'W 0x70/1 = 0x11', 'W 0x71/1 = 0x12']);
  log.length = 0;
  // The recorder's data "register" holds the last byte written to it (0x12), read twice.
  t.is(it.evaluate('\\RDI'), 0x1212n);
  t.deepEqual(log, ['W 0x70/1 = 0x10', 'R 0x71/1', 'W 0x70/1 = 0x11', 'R 0x71/1']);
  log.length = 0;
  it.evaluate('\\WRB');
  t.deepEqual(log, ['W 0x80/1 = 0x2', 'W 0x82/1 = 0x77']);
});

test('revision 1 DSDT: 32-bit integers', (t) => {
  const it = new AmlInterpreter({}, { maxLoopIterations: 1000 });
  it.loadTable(aml('control'));
  t.is(it.evaluate('\\MONE'), 0xffffffffn);
  t.is(it.integerBytes, 4);
});

test('a hung While at table level aborts after the loop budget and loading goes on', (t) => {
  const it = new AmlInterpreter({}, { maxLoopIterations: 1000 });
  it.loadTable(aml('control'));
  t.is(it.evaluate('\\CNT0'), 1000n);
  t.is(it.evaluate('\\AFTR'), 2n, 'objects after the loop are loaded');
  t.is(it.loadErrors[0]?.code, 'AML_LOOP_TIMEOUT');
});

test('errors carry the ACPICA status, the method path and the byte offset', (t) => {
  const it = new AmlInterpreter({}, { maxLoopIterations: 10 });
  it.loadTable(aml('control'));
  const e = t.throws(() => it.evaluate('\\DIV0'), { instanceOf: AmlError })!;
  t.is(e.code, 'AML_DIVIDE_BY_ZERO');
  t.is(e.path, '\\DIV0');
  t.is(e.table, 'DSDT');
  const code = aml('control');
  t.is(code[e.offset], 0x78, 'offset points at the Divide opcode');
  const r = t.throws(() => it.evaluate('\\REC', [0n]), { instanceOf: AmlError })!;
  t.is(r.code, 'AML_METHOD_LIMIT');
  t.is(it.callDepth, 0, 'the frame stack unwound');
  t.is(it.evaluate('\\FWD'), 6n, 'a call to a method defined later in the table');
});

test('Notify is queued and delivered in order after the evaluation', (t) => {
  const it = new AmlInterpreter({}, { maxLoopIterations: 10 });
  it.loadTable(aml('control'));
  const seen: string[] = [];
  it.onNotify((n, v) => seen.push(`${n.path()} 0x${v.toString(16)}`));
  it.evaluate('\\NOTI');
  t.deepEqual(seen, ['\\_SB_.DEV0 0x80', '\\_SB_.DEV0 0x81']);
});

test('Sleep spends virtual time; Timer counts it in 100 ns units', (t) => {
  const it = new AmlInterpreter({}, { maxLoopIterations: 10 });
  it.loadTable(aml('control'));
  t.is(it.evaluate('\\SLP'), 50_000n);
});

test('Load from a buffer adds the table\'s objects; Unload removes them', (t) => {
  const it = new AmlInterpreter();
  it.loadTable(aml('loadtab'));
  t.is(it.evaluate('\\LD'), 0x1234n);
  t.is(it.evaluate('\\LDM0'), 0x55n);
  t.is(it.evaluate('\\UL'), 0n);
});

test('PCI_Config regions address the function from _ADR and _BBN; _REG runs when the handler is there', (t) => {
  const seen: string[] = [];
  const it = new AmlInterpreter({
    regions: new Map([[SPACE.PCI_Config, {
      read: (a: RegionAccess) => {
        seen.push(`${a.pci!.bus}:${a.pci!.device}.${a.pci!.fn} 0x${a.address.toString(16)}/${a.width}`);
        return 0x8bn;
      },
      write: () => {},
    }]]),
  });
  it.loadTable(aml('loadtab'));
  it.initialize();
  t.is(it.evaluate('\\PCI0.REGC'), 0x102n, '_REG(PCI_Config, 1)');
  t.is(it.evaluate('\\RDPC'), 0x8bn);
  t.deepEqual(seen, ['0:1.0 0x60/1']);
});

test('SMBus BufferAcc fields: one buffer transfer per access (simulated as acpiexec; a handler sees command and AccessAttrib)', (t) => {
  const sim = new AmlInterpreter();
  sim.loadTable(aml('smbus'));
  // acpiexec 20200925 `evaluate \RDW` / `\WRW` on the same table.
  t.is(toJson(sim.evaluate('\\RDW')).value, '00 02 A0 A1' + ' 00'.repeat(30));
  t.is(toJson(sim.evaluate('\\WRW')).value, '00 02 34 12' + ' 00'.repeat(30));
  const seen: string[] = [];
  const it = new AmlInterpreter({
    regions: new Map([[SPACE.SMBus, {
      read: () => 0n,
      write: () => {},
      transfer: (a, data) => {
        seen.push(`0x${a.address.toString(16)} attrib=0x${a.attrib.toString(16)} ${data ? 'write ' + data[2] : 'read'}`);
        return Uint8Array.from([0x00, 0x02, 0x11, 0x22]);
      },
    }]]),
  });
  it.loadTable(aml('smbus'));
  t.is(toJson(it.evaluate('\\WRW')).value, '00 02 11 22' + ' 00'.repeat(30), 'the response is written back into the source buffer');
  t.deepEqual(seen, ['0x4208 attrib=0x8 write 52']);
});

test('a failing module-level call to a method defined later is skipped with that method\'s arg count', (t) => {
  // forward.asl: Store (LATE (0x55, Store (7, CNT0)), RES0) before Method (LATE, 2) — compiled with -vx 6142.
  const it = new AmlInterpreter();
  it.loadTable(aml('forward'));
  t.is(it.loadErrors[0]?.code, 'NOT_FOUND');
  t.is(it.evaluate('\\CNT0'), 0n, 'the arguments were skipped, not run as statements');
  t.is(it.evaluate('\\AFTR'), 5n);
  t.is(it.evaluate('\\LATE', [2n, 3n]), 5n);
});
