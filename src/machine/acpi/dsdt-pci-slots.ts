import {
  and, arg, call, device, encode, local, field, ifThen, method, name, notify, opRegion, pkg, raw, ret, scope, store,
} from './aml/index.js';
import type { Aml, AmlArg, FieldUnit } from './aml/index.js';
import type { AcpiPciBus, AcpiPciFunction, IsaUserDevice } from './dsdt-input.js';
import { isaDevices } from './dsdt-isa.js';
import {
  ICH9_LPC_PIRQA_ROUT, ICH9_LPC_PIRQE_ROUT, PCI_CLASS_BRIDGE_HOST, PCI_CLASS_BRIDGE_ISA,
  PCI_CLASS_DISPLAY_VGA, PCI_CLASS_SERIAL_SMBUS, PIIX_PIRQCA,
} from '../../spec/pci.js';


/** QEMU's DeviceClass.hotpluggable: chipset functions and VGA are not. */
function isHotpluggable(f: AcpiPciFunction): boolean {
  if (f.hotpluggable === false) return false;
  return f.classCode !== PCI_CLASS_BRIDGE_HOST && f.classCode !== PCI_CLASS_BRIDGE_ISA && f.classCode !== PCI_CLASS_DISPLAY_VGA;
}
import type { FloppyDriveType } from '../devices/fdc/fd-formats.js';

export interface SlotContext {
  readonly board: 'pc' | 'q35';
  readonly floppy: boolean;
  readonly floppyDrives: readonly FloppyDriveType[];
  readonly lpt1: boolean;
  readonly com1: boolean;
  readonly serialPorts?: readonly number[] | undefined;
  readonly isaUserDevices: readonly IsaUserDevice[];
}

const devName = (slot: number, fn: number) => `S${((slot << 3) | fn).toString(16).toUpperCase().padStart(2, '0')}`;

/** The `_DSM` every hot-plug-capable slot carries, resolving through PDSM with (BSEL, ASUN). */
function slotDsm(): Aml {
  return method('_DSM', 4, { serialized: true },
    store(pkg('BSEL', 'ASUN'), local(0)),
    ret(call('PDSM', arg(0), arg(1), arg(2), arg(3), local(0))));
}

function ejectable(slot: number): Aml[] {
  return [name('_SUN', slot), method('_EJ0', 1, {}, call('PCEJ', 'BSEL', '_SUN'))];
}

/**
 * A hot-plug slot's device (function 0 of `slot`): an empty slot and a hot-pluggable function 0
 * without AML of its own encode to the same bytes, which depend on the slot number only. Encoded
 * once per slot number; a bus of 32 such slots is then 32 copies.
 */
const hotplugSlots = new Map<number, Aml>();
function hotplugSlotDevice(slot: number): Aml {
  let aml = hotplugSlots.get(slot);
  if (!aml) {
    aml = raw(encode(device(devName(slot, 0), name('_ADR', slot << 16), name('ASUN', slot), slotDsm(), ...ejectable(slot))));
    hotplugSlots.set(slot, aml);
  }
  return aml;
}

/** The LPC/ISA bridge's routing registers, declared in \_SB, and its ISA devices. */
function isaBridgeBody(ctx: SlotContext, path: string): Aml[] {
  if (ctx.board === 'pc') {
    const units: FieldUnit[] = [0, 1, 2, 3].map((i) => ({ name: `PRQ${i}`, bits: 8 }));
    return [
      opRegion('P40C', 'PCI_Config', PIIX_PIRQCA, 4),
      scope('\\_SB', field(`${path}.P40C`, { access: 'ByteAcc' }, ...units)),
      ...isaDevices(ctx),
    ];
  }
  const units: FieldUnit[] = [
    ...'ABCD'.split('').map((c) => ({ name: `PRQ${c}`, bits: 8 })),
    { offset: ICH9_LPC_PIRQE_ROUT - ICH9_LPC_PIRQA_ROUT },
    ...'EFGH'.split('').map((c) => ({ name: `PRQ${c}`, bits: 8 })),
  ];
  return [
    opRegion('PIRQ', 'PCI_Config', ICH9_LPC_PIRQA_ROUT, ICH9_LPC_PIRQE_ROUT + 4 - ICH9_LPC_PIRQA_ROUT),
    scope('\\_SB', field(`${path}.PIRQ`, { access: 'ByteAcc' }, ...units)),
    ...isaDevices(ctx),
  ];
}

/**
 * Devices of one bus, as QEMU 7.2 lists them: with ACPI hot-plug (a BSEL), every function-0
 * slot gets a device (empty ones and hot-pluggable ones with _SUN/_EJ0); without, only the
 * host bridge, the ISA/LPC bridge, SMBus and bridges are described. Then DVNT and PCNT.
 */
export function busDevices(ctx: SlotContext, bus: AcpiPciBus, path: string, isRoot: boolean): Aml[] {
  const out: AmlArg[] = [];
  const bsel = bus.bsel;
  if (bsel !== undefined) out.push(name('BSEL', bsel));
  const slots = bus.singleSlot ? 1 : 32;
  const ejectableSlots: number[] = [];
  const bySlot: AcpiPciFunction[][] = Array.from({ length: slots }, () => []);
  for (const f of bus.functions) if (f.slot < slots) bySlot[f.slot]!.push(f);
  for (let slot = 0; slot < slots; slot++) {
    const fns = bySlot[slot]!.sort((x, y) => x.fn - y.fn);
    if (!fns.some((f) => f.fn === 0)) {
      if (bsel !== undefined && bus.express && slot > 0) break;
      if (bsel !== undefined) {
        out.push(hotplugSlotDevice(slot));
        ejectableSlots.push(slot);
      }
      continue;
    }
    for (const f of fns) {
      // Functions other than 0 are described only when they bring AML of their own (ICH9 SMBus, std VGA).
      if (f.fn !== 0 && !(ctx.board === 'q35' && f.classCode === PCI_CLASS_SERIAL_SMBUS) && !f.vgaAml) continue;
      const dn = devName(slot, f.fn);
      const adr = (slot << 16) | f.fn;
      const body: AmlArg[] = [name('_ADR', adr)];
      const coldplugged = f.secondary !== undefined || !isHotpluggable(f);
      if (f.fn === 0 && bsel !== undefined && !coldplugged && !f.vgaAml) {
        out.push(hotplugSlotDevice(slot));
        ejectableSlots.push(slot);
        continue;
      }
      if (bsel !== undefined) body.push(name('ASUN', slot), slotDsm());
      if (bsel !== undefined && !coldplugged) {
        body.push(...ejectable(slot));
        ejectableSlots.push(slot);
      }
      if (f.vgaAml) {
        body.push(method('_S1D', 0, {}, ret(0)), method('_S2D', 0, {}, ret(0)), method('_S3D', 0, {}, ret(0)));
      }
      if (f.classCode === PCI_CLASS_BRIDGE_ISA && isRoot) body.push(...isaBridgeBody(ctx, `PCI0.${dn}`));
      if (f.secondary) {
        body.push(...busDevices(ctx, f.secondary, `${path}.${dn}`, false));
      }
      out.push(device(dn, ...body));
    }
  }
  if (bsel !== undefined) {
    const dvnt = ejectableSlots.map((slot) => ifThen(and(arg(0), 2 ** slot), notify(devName(slot, 0), arg(1))));
    out.push(method('DVNT', 2, {}, ...dvnt));
  }
  const pcnt: AmlArg[] = [];
  if (bsel !== undefined) {
    pcnt.push(store(bsel, 'BNUM'), call('DVNT', 'PCIU', 1), call('DVNT', 'PCID', 3));
  }
  // QEMU walks the bus's child buses, a list each new bridge joins at the head: newest first. It
  // calls every one, described above or not (a switch bus stops describing at its first gap).
  // Without a creation order (a PCI view rebuilt from query-pci), slot order stands in for it.
  const bridges = bus.functions.filter((f) => f.secondary)
    .map((f, i) => ({ dn: devName(f.slot, f.fn), order: f.plugOrder ?? i }));
  for (const b of bridges.sort((x, y) => y.order - x.order)) pcnt.push(call(`^${b.dn}.PCNT`));
  out.push(method('PCNT', 0, {}, ...pcnt));
  return out as Aml[];
}
