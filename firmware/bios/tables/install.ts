/**
 * The legacy tables SeaBIOS 1.16.2 leaves for an OS on QEMU, in its order (src/fw/paravirt.c
 * qemu_platform_setup): the $PIR and the MP table when the CPU limit is at most 255, then SMBIOS,
 * all before the linker-loader puts the RSDP into the same F-segment zone. The order fixes the
 * addresses: ZoneFSeg hands out memory top-down.
 */
import type { FwCfg } from '../../drivers/fw-cfg.js';
import type { PciConfig } from '../../pci/config.js';
import type { Chipset } from '../../pci/chipset.js';
import type { PciDevice } from '../../pci/probe.js';
import { copyToFseg } from './fseg-copy.js';
import type { TableSink } from './fseg-copy.js';
import { buildPir } from './pir.js';
import { buildMpTable, mpTableSize } from './mptable.js';
import type { MpCpuInfo } from './mptable.js';
import { installSmbios, smbiosStructures, SMBIOS_TABLES_FILE } from './smbios.js';
import type { BiosIdentity, SmbiosPlacement } from './smbios.js';

/** FW_CFG_NB_CPUS, FW_CFG_MAX_CPUS (SeaBIOS's etc/max-cpus), FW_CFG_IRQ0_OVERRIDE (etc/irq0-override). */
const FW_CFG_NB_CPUS = 0x05;
const FW_CFG_MAX_CPUS = 0x0f;
const FW_CFG_IRQ0_OVERRIDE = 0x8002;
const LAPIC_VERSION_REG = 0xfee00030;
const CPUID_HTT = 1 << 28;
/** SeaBIOS BUILD_MAX_MPTABLE_FSEG. */
const MAX_MPTABLE_FSEG = 600;

export interface BiosTablesInput {
  readonly sink: TableSink;
  readonly fwcfg: FwCfg;
  readonly cfg: PciConfig;
  readonly chipset: Chipset;
  readonly devices: readonly PciDevice[];
  readonly identity: BiosIdentity;
  /** The APIC IDs smp_setup found (the BSP's and each AP's that answered the SIPI). */
  readonly apicIds: ReadonlySet<number>;
}

export interface BiosTables {
  readonly pir: number | undefined;
  readonly mptable: number | undefined;
  readonly smbios: SmbiosPlacement | undefined;
}

function loadInt(fwcfg: FwCfg, key: number, size: number): number {
  const b = fwcfg.read(key, size);
  let v = 0;
  for (let i = size - 1; i >= 0; i--) v = v * 256 + (b[i] ?? 0);
  return v;
}

/**
 * The CPU facts the MP table needs. fwlab's firmware runs on the CPU wire and executes no CPUID: the
 * signature and features come from the SMBIOS type 4 QEMU built from the same CPU model (EDX.HTT
 * and the logical count as QEMU's CPUID adds them for more than one thread per package), the
 * present APIC IDs from the APs that answered smp_setup's SIPI (SeaBIOS's FoundAPICIDs).
 */
function cpuInfo(inp: BiosTablesInput): MpCpuInfo {
  const { fwcfg, sink } = inp;
  const present = loadInt(fwcfg, FW_CFG_NB_CPUS, 2);
  const maxCpus = Math.max(loadInt(fwcfg, FW_CFG_MAX_CPUS, 2), present);
  let signature = 0x600;
  let features = 0x201;
  let logical = 1;
  const f = fwcfg.find(SMBIOS_TABLES_FILE);
  if (f) {
    const t = fwcfg.read(f.select, f.size);
    const t4 = smbiosStructures(t).find((o) => t[o] === 4 && t[o + 1]! >= 0x26);
    if (t4 !== undefined) {
      const dv = new DataView(t.buffer, t.byteOffset, t.byteLength);
      signature = dv.getUint32(t4 + 8, true);
      features = dv.getUint32(t4 + 12, true);
      logical = t[t4 + 0x25]!;
      if (logical > 1) features |= CPUID_HTT;
    }
  }
  return { signature: signature >>> 0, features: features >>> 0, logicalPerPackage: logical, apicVersion: sink.wire.read32(LAPIC_VERSION_REG) & 0xff, maxCpus, presentApicIds: inp.apicIds };
}

export function installBiosTables(inp: BiosTablesInput): BiosTables {
  const { sink, fwcfg, cfg } = inp;
  const cpu = cpuInfo(inp);
  let pir: number | undefined;
  let mptable: number | undefined;
  if (cpu.maxCpus <= 255) {
    pir = copyToFseg(sink, 'PIR', buildPir());
    const mp = {
      cpu,
      pci: inp.devices.map((d) => ({ bdf: d.bdf, pin: cfg.read8(d.bdf, 0x3d), line: cfg.read8(d.bdf, 0x3c) })),
      irq0Override: loadInt(fwcfg, FW_CFG_IRQ0_OVERRIDE, 4) !== 0,
    };
    const size = mpTableSize(mp);
    if (size > MAX_MPTABLE_FSEG) sink.log(`Skipping MPTABLE copy due to large size (${size} bytes)`);
    else {
      const addr = sink.fseg.alloc(size, 16);
      if (addr === undefined) sink.log('WARNING - Unable to allocate resource for MPTABLE!');
      else {
        sink.log(`Copying MPTABLE to 0x${addr.toString(16).padStart(8, '0')}`);
        sink.wire.writeBytes(addr, buildMpTable(mp, addr));
        mptable = addr;
      }
    }
  }
  const smbios = installSmbios(sink, fwcfg, inp.identity);
  return { pir, mptable, smbios };
}
