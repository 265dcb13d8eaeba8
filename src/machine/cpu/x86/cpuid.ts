import type { X86Core as X86Cpu } from './x86-core.js';

/**
 * CPUID (SDM vol. 2 CPUID): "GenuineIntel", family 6 model 5 stepping 2, and exactly the feature bits
 * this core implements (docs/decisions/0023-x86-interpreter-core.md). Returns [EAX, EBX, ECX, EDX].
 */
export const CPUID_FEATURES_EDX =
  (1 << 0) // FPU: the x87 on chip
  | (1 << 3) // PSE: 4 MiB pages
  | (1 << 4) // TSC: RDTSC, CR4.TSD
  | (1 << 5) // MSR: RDMSR/WRMSR
  | (1 << 6) // PAE: 64-bit page tables, 2 MiB pages, 36-bit physical addresses (no NX)
  | (1 << 8) // CX8: CMPXCHG8B
  | (1 << 11) // SEP: SYSENTER/SYSEXIT
  | (1 << 12) // MTRR: the MTRR MSRs (kept, no effect on an interpreter)
  | (1 << 13) // PGE: global pages
  | (1 << 15); // CMOV: CMOVcc (and FCMOVcc/FCOMI with the FPU)
const APIC_BIT = 1 << 9;
/**
 * CPUID.1:ECX bit 31, "hypervisor present": QEMU sets it for its TCG models, so Linux knows not to
 * probe the model's performance counters (Debian's kernel on QEMU 7.2: "Performance Events: PMU not
 * available due to virtualization"); leaf 0x40000000 then names no hypervisor (all zeros).
 */
export const CPUID_FEATURES_ECX = 1 << 31;

const BRAND = 'fwlab x86 interpreter';

function words(s: string): number[] {
  const b = new Uint8Array(48);
  for (let i = 0; i < s.length && i < 47; i++) b[i] = s.charCodeAt(i);
  const v = new DataView(b.buffer);
  return Array.from({ length: 12 }, (_, i) => v.getUint32(i * 4, true) | 0);
}
const BRAND_WORDS = words(BRAND);

export function cpuid(c: X86Cpu, leaf: number): [number, number, number, number] {
  switch (leaf) {
    case 0: return [1, 0x756e6547, 0x6c65746e, 0x49656e69]; // "Genu" "ntel" "ineI"
    case 1: return [0x652, 0, CPUID_FEATURES_ECX, CPUID_FEATURES_EDX | (c.apic ? APIC_BIT : 0)];
    case 0x80000000: return [0x80000004 | 0, 0, 0, 0];
    case 0x80000002: case 0x80000003: case 0x80000004: {
      const i = (leaf - 0x80000002) * 4;
      return [BRAND_WORDS[i]!, BRAND_WORDS[i + 1]!, BRAND_WORDS[i + 2]!, BRAND_WORDS[i + 3]!];
    }
    default: return [0, 0, 0, 0];
  }
}
