/**
 * SeaBIOS 1.16.2's smp_setup (src/fw/smp.c) for QEMU: the APs are counted and parked. The BSP
 * software-enables its local APIC, sets LINT0 to ExtINT and LINT1 to NMI (both level), puts the AP
 * code at 0x10000 (SeaBIOS's BUILD_AP_BOOT_ADDR) and broadcasts INIT and STARTUP 10h to all but
 * itself; each AP marks its CPUID initial APIC ID in a bitmap, counts itself in with a locked add
 * and parks in the F-segment's `cli; hlt` loop. The BSP waits until the count reaches the present
 * CPUs (the larger of fw_cfg NB_CPUS and CMOS 5Fh + 1) and restores the page. SeaBIOS waits with no
 * limit; here a virtual-time limit ends a wait no CPU would answer. SeaBIOS's APs also copy the MSRs
 * the BSP wrote (MTRRs, feature control): this firmware runs on the CPU wire and writes none, so the
 * APs have none to copy.
 */
import type { CpuWire } from '../../src/spec/cpu-wire.js';
import type { FwCfg } from '../drivers/fw-cfg.js';
import { cmosSmpCount } from '../cmos.js';
import { HALT_LOOP_ADDR, HALT_LOOP_CODE } from './layout.js';

const APIC = 0xfee00000;
const APIC_ID = APIC + 0x20;
const APIC_SVR = APIC + 0xf0;
const APIC_ICR_LOW = APIC + 0x300;
const APIC_LINT0 = APIC + 0x350;
const APIC_LINT1 = APIC + 0x360;
const APIC_ENABLED = 0x100;
/** INIT, then STARTUP, level assert, to all excluding self (ICR shorthand 11b). */
const ICR_INIT_ALL_BUT_SELF = 0x000c4500;
const ICR_STARTUP_ALL_BUT_SELF = 0x000c4600;
/** FW_CFG_NB_CPUS, and FW_CFG_MAX_CPUS (SeaBIOS's legacy romfile etc/max-cpus). */
const FW_CFG_NB_CPUS = 0x05;
const FW_CFG_MAX_CPUS = 0x0f;
export const AP_BOOT_ADDR = 0x10000;
/** Where the AP code keeps its count and the found-APIC-ID bitmap (offsets in its page). */
const COUNT_OFFSET = 0x40;
const FOUND_OFFSET = 0x44;
const FOUND_BYTES = 32;
/** How long the BSP waits for the APs at most, and between looks at the count. */
const WAIT_LIMIT_NS = 100e6;
const POLL_NS = 1000;

/** The AP code, real mode at 1000:0000 (STARTUP vector 10h). */
function apCode(): Uint8Array {
  const park = HALT_LOOP_ADDR - 0xf0000;
  return Uint8Array.of(
    0xfa, //                          cli
    0xfc, //                          cld
    0x8c, 0xc8, //                    mov ax, cs
    0x8e, 0xd8, //                    mov ds, ax
    0x66, 0xb8, 1, 0, 0, 0, //        mov eax, 1
    0x0f, 0xa2, //                    cpuid
    0x66, 0xc1, 0xeb, 0x18, //        shr ebx, 24            ; the initial APIC ID
    0xf0, 0x66, 0x0f, 0xab, 0x1e, FOUND_OFFSET, 0, //   lock bts [FOUND], ebx
    0xf0, 0x66, 0xff, 0x06, COUNT_OFFSET, 0, //          lock inc dword [COUNT]
    0xea, park & 0xff, park >> 8, 0x00, 0xf0, //        jmp F000:park  (cli; hlt; jmp $-2)
  );
}

export interface SmpResult {
  /** CountCPUs: the BSP and the APs that checked in. */
  readonly count: number;
  /** MaxCountCPUs: etc/max-cpus, at least the present count. */
  readonly max: number;
  /** The APIC IDs found (the BSP's and each AP's CPUID initial APIC ID). */
  readonly apicIds: ReadonlySet<number>;
}

function read16(fwcfg: FwCfg | undefined, key: number): number {
  if (!fwcfg) return 0;
  const b = fwcfg.read(key, 2);
  return b[0]! | (b[1]! << 8);
}

/** qemu_get_present_cpus_count: fw_cfg NB_CPUS or CMOS 5Fh + 1, the larger. */
function presentCpus(wire: CpuWire, fwcfg: FwCfg | undefined): number {
  return Math.max(read16(fwcfg, FW_CFG_NB_CPUS), cmosSmpCount(wire));
}

export function smpSetup(wire: CpuWire, fwcfg: FwCfg | undefined, log: (line: string) => void): SmpResult {
  const present = presentCpus(wire, fwcfg);
  const max = Math.max(read16(fwcfg, FW_CFG_MAX_CPUS), present);
  const code = apCode();
  wire.writeBytes(HALT_LOOP_ADDR, Uint8Array.from(HALT_LOOP_CODE));
  const saved = wire.readBytes(AP_BOOT_ADDR, 0x100);
  const page = new Uint8Array(0x100);
  page.set(code);
  wire.writeBytes(AP_BOOT_ADDR, page);

  wire.write32(APIC_SVR, (wire.read32(APIC_SVR) | APIC_ENABLED) >>> 0);
  wire.write32(APIC_LINT0, 0x8700);
  wire.write32(APIC_LINT1, 0x8400);
  wire.write32(APIC_ICR_LOW, ICR_INIT_ALL_BUT_SELF);
  wire.write32(APIC_ICR_LOW, ICR_STARTUP_ALL_BUT_SELF | (AP_BOOT_ADDR >> 12));

  const started = wire.now();
  let aps = wire.read32(AP_BOOT_ADDR + COUNT_OFFSET);
  while (aps + 1 < present && wire.now() - started < WAIT_LIMIT_NS) {
    wire.delay(POLL_NS);
    aps = wire.read32(AP_BOOT_ADDR + COUNT_OFFSET);
  }
  const ids = new Set<number>([wire.read32(APIC_ID) >>> 24]);
  const found = wire.readBytes(AP_BOOT_ADDR + FOUND_OFFSET, FOUND_BYTES);
  for (let i = 0; i < FOUND_BYTES * 8; i++) if (found[i >> 3]! & (1 << (i & 7))) ids.add(i);
  wire.writeBytes(AP_BOOT_ADDR, saved);
  const count = aps + 1;
  if (count < present) log(`smp: ${present - count} of ${present} CPUs did not answer the SIPI within ${WAIT_LIMIT_NS / 1e6} ms`);
  log(`Found ${count} cpu(s) max supported ${max} cpu(s)`);
  return { count, max, apicIds: ids };
}
