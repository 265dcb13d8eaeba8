/**
 * How SeaBIOS's call_boot_entry enters a boot sector or a CD boot image: real mode at seg:ip with
 * AX = AA55h, DL = the boot drive, the other registers and DS/ES/SS zero, IF set, and its stack at
 * 0000:6F3Ch (what a boot image sees in SP under QEMU 7.2 + SeaBIOS 1.16.2:
 * test/fixtures/guest-images/eltorito-probe-*).
 */
import type { ProgramExit } from '../../src/spec/cpu-wire.js';

const BOOT_MAGIC = 0xaa55;
const BOOT_STACK = 0x6f3c;

export function bootEntry(cs: number, ip: number, drive: number): ProgramExit {
  return { kind: 'x86', cs, ip, dl: drive, entry: { regs: { eax: BOOT_MAGIC, esp: BOOT_STACK } } };
}
