import { boot } from '../../src/machine/create-machine.js';
import { testWith } from '../helpers/reference.js';
import { runSeabios } from '../helpers/seabios-memory.js';

/**
 * Live differential check of what the firmware leaves in the F-segment: command lines not in the
 * committed captures, run now on Debian's QEMU 7.2 + SeaBIOS and on fwlab with its TypeScript
 * firmware; the bytes from the RSDP to the end of ZoneFSeg (0xF5D00) and the SMBIOS tables must match.
 */
const ZONE_START = 0xf5500;
const ZONE_END = 0xf5d00;
const CASES: readonly string[][] = [
  ['-machine', 'q35', '-m', '1G', '-nodefaults', '-smp', '3', '-device', 'edu', '-smbios', 'type=3,manufacturer=Live,serial=L1', '-smbios', 'type=11,value=live'],
  ['-machine', 'pc', '-m', '256M', '-nodefaults', '-smp', '4,sockets=4', '-uuid', '11111111-2222-4333-8444-555555555555', '-device', 'i6300esb'],
];

const rsdpIn = (b: Uint8Array, base: number): number | undefined => {
  for (let o = 0; o + 8 <= b.length; o += 16) if (Buffer.from(b.subarray(o, o + 8)).toString('latin1') === 'RSD PTR ') return base + o;
  return undefined;
};

for (const args of CASES) {
  testWith(['qemu', 'seabios'])(`${args.join(' ')}: F-segment tables equal QEMU + SeaBIOS's, run now`, async (t) => {
    const real = await runSeabios(args);
    try {
      const theirs = await real.read(ZONE_START, ZONE_END - ZONE_START);
      const { machine } = await boot(args, { guest: 'none' });
      const ours = new Uint8Array(theirs.length);
      for (let i = 0; i < ours.length; i++) ours[i] = machine.memory.read(ZONE_START + i, 1);
      const rsdp = rsdpIn(theirs, ZONE_START);
      t.truthy(rsdp);
      t.is(rsdpIn(ours, ZONE_START), rsdp);
      const from = rsdp! - ZONE_START;
      t.is(Buffer.from(ours.subarray(from)).toString('hex'), Buffer.from(theirs.subarray(from)).toString('hex'));
      const ep = /Copying SMBIOS from 0x[0-9a-f]+ to 0x([0-9a-f]+)/.exec(real.log);
      t.truthy(ep, 'SeaBIOS installed SMBIOS');
      const epBytes = await real.read(parseInt(ep![1]!, 16), 0x20);
      const dv = new DataView(epBytes.buffer);
      const addr = dv.getUint32(0x18, true);
      const len = dv.getUint16(0x16, true);
      const tables = await real.read(addr, len);
      const mine = new Uint8Array(len);
      for (let i = 0; i < len; i++) mine[i] = machine.memory.read(addr + i, 1);
      t.is(Buffer.from(mine).toString('hex'), Buffer.from(tables).toString('hex'));
    } finally {
      real.close();
    }
  });
}
