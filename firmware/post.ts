/**
 * POST in SeaBIOS's order (seabios-ovmf.md §0): detect QEMU, fw_cfg, size RAM, set up
 * the zones, PCI, the linker-loader, the RSDP search, the final e820, the hand-over.
 * Every step is logged to the debug console (0x402).
 */
import type { CpuWire, ProgramExit } from '../src/spec/cpu-wire.js';
import { E820_NVS, E820_RAM, E820_RESERVED, E820_TYPE_NAMES } from '../src/spec/e820.js';
import { HANDOVER_FLAGS } from '../src/spec/handover.js';
import { LINKER_LOADER_FILE } from '../src/spec/linker-loader.js';
import { Console } from './console.js';
import { FwCfg } from './drivers/fw-cfg.js';
import { E820Map, E820_HOLE } from './memory/e820-map.js';
import { Zone } from './memory/zone.js';
import { loadInt, sizeRam } from './memory/ram.js';
import { PciConfig } from './pci/config.js';
import { pciSetup } from './pci/setup.js';
import { lockFSegment, makeBiosReadonly, shadowBios, smmSetup } from './pci/chipset.js';
import type { Chipset } from './pci/chipset.js';
import * as R from './pci/regs.js';
import { executeLoader } from './loader/execute.js';
import type { LoaderResult } from './loader/execute.js';
import { formatFinding, LOADER_POLICIES } from './loader/findings.js';
import type { LoaderPolicy } from './loader/findings.js';
import { fwCfgLoaderHost } from './loader/fw-cfg-host.js';
import { keepWritePointer } from './loader/s3-pointers.js';
import type { WritePointerRecord } from './loader/host.js';
import { findRsdp } from './loader/tables.js';
import { installOvmfTables } from './ovmf/install.js';
import { installOvmfSmbios } from './ovmf/smbios.js';
import type { OvmfSmbios } from './ovmf/smbios.js';
import { OVMF_S3_CONTEXT, OVMF_S3_CONTEXT_SIZE, ovmfS3Resume, saveOvmfS3Context } from './ovmf/s3.js';
import { FW_CFG_FILE_SYSTEM_STATES } from '../src/spec/fw-cfg.js';
import { ovmfPciSetup } from './ovmf/pci-setup.js';
import { writeHandover } from './handover.js';
import { setupBios } from './bios/setup.js';
import { s3Resume } from './s3/resume.js';
import { clearResumeVars, writeResumeVars } from './s3/resume-vars.js';

/** PCI class 0300h: a VGA-compatible controller (its option ROM, SeaVGABIOS under QEMU, owns int 10h). */
const PCI_CLASS_DISPLAY_VGA = 0x0300;
import { bootDevices } from './bios/boot.js';
import { setupSata } from './bios/sata.js';
import { ideFindCdroms } from './bios/atapi-pio.js';
import { identifyModel } from './bios/ahci.js';
import type { CdLocation } from './bios/cdrom.js';
import { installBiosTables } from './bios/tables/install.js';
import { smpSetup } from './bios/smp.js';
import { bootKernel } from './boot/kernel.js';
import type { FirmwareProfile } from './profile.js';
import { FirmwareTrace } from './trace.js';

export const FIRMWARE_VERSION = '0.2.0';
/** A user fw_cfg file that overrides the profile's linker-loader policy. */
export const LOADER_POLICY_FILE = 'opt/fwlab/loader-policy';
/** A user fw_cfg file whose presence copies int 10h teletype output to the debug console. */
export const INT10_MIRROR_FILE = 'opt/fwlab/int10-debugcon';
const MiB = 1024 * 1024;
const FOUR_GIB = 2 ** 32;
/** SeaBIOS BUILD_MAX_HIGHTABLE / BUILD_MIN_HIGHTABLE. */
const HIGH_TABLE_MAX = 16 * MiB;
const HIGH_TABLE_MIN = 256 * 1024;
/**
 * fwlab's F-segment malloc zone: where Debian's bios-256k.bin 1.16.2 has its ZoneFSeg (between its
 * link symbols; its POST reports the free tail as "Space available for UMB: ..., f5500-f5990").
 */
export const FSEG_ZONE_START = 0xf5500;
export const FSEG_ZONE_END = 0xf5d00;
const BIOS_ROM_RESERVE = 0xfffc0000;

const hx = (v: number, w = 0): string => '0x' + v.toString(16).padStart(w, '0');

export interface PostState {
  chipset: Chipset;
  fwcfg: FwCfg | undefined;
  loader: LoaderResult | undefined;
  rsdp: number | undefined;
}

/** The profile's loader policy, unless fw_cfg carries `opt/fwlab/loader-policy` (seabios|ovmf|strict). */
function loaderPolicy(fwcfg: FwCfg, profile: FirmwareProfile): LoaderPolicy {
  const f = fwcfg.find(LOADER_POLICY_FILE);
  if (!f || f.size > 16) return profile.loaderPolicy;
  const text = String.fromCharCode(...fwcfg.read(f.select, f.size)).replace(/[\0\s]+$/, '');
  return (LOADER_POLICIES as readonly string[]).includes(text) ? text as LoaderPolicy : profile.loaderPolicy;
}

/** OVMF's QemuFwCfgS3Enabled: etc/system-states byte 3 (S3) has its enable bit 7. */
function s3Supported(fwcfg: FwCfg): boolean {
  const f = fwcfg.find(FW_CFG_FILE_SYSTEM_STATES);
  return f !== undefined && f.size >= 4 && (fwcfg.read(f.select, f.size)[3]! & 0x80) !== 0;
}

function detectQemu(cfg: PciConfig): Chipset | undefined {
  const vendor = cfg.read16(0, R.PCI_VENDOR_ID);
  if (vendor === 0 || vendor === 0xffff) return undefined;
  if (cfg.read16(0, R.PCI_SUBSYSTEM_VENDOR_ID) !== R.PCI_SUBSYS_VENDOR_QEMU || cfg.read16(0, R.PCI_SUBSYSTEM_ID) !== R.PCI_SUBSYS_ID_QEMU) {
    return undefined;
  }
  const device = cfg.read16(0, R.PCI_DEVICE_ID);
  return device === R.PCI_DEVICE_ID_INTEL_82441 ? 'i440fx' : device === R.PCI_DEVICE_ID_INTEL_Q35_MCH ? 'q35' : 'unknown';
}

export function post(wire: CpuWire, profile: FirmwareProfile): ProgramExit {
  const con = new Console(wire);
  const log = (line: string): void => con.log(line);
  const resumed = profile.name === 'seabios' ? s3Resume(wire, log) : ovmfS3Resume(wire, log);
  if (resumed) return resumed;
  log(`fwlab BIOS ${FIRMWARE_VERSION} (${profile.banner})`);

  const cfg = new PciConfig(wire);
  const qemu = detectQemu(cfg);
  const chipset: Chipset = qemu ?? 'unknown';
  log(qemu ? `Running on QEMU (${qemu})` : 'No QEMU host bridge at 00:00.0: PCI setup skipped');

  const fwcfg = FwCfg.detect(wire);
  if (fwcfg) {
    log('Found QEMU fw_cfg');
    if (fwcfg.dma) log('QEMU fw_cfg DMA interface supported');
    log(`fw_cfg: ${fwcfg.files.length} files`);
  } else log('No QEMU fw_cfg: RAM from CMOS, no ACPI tables');
  const trace = FirmwareTrace.fromFwCfg(wire, fwcfg);
  if (trace.areas.size) log(`trace: ${[...trace.areas].join(',')} (opt/fwlab/trace)`);

  const ram = sizeRam(wire, fwcfg);
  const e820 = new E820Map();
  for (const e of ram.entries) {
    e820.add(e.address, e.length, e.type);
    if (ram.source === 'etc/e820') {
      log(`qemu/e820: addr ${hx(e.address, 16)} len ${hx(e.length, 16)} [${e.type === E820_RAM ? 'RAM' : 'reserved'}]`);
    }
  }
  if (ram.source === 'cmos') log(`RAM from CMOS: ${hx(ram.ramSize)} below 4G, ${hx(ram.ramSizeOver4G)} above`);
  e820.add(BIOS_ROM_RESERVE, FOUR_GIB - BIOS_ROM_RESERVE, E820_RESERVED);
  e820.add(0xa0000, 0xf0000 - 0xa0000, E820_HOLE);
  e820.add(0x9fc00, 0x400, E820_RESERVED);
  e820.add(0xf0000, 0x10000, E820_RESERVED);

  // malloc_preinit: ZoneHigh at the top of the highest RAM entry below 4 GiB.
  const high = new Zone('ZoneHigh');
  const top = [...e820.list()].reverse().find((e) => e.type === E820_RAM && e.address + e.length <= FOUR_GIB && e.address >= MiB);
  let highStart = 0;
  let highEnd = 0;
  if (top) {
    highEnd = top.address + top.length;
    const size = top.length >= 2 * HIGH_TABLE_MAX ? HIGH_TABLE_MAX : HIGH_TABLE_MIN;
    highStart = Math.floor((highEnd - size) / 16) * 16;
    high.addRange(highStart, highEnd);
    e820.add(highStart, highEnd - highStart, E820_RESERVED);
    log(`malloc: ZoneHigh ${hx(highStart)}-${hx(highEnd)}`);
  }

  if (qemu) shadowBios(cfg, chipset);
  if (qemu && profile.name === 'seabios') clearResumeVars(wire);
  const fseg = new Zone('ZoneFSeg');
  fseg.addRange(FSEG_ZONE_START, FSEG_ZONE_END);
  wire.writeBytes(FSEG_ZONE_START, new Uint8Array(FSEG_ZONE_END - FSEG_ZONE_START));
  log(`malloc: ZoneFSeg ${hx(FSEG_ZONE_START)}-${hx(FSEG_ZONE_END)}`);

  const hasLoader = fwcfg?.find(LINKER_LOADER_FILE) !== undefined;
  const pmBase = profile.name === 'ovmf' ? (chipset === 'q35' ? 0x600 : 0xb000) : hasLoader ? 0x600 : 0xb000;
  if (pmBase !== 0xb000) log(`Moving pm_base to ${hx(pmBase)}`);

  let pciWindow = { start: 0, end: 0 };
  let pciMaxBus = 0;
  let vga = false;
  const reserve = (a: number, l: number): void => e820.add(a, l, E820_RESERVED);
  let ovmfSmbios: OvmfSmbios | undefined;
  if (qemu && profile.name === 'ovmf') {
    const r = ovmfPciSetup({ wire, ramSize: ram.ramSize, extraRoots: loadInt(fwcfg, 'etc/extra-pci-roots', 0), pmBase, log, reserve });
    if (!r.ok) {
      log(`PANIC: ${r.panic}`);
      return { kind: 'halt', reason: r.panic };
    }
    pciWindow = { start: r.mem32Start, end: 0xfc000000 };
    // SmbiosDxe + SmbiosPlatformDxe are dispatched before the ACPI platform driver.
    if (fwcfg) ovmfSmbios = installOvmfSmbios(wire, fwcfg, high, log);
  } else if (qemu) {
    const r = pciSetup({
      wire, ramSize: ram.ramSize, ramSizeOver4G: ram.ramSizeOver4G,
      reservedMemoryEnd: loadInt(fwcfg, 'etc/reserved-memory-end', 0),
      extraRoots: loadInt(fwcfg, 'etc/extra-pci-roots', 0), pmBase, log, reserve,
    });
    if (!r.ok) {
      log(`PANIC: ${r.panic}`);
      return { kind: 'halt', reason: r.panic };
    }
    pciWindow = { start: r.placement.memBase, end: 0xfec00000 };
    pciMaxBus = r.devices.reduce((m, d) => Math.max(m, d.bdf >> 8), 0);
    vga = r.devices.some((d) => d.classWord === PCI_CLASS_DISPLAY_VGA);
    const smp = smpSetup(wire, fwcfg, log);
    if (fwcfg) {
      installBiosTables({ sink: { wire, fseg, high, log }, fwcfg, cfg, chipset, devices: r.devices, identity: profile.smbiosIdentity, apicIds: smp.apicIds });
    }
  }

  // romfile_loader_execute("etc/table-loader"): the first select of an ACPI blob happens here.
  let loader: LoaderResult | undefined;
  let rsdp: number | undefined;
  let ovmfRegions: readonly { addr: number; size: number; type: number }[] = [];
  const loaderFile = fwcfg?.find(LINKER_LOADER_FILE);
  if (fwcfg && loaderFile) {
    // OVMF ignores the zone and allocates whole pages (EfiACPIMemoryNVS).
    const fwHost = fwCfgLoaderHost(wire, fwcfg, { HIGH: high, FSEG: profile.name === 'ovmf' ? high : fseg }, undefined,
      profile.name === 'ovmf' ? 4096 : undefined);
    const host = profile.name === 'seabios' ? { ...fwHost, keepWritePointer: (w: WritePointerRecord) => keepWritePointer(wire, high, w, log) } : fwHost;
    loader = executeLoader(host, fwcfg.read(loaderFile.select, loaderFile.size), loaderPolicy(fwcfg, profile), trace.writer('loader'));
    for (const f of loader.findings) log(`loader: ${formatFinding(f)}`);
    log(`loader: ${loader.commands} entries, ${loader.ok ? 'ok' : 'FAILED'} (policy ${loader.policy})`);
    for (const b of loader.blobs) log(`loader: ${b.name} at ${hx(b.addr)} (${b.size} bytes, ${b.zone})`);
    for (const w of loader.writePointers) log(`loader: WRITE_POINTER ${w.file}+${w.offset} = ${hx(Number(w.value))}`);
    if (profile.name === 'ovmf' && loader.ok) {
      const inst = installOvmfTables(wire, loader, host, high, log);
      rsdp = inst.rsdp;
      ovmfRegions = inst.regions;
      if (qemu && rsdp !== undefined && s3Supported(fwcfg)) {
        saveOvmfS3Context(wire, { facs: inst.facs ?? 0, pmBase, chipset, pointers: loader.writePointers });
        ovmfRegions = [...ovmfRegions, { addr: OVMF_S3_CONTEXT, size: OVMF_S3_CONTEXT_SIZE, type: E820_NVS }];
      }
    }
  }
  if (profile.name === 'seabios') {
    rsdp = findRsdp(wire, FSEG_ZONE_START, FSEG_ZONE_END);
    if (rsdp !== undefined) {
      const rsdt = wire.read32(rsdp + 16);
      log(`ACPI: RSDP at ${hx(rsdp)}, RSDT at ${hx(rsdt)}`);
      const len = wire.read32(rsdt + 4);
      for (let o = 36; o + 4 <= len && len < 0x10000; o += 4) {
        const t = wire.read32(rsdt + o);
        const sig = String.fromCharCode(...wire.readBytes(t, 4));
        log(`table(${sig})=${hx(t)} (via rsdt)`);
      }
    } else if (loader) log('ACPI: no RSDP found after the loader');
  }

  // ahci_scan (q35): each AHCI device's command list, FIS area and command table come from ZoneHigh.
  const sata = profile.name === 'seabios' && qemu ? setupSata(wire, cfg, high, log) : undefined;
  // ata_scan (pc): a CD-ROM on the IDE channels (the disk is found when it boots).
  let cdrom: CdLocation | undefined = sata?.cdrom && { kind: 'ahci', disk: sata.cdrom };
  if (profile.name === 'seabios' && qemu && !cdrom) {
    const ide = ideFindCdroms(wire)[0];
    if (ide) {
      const { model, version } = identifyModel(ide.words);
      log(`DVD/CD [ata${ide.cd.base === 0x1f0 ? 0 : 1}-${ide.cd.unit}: ${model} ATAPI-${version} DVD/CD]`);
      cdrom = { kind: 'ide', cd: ide.cd };
    }
  }

  // malloc_prepboot: give back the unused low part of ZoneHigh.
  if (top) {
    const lowest = high.lowestUsed() ?? highEnd;
    const keep = Math.floor(lowest / 4096) * 4096;
    if (keep > highStart) {
      e820.add(highStart, keep - highStart, E820_RAM);
      log(`Returned ${keep - highStart} bytes of ZoneHigh`);
    }
  }
  for (const r of [...ovmfSmbios?.regions ?? [], ...ovmfRegions]) e820.add(r.addr, r.size, r.type);
  const map = e820.list();
  if (profile.name === 'seabios') {
    setupBios(wire, { e820: map, maxPciBus: pciMaxBus, vga, teletypeMirror: fwcfg?.find(INT10_MIRROR_FILE) !== undefined, chipset });
  }
  if (qemu && profile.name === 'seabios') {
    smmSetup(wire, cfg, chipset, pmBase);
    writeResumeVars(wire, { rsdp: rsdp ?? 0, pmBase, chipset });
    makeBiosReadonly(cfg, chipset);
  } else if (qemu) {
    lockFSegment(cfg, chipset);
  }
  log(`e820 map has ${map.length} items:`);
  map.forEach((e, i) => log(`  ${i}: ${hx(e.address, 16).slice(2)} - ${hx(e.address + e.length, 16).slice(2)} = ${e.type} ${(E820_TYPE_NAMES[e.type] ?? '?').toUpperCase()}`));

  writeHandover(wire, {
    flags: (profile.name === 'ovmf' ? HANDOVER_FLAGS.OVMF_PROFILE : 0) | (rsdp !== undefined ? HANDOVER_FLAGS.ACPI : 0)
      | (fwcfg?.dma ? HANDOVER_FLAGS.FW_CFG_DMA : 0) | (chipset === 'q35' ? HANDOVER_FLAGS.Q35 : 0)
      | (trace.has('aml') ? HANDOVER_FLAGS.TRACE_AML : 0),
    rsdp: rsdp ?? 0, e820: map, pmBase, pciMem32Start: pciWindow.start, pciMem32End: pciWindow.end,
    s3: loader?.writePointers ?? [],
    smbios: ovmfSmbios?.entryPoint32 ?? 0, smbios3: ovmfSmbios?.entryPoint64 ?? 0,
  });
  if (profile.name === 'seabios') {
    const kernel = fwcfg ? bootKernel(wire, fwcfg, log) : undefined;
    if (kernel) return kernel;
    const booted = bootDevices(wire, log, { sata: sata?.disk, cdrom, chipset, ...(fwcfg ? { fwcfg } : {}) });
    if (booted) return booted;
  }
  log('Booting: hand-over to the guest');
  return { kind: 'handover' };
}
