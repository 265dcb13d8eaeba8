/**
 * The configuration fuzzer's OVMF mode (`npm run fuzz -- --target config --firmware ovmf`): each
 * generated command line runs under real QEMU 7.2 + OVMF 2022.11 (query-pci once OVMF has placed
 * PCI, test/helpers/ovmf-run.ts) and through fwlab's OVMF profile; every device whose placement
 * differs is one difference.
 */
import { generateConfig } from './config-generator.js';
import { generatePxbConfig } from './pxb-generator.js';
import { ovmfQueryPci, QemuRefused } from '../test/helpers/ovmf-run.js';
import { canonical } from '../test/pci/config-cycles.js';
import { bootMachine, createMachine, romPath } from '../src/inspect.js';
import type { FuzzOutcome } from './config-fuzz.js';

interface QueryPciBus { readonly bus: number; readonly devices: ReadonlyArray<Record<string, unknown>> }

/** Each function of a query-pci answer by bus:slot.function, canonical JSON. */
function functions(q: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (buses: readonly QueryPciBus[]): void => {
    for (const b of buses) {
      for (const d of b.devices) {
        const bridge = d.pci_bridge as { devices?: unknown[]; bus?: { number: number } } | undefined;
        // A bridge's windows and bus numbers are compared with it; the functions behind it one by one.
        out.set(`${b.bus}:${String(d.slot)}.${String(d.function)}`, JSON.stringify(canonical({ ...d, pci_bridge: bridge && { ...bridge, devices: undefined } })));
        if (bridge?.devices && bridge.bus) walk([{ bus: bridge.bus.number, devices: bridge.devices as Array<Record<string, unknown>> }]);
      }
    }
  };
  walk(q as QueryPciBus[]);
  return out;
}

export async function runOneOvmf(seed: number, generator: 'catalog' | 'pxb' = 'catalog'): Promise<FuzzOutcome> {
  const { args } = generator === 'pxb' ? generatePxbConfig(seed) : generateConfig(seed);
  let qemu: unknown;
  try {
    qemu = await ovmfQueryPci(args);
  } catch (e) {
    if (!(e instanceof QemuRefused)) throw e;
    // QEMU refuses the line: fwlab must refuse it too (the SeaBIOS mode compares the messages).
    try { createMachine([...args]); } catch { return { seed, args, diffs: [] }; }
    return { seed, args, diffs: [`QEMU refuses (${e.message}), fwlab builds the machine`] };
  }
  const m = createMachine([...args]);
  await bootMachine(m, { bios: romPath('fwlab-ovmf.mjs'), guest: 'none' });
  const want = functions(qemu);
  const got = functions(m.pci.queryPci());
  const diffs: string[] = [];
  for (const [bdf, w] of want) {
    const g = got.get(bdf);
    if (g === undefined) diffs.push(`${bdf}: absent in fwlab`);
    else if (g !== w) diffs.push(`${bdf}: OVMF ${w}\n      fwlab ${g}`);
  }
  for (const bdf of got.keys()) if (!want.has(bdf)) diffs.push(`${bdf}: only in fwlab`);
  return { seed, args, diffs };
}
