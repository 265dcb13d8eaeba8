/**
 * fwlab's BIOS places its real-mode pieces at fixed F-segment addresses (firmware/bios/layout.ts):
 * no two may overlap (the floppy branch's extended diskette table and the S3 branch's resume
 * variables were once both given 0xF6840, and a resume then read a diskette table as its
 * WRITE_POINTER list).
 */
import test from 'ava';
import * as L from '../../firmware/bios/layout.js';
import { RESUME_VARS_SIZE } from '../../firmware/s3/resume-vars.js';
import { BIOS_STUB_SIZE } from '../../src/spec/bios-call.js';

/** The extended diskette parameter table: SeaBIOS's 11 bytes, then max track, data rate, drive type. */
const DISKETTE_PARAM_TABLE2_SIZE = 14;
const HALT_LOOP_SIZE = 4;

test('the fixed F-segment pieces of fwlab\'s BIOS do not overlap', (t) => {
  const regions: Array<[string, number, number]> = [
    ['trap stubs', L.STUB_BASE, L.SERVED_VECTORS.length * BIOS_STUB_SIZE],
    ['halt loop', L.HALT_LOOP_ADDR, HALT_LOOP_SIZE],
    ['flat GDT', L.FLAT_GDT_ADDR, L.FLAT_GDT_ENTRIES * 8],
    ['extended diskette table', L.DISKETTE_PARAM_TABLE2_ADDR, DISKETTE_PARAM_TABLE2_SIZE],
    ['S3 resume variables', L.RESUME_VARS_ADDR, RESUME_VARS_SIZE],
    ['diskette table (F000:EFC7)', L.DISKETTE_PARAM_TABLE_ADDR, 11],
    ['POST entry (F000:E05B)', L.POST_ENTRY_ADDR, 5],
    ['IRET (F000:FF53)', L.IRET_ADDR, 1],
    ['reset vector', L.RESET_VECTOR_ADDR, 16],
  ];
  const clashes: string[] = [];
  for (const [i, [a, as, al]] of regions.entries()) {
    for (const [b, bs, bl] of regions.slice(i + 1)) if (as < bs + bl && bs < as + al) clashes.push(`${a} and ${b}`);
  }
  t.deepEqual(clashes, []);
});
