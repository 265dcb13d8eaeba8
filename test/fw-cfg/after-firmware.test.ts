import test from 'ava';
import { readFileSync } from 'node:fs';
import { bootMachine, createMachine } from '../../src/machine/create-machine.js';
import { fixturePath } from '../helpers/paths.js';

const GUID = '324e6eaf-d1d1-4bf6-bf41-b9bb6c91fb87';

for (const config of ['pc-vmgenid', 'q35-vmgenid']) {
  test(`${config}: after fwlab's firmware POST, etc/vmgenid_addr holds what SeaBIOS wrote under QEMU`, async (t) => {
    const board = config.startsWith('pc') ? 'pc' : 'q35';
    const m = createMachine(['-machine', board, '-m', '512M', '-nodefaults', '-device', `vmgenid,guid=${GUID}`]);
    await bootMachine(m, { guest: 'none' });
    const fw = m.fwCfg;
    const want = readFileSync(fixturePath('qemu-7.2', config, 'seabios', 'fwcfg-post', 'etc__vmgenid_addr'));
    t.is(Buffer.from(fw.readItem(fw.selectOf('etc/vmgenid_addr')!)).toString('hex'), want.toString('hex'));
    // The GUID is in guest RAM where the firmware's ALLOCATE put the blob.
    const addr = m.vmgenid!.guestAddress!;
    t.is(Buffer.from(m.memory.readBytes(addr, 16)).toString('hex'), 'af6e4e32d1d1f64bbf41b9bb6c91fb87');
    // A reset clears the reported address until the firmware writes it again.
    m.reset();
    t.is(m.vmgenid!.guestAddress, undefined);
  });
}
