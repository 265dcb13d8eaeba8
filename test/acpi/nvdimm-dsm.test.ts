import test from 'ava';
import { readFileSync } from 'node:fs';
import { AmlBuffer, AmlInterpreter, AmlPackage, SPACE } from '../../src/guest/aml/index.js';
import type { RegionAccess } from '../../src/guest/aml/index.js';
import { createMachine } from '../../src/machine/create-machine.js';
import { buildAcpi } from '../../src/machine/acpi/build-acpi.js';
import type { Machine } from '../../src/machine/machine.js';
import { fixturePath } from '../helpers/paths.js';
import { decodeLoader, walkTables } from './loader-decode.js';

const ARGS = '-machine pc,nvdimm=on -nodefaults -m 512M,slots=3,maxmem=2G -object memory-backend-ram,id=nv0,size=128M '
  + '-device nvdimm,id=nvdimm0,memdev=nv0 -object memory-backend-ram,id=nv1,size=256M -device nvdimm,id=nvdimm1,memdev=nv1';
/** Where this test plays firmware and puts etc/acpi/nvdimm-mem. */
const DSM_PAGE = 0x7000;

/** The guest's ACPI interpreter wired to the machine's memory and ports, with MEMA patched like a firmware would. */
function guestOn(m: Machine): AmlInterpreter {
  const r = buildAcpi(m);
  const tables = r.tables.slice();
  for (const e of decodeLoader(r.tableLoader)) {
    if (e.cmd === 'ADD_POINTER' && e.src === 'etc/acpi/nvdimm-mem') new DataView(tables.buffer).setUint32(e.offset, DSM_PAGE, true);
  }
  const mem = {
    read: (a: RegionAccess) => BigInt.asUintN(64, BigInt(m.memory.read(Number(a.address), a.width as 1 | 2 | 4))),
    write: (a: RegionAccess, v: bigint) => m.memory.write(Number(a.address), a.width as 1 | 2 | 4, Number(v & 0xffffffffn)),
  };
  const io = {
    read: (a: RegionAccess) => BigInt(m.ports.read(Number(a.address), a.width as 1 | 2 | 4)),
    write: (a: RegionAccess, v: bigint) => m.ports.write(Number(a.address), a.width as 1 | 2 | 4, Number(v & 0xffffffffn)),
  };
  const aml = new AmlInterpreter({ regions: new Map([[SPACE.SystemMemory, mem], [SPACE.SystemIO, io]]), simulateOthers: true });
  for (const t of walkTables(tables).filter((x) => x.signature === 'DSDT' || x.signature === 'SSDT')) {
    aml.loadTable(tables.subarray(t.offset, t.offset + t.length));
  }
  return aml;
}

test('_FIT read through the DSM port returns the NFIT structures QEMU 7.2 builds (pc-nvdimm2 capture)', (t) => {
  const m = createMachine(ARGS.split(' '));
  const aml = guestOn(m);
  const fit = aml.evaluate('\\_SB.NVDR._FIT');
  t.true(fit instanceof AmlBuffer);
  const qemu = new Uint8Array(readFileSync(fixturePath('qemu-7.2', 'qtest-captures', 'pc-nvdimm2', 'etc__acpi__tables')));
  const nfit = walkTables(qemu).find((x) => x.signature === 'NFIT')!;
  const expected = qemu.subarray(nfit.offset + 40, nfit.offset + nfit.length);
  t.deepEqual(Buffer.from((fit as AmlBuffer).data), Buffer.from(expected));
  t.true(m.nvdimmDsm!.requests >= 2, 'the FIT was read through port 0x0A18');
});

test('NVDIMM _DSM function 0 answers through the port; unknown UUIDs never reach it', (t) => {
  const m = createMachine(ARGS.split(' '));
  const aml = guestOn(m);
  const uuid = (s: string) => {
    const h = s.replace(/-/g, '');
    const b = Array.from({ length: 16 }, (_, i) => parseInt(h.slice(2 * i, 2 * i + 2), 16));
    const le = [...b.slice(0, 4).reverse(), ...b.slice(4, 6).reverse(), ...b.slice(6, 8).reverse(), ...b.slice(8)];
    return new AmlBuffer(Uint8Array.from(le));
  };
  const call = (path: string, u: string, fn: number) =>
    aml.evaluate(path, [uuid(u), 1n, BigInt(fn), new AmlPackage([])]) as AmlBuffer;
  const before = m.nvdimmDsm!.requests;
  const q = call('\\_SB.NVDR.NV00._DSM', '4309ac30-0d11-11e4-9191-0800200c9a66', 0);
  t.deepEqual([...q.data], [0, 0, 0, 0], 'function 0: supported-function bitmap (none beyond 0)');
  t.is(m.nvdimmDsm!.requests, before + 1);
  const bad = call('\\_SB.NVDR.NV00._DSM', '00000000-0000-0000-0000-000000000000', 0);
  t.deepEqual([...bad.data], [0], 'NCAL rejects a foreign UUID itself');
  t.is(m.nvdimmDsm!.requests, before + 1);
});

function intelUuid(): AmlBuffer {
  const b = [0x30, 0xac, 0x09, 0x43, 0x11, 0x0d, 0xe4, 0x11, 0x91, 0x91, 0x08, 0x00, 0x20, 0x0c, 0x9a, 0x66];
  return new AmlBuffer(Uint8Array.from(b));
}

test('NVDIMM label storage: DSM functions 4/5/6 through the port, data kept after the PMEM in the backend', (t) => {
  const m = createMachine(('-machine pc,nvdimm=on -nodefaults -m 512M,slots=2,maxmem=2G -object memory-backend-ram,id=nv0,size=128M '
    + '-device nvdimm,id=nvdimm0,memdev=nv0,label-size=128K').split(' '));
  const aml = guestOn(m);
  // _LSI passes Integer 0 as Arg3 to NCAL, whose LAnd evaluates SizeOf(Arg3) too; ask through _DSM instead.
  const lsi = aml.evaluate('\\_SB.NVDR.NV00._DSM', [intelUuid(), 1n, 4n, new AmlPackage([])]) as AmlBuffer;
  t.deepEqual([...lsi.data], [0, 0, 0, 0, 0, 0, 2, 0, 0xec, 0x0f, 0, 0], 'status 0, label area 0x20000, max transfer 4076');
  // _LSW concatenates into the 8-byte INPT buffer, which a Store-style target truncates under
  // this interpreter; write through _DSM function 6 (offset, length, data) directly.
  const setArg = Uint8Array.from([0x00, 0x01, 0, 0, 4, 0, 0, 0, 1, 2, 3, 4]);
  const st = aml.evaluate('\\_SB.NVDR.NV00._DSM', [intelUuid(), 1n, 6n, new AmlPackage([new AmlBuffer(setArg)])]) as AmlBuffer;
  t.deepEqual([...st.data], [0, 0, 0, 0]);
  // _LSR returns Package {STTS, LSA} built from method locals; read through _DSM function 5.
  const get = (offset: number, length: number) => {
    const arg = Uint8Array.from([offset & 0xff, (offset >> 8) & 0xff, (offset >> 16) & 0xff, 0, length, 0, 0, 0]);
    return [...(aml.evaluate('\\_SB.NVDR.NV00._DSM', [intelUuid(), 1n, 5n, new AmlPackage([new AmlBuffer(arg)])]) as AmlBuffer).data];
  };
  t.deepEqual(get(0x100, 4), [0, 0, 0, 0, 1, 2, 3, 4]);
  const dimm = m.nvdimms[0]!;
  t.is(dimm.size, 126 * 2 ** 20, 'PMEM = backend minus the label area, rounded down to 2 MiB (as QEMU)');
  t.deepEqual([0, 1, 2, 3].map((i) => dimm.ram.read8(dimm.size + 0x100 + i)), [1, 2, 3, 4]);
  t.deepEqual(get(0x1fffe, 4), [3, 0, 0, 0], 'past the area: invalid input');
});

test('without nvdimm=on there is no DSM port', (t) => {
  const m = createMachine(['-machine', 'pc', '-nodefaults']);
  t.is(m.nvdimmDsm, undefined);
  t.is(m.ports.read(0x0a18, 4), 0xffffffff);
});
