import test from 'ava';
import { createHash } from 'node:crypto';
import { boot, createMachine, restoreMachine, saveSnapshot } from '../../src/machine/create-machine.js';
import type { Machine } from '../../src/machine/machine.js';
import { UsageError } from '../../src/lib/errors.js';
import { guidFromMicrosoftBytes } from '../../src/lib/guid.js';

const readGuid = (m: Machine, addr: number) => guidFromMicrosoftBytes(m.memory.readBytes(addr, 16));

const VERSION = '0.1.0';
const G1 = '324e6eaf-d1d1-4bf6-bf41-b9bb6c91fb87';
const G2 = '8f0c6a1e-5b2d-4c3a-9e7f-1a2b3c4d5e6f';
const G3 = '01234567-89ab-4def-8123-456789abcdef';

/** Guest RAM as the CPU sees it: a digest of every RAM window, read through the physical address space. */
function ramDigest(m: Machine): string {
  const h = createHash('sha256');
  const { below4g, above4g, above4gStart } = m.ramLayout;
  const step = 1 << 20;
  for (let a = 0; a < below4g; a += step) h.update(m.memory.readBytes(a, Math.min(step, below4g - a)));
  for (let a = 0; a < above4g; a += step) h.update(m.memory.readBytes(above4gStart + a, Math.min(step, above4g - a)));
  return h.digest('hex');
}

/** Every function's whole config space as a guest reads it through the host bridge. */
function configDump(m: Machine): string[] {
  return m.pci.devices().map((d) => {
    const devfn = d.slot * 8 + d.function;
    const words: string[] = [];
    for (let reg = 0; reg < 256; reg += 4) words.push(m.pci.configRead(d.bus, devfn, reg, 4).toString(16).padStart(8, '0'));
    return `${d.bdf} ${words.join('')}`;
  });
}

function fwCfgState(m: Machine): unknown {
  return m.fwCfg.files().map((f) => ({ ...f, sha: createHash('sha256').update(m.fwCfg.peekItem(f.select)).digest('hex') }));
}

const ARGS = ['-machine', 'q35', '-device', `vmgenid,guid=${G1}`, '-device', 'pcie-root-port,id=rp1,chassis=1'];

test('save → restore: RAM, PCI config spaces, fw_cfg and query-pci equal the saved machine; the guest idles again', async (t) => {
  const { machine: a } = await boot(ARGS);
  a.pci.hotplug('e1000e,bus=rp1,id=nic1');
  const snap = saveSnapshot(a, VERSION);
  const b = createMachine(ARGS);
  const r = await restoreMachine(b, snap, 'test.snap', VERSION);
  t.deepEqual(r.exit, { kind: 'idle' });
  t.is(ramDigestWithoutGuid(b, a), ramDigestWithoutGuid(a, a));
  t.deepEqual(configDump(b), configDump(a));
  t.deepEqual(fwCfgState(b), fwCfgState(a));
  t.deepEqual(b.pci.queryPci(), a.pci.queryPci());
  t.is(b.clock.now() >= a.clock.now(), true);
  t.is(b.pmBase, a.pmBase);
  t.deepEqual(b.pam.modes(), a.pam.modes());
  t.true(r.console.some((l) => l.startsWith('ospm: resumed devices=')), r.console.join('\n'));
  // Same GUID: QEMU's post_load still notifies; the guest reads the same ID.
  t.true(r.console.includes(`ospm: vmgenid-unchanged ${G1}`), r.console.join('\n'));
});

/** The RAM digest; the restore's vmgenid post-load writes the GUID page again (same bytes here). */
function ramDigestWithoutGuid(m: Machine, _ref: Machine): string {
  return ramDigest(m);
}

test('the clone case: two restores of one snapshot with new GUIDs report different IDs', async (t) => {
  const { machine: a } = await boot(ARGS);
  const snap = saveSnapshot(a, VERSION);
  const seen: string[] = [];
  for (const g of [G2, G3]) {
    const m = createMachine(ARGS.map((x) => x.replace(G1, g)));
    const r = await restoreMachine(m, snap, 'test.snap', VERSION);
    t.deepEqual(r.vmgenid, { saved: G1, guid: g });
    t.true(r.console.includes('ospm: gpe 0x5 \\_GPE._E05'), r.console.join('\n'));
    const line = r.console.find((l) => l.startsWith('ospm: vmgenid-changed '));
    t.is(line, `ospm: vmgenid-changed ${g} previous=${G1}`);
    seen.push(line!);
    // The guest page holds the new ID at the address the firmware reported before the snapshot.
    const addr = a.vmgenid!.guestAddress!;
    t.is(m.vmgenid!.guestAddress, addr);
    t.is(readGuid(m, addr), g);
  }
  t.not(seen[0], seen[1]);
});

test('a snapshot of other options or another fwlab version is refused with one line', async (t) => {
  const { machine: a } = await boot(ARGS);
  const snap = saveSnapshot(a, VERSION);
  const other = createMachine([...ARGS, '-m', '1G']);
  const e1 = await t.throwsAsync(restoreMachine(other, snap, '-incoming file:x.snap', VERSION), { instanceOf: UsageError });
  t.regex(e1!.message, /^-incoming file:x\.snap: saved with other machine options \(options\.ramSize: saved 134217728, now 1073741824\)/);
  t.false(e1!.message.includes('\n'));
  const e2 = await t.throwsAsync(restoreMachine(createMachine(ARGS), snap, '-incoming file:x.snap', '9.9.9'), { instanceOf: UsageError });
  t.is(e2!.message, '-incoming file:x.snap: written by fwlab 0.1.0, this is fwlab 9.9.9');
  const e3 = await t.throwsAsync(restoreMachine(createMachine(ARGS), new TextEncoder().encode('hello\n'), 'x', VERSION), { instanceOf: UsageError });
  t.is(e3!.message, 'x: not a fwlab snapshot');
});
