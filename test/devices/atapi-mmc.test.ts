/**
 * The CD-ROM's SCSI/MMC unit beyond what the qtest recordings drive (test/fixtures/qtest/atapi-*.trace
 * cover TEST UNIT READY, REQUEST SENSE, INQUIRY, READ CAPACITY, READ(10)/(12), MODE SENSE, GET
 * CONFIGURATION, READ TOC, GET EVENT STATUS, PREVENT/ALLOW, START STOP, with and without a medium): a
 * medium change reports UNIT ATTENTION / MEDIUM MAY HAVE CHANGED (06/28/00) to the next command that
 * is not INQUIRY, REQUEST SENSE, GET CONFIGURATION or GET EVENT STATUS NOTIFICATION (SPC-3 §5.9.7,
 * MMC-5 §4.1.6.1), REQUEST SENSE clears it, and GET EVENT STATUS says "new media" once; a locked tray
 * refuses START STOP UNIT's eject with 05/53/02 (SPC-3 Table 28); an unlocked eject leaves NOT READY,
 * MEDIUM NOT PRESENT (02/3A/00).
 */
import test from 'ava';
import { MmcCdrom } from '../../src/machine/devices/atapi/mmc-cdrom.js';
import type { CdMedium, MmcResult } from '../../src/machine/devices/atapi/mmc-cdrom.js';

const medium = (blocks: number): CdMedium => ({ blocks, read: (lba, out) => out.fill(lba & 0xff) });
const cdb = (...b: number[]): Uint8Array => Uint8Array.from([...b, ...new Array(12 - b.length).fill(0)]);
const TUR = cdb(0x00);
const REQUEST_SENSE = cdb(0x03, 0, 0, 0, 18);
const sense = (r: MmcResult): string => (r.ok ? 'ok' : `${r.key}/${r.asc.toString(16)}/${r.ascq}`);
const senseData = (m: MmcCdrom): string => {
  const r = m.run(REQUEST_SENSE);
  if (!r.ok || !r.data) throw new Error('REQUEST SENSE failed');
  return `${r.data[2]}/${r.data[12]!.toString(16)}/${r.data[13]}`;
};

// QEMU 7.2's ide_cd_change_cb and ide_atapi_cmd (hw/ide/core.c, atapi.c): after a change with the
// tray closed the guest sees NOT READY once, then UNIT ATTENTION, which refuses every command but the
// ALLOW_UA ones until REQUEST SENSE; GET EVENT STATUS reports the new medium once.
test('a medium change: NOT READY, then UNIT ATTENTION until REQUEST SENSE; INQUIRY and GET EVENT STATUS still answered', (t) => {
  const m = new MmcCdrom(undefined);
  t.is(sense(m.run(TUR)), '2/3a/0');
  m.changeTray(false);
  m.setMedium(medium(100));
  t.true(m.isTrayOpen);
  const open = m.run(cdb(0x4a, 1, 0, 0, 0x10, 0, 0, 0, 8));
  t.true(open.ok && open.data![4] === 0 && open.data![5] === 1, 'tray open: no event reported, status "tray open"');
  t.is(sense(m.run(TUR)), '2/3a/0');
  m.changeTray(true);
  t.true(m.run(cdb(0x12, 0, 0, 0, 36)).ok);
  const gesn = m.run(cdb(0x4a, 1, 0, 0, 0x10, 0, 0, 0, 8));
  t.true(gesn.ok && gesn.data![4] === 2 && gesn.data![5] === 2, 'new media, medium present');
  const again = m.run(cdb(0x4a, 1, 0, 0, 0x10, 0, 0, 0, 8));
  t.true(again.ok && again.data![4] === 0, 'the new-media event is reported once');
  t.is(sense(m.run(TUR)), '2/3a/0');
  t.is(sense(m.run(TUR)), '6/28/0');
  const refused = m.run(cdb(0x25));
  t.true(!refused.ok && refused.checkStatus === true && refused.key === 6, 'the unit attention stays until REQUEST SENSE');
  t.is(senseData(m), '6/28/0');
  t.is(senseData(m), '0/28/0', 'REQUEST SENSE turned the unit attention into no sense');
  t.true(m.run(TUR).ok);
  const cap = m.run(cdb(0x25));
  t.deepEqual(cap.ok ? [...cap.data!] : [], [0, 0, 0, 99, 0, 0, 8, 0]);
});

test('START STOP UNIT eject: refused while PREVENT MEDIUM REMOVAL holds (NOT READY with a medium), then the tray opens', (t) => {
  const m = new MmcCdrom(medium(10));
  const moved: boolean[] = [];
  m.onTrayMoved = (open) => moved.push(open);
  t.true(m.run(cdb(0x1e, 0, 0, 0, 1)).ok);
  t.is(sense(m.run(cdb(0x1b, 0, 0, 0, 2))), '2/53/0');
  t.false(m.isTrayOpen);
  t.true(m.run(cdb(0x1e, 0, 0, 0, 0)).ok);
  t.true(m.run(cdb(0x1b, 0, 0, 0, 2)).ok);
  t.true(m.isTrayOpen);
  t.is(sense(m.run(cdb(0x28, 0, 0, 0, 0, 0, 0, 0, 1))), '2/3a/0');
  t.true(m.run(cdb(0x1b, 0, 0, 0, 3)).ok, 'load closes the tray');
  t.deepEqual(moved, [true, false]);
  t.true(m.run(cdb(0x28, 0, 0, 0, 0, 0, 0, 0, 1)).ok);
});

test('READ(10) moves whole 2048-byte blocks; a range past the last block is 05/21/00', (t) => {
  const m = new MmcCdrom(medium(10));
  const r = m.run(cdb(0x28, 0, 0, 0, 0, 8, 0, 0, 2));
  t.true(r.ok);
  t.is(r.ok ? r.data!.length : 0, 4096);
  t.is(r.ok ? r.data![2048] : -1, 9);
  t.is(sense(m.run(cdb(0x28, 0, 0, 0, 0, 9, 0, 0, 2))), '5/21/0');
});
