import test from 'ava';
import { readFileSync } from 'node:fs';
import { createMachine } from '../../src/machine/create-machine.js';
import { FwCfg } from '../../firmware/drivers/fw-cfg.js';
import { fixturePath } from '../helpers/paths.js';

// The device and the firmware's fw_cfg client are written independently; here they meet on the CPU wire.

test("the firmware's fw_cfg client finds the device, reads the directory and files by DMA", (t) => {
  const m = createMachine(['-machine', 'q35', '-m', '512M', '-nodefaults', '-device', 'vmgenid,guid=324e6eaf-d1d1-4bf6-bf41-b9bb6c91fb87']);
  const fw = FwCfg.detect(m.cpu);
  t.truthy(fw);
  t.true(fw!.dma);
  const e820 = fw!.find('etc/e820')!;
  const want = readFileSync(fixturePath('qemu-7.2', 'q35-vmgenid', 'seabios', 'fwcfg-post', 'etc__e820'));
  t.is(Buffer.from(fw!.read(e820.select, e820.size)).toString('hex'), want.toString('hex'));
  // Offset reads (port select + DMA skip + read).
  t.deepEqual([...fw!.read(e820.select, 4, 20)], [...want.subarray(20, 24)]);
});

test("the firmware client's WRITE_POINTER-style write lands in etc/vmgenid_addr; a read-only write fails", (t) => {
  const m = createMachine(['-machine', 'pc', '-m', '512M', '-nodefaults', '-device', 'vmgenid,guid=324e6eaf-d1d1-4bf6-bf41-b9bb6c91fb87']);
  const fw = FwCfg.detect(m.cpu)!;
  const addr = fw.find('etc/vmgenid_addr')!;
  t.true(fw.write(addr.select, 0, new Uint8Array([0x28, 0xf0, 0xff, 0x1f, 0, 0, 0, 0])));
  t.is(m.vmgenid!.guestAddress, 0x1ffff028);
  t.true(fw.write(addr.select, 4, new Uint8Array([0, 0, 0, 0])));
  t.false(fw.write(addr.select, 4, new Uint8Array(8)));
  t.false(fw.write(fw.find('etc/boot-fail-wait')!.select, 0, new Uint8Array(4)));
  t.deepEqual([...fw.read(fw.find('etc/boot-fail-wait')!.select, 4)], [0xff, 0xff, 0xff, 0xff]);
});
