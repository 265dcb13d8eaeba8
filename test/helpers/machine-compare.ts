/**
 * One machine seen the way firmware and OS see it, from real QEMU 7.2 (+ SeaBIOS) or from fwlab,
 * in one comparable shape: the config space of every function on bus 0 before any firmware,
 * QMP query-pci after SeaBIOS's POST, and the fw_cfg directory with each file's sha256 after the
 * firmware programmed the chipset and PCI. Used by the catalog fixtures and the config fuzzer.
 */
import { createHash } from 'node:crypto';
import { createMachine, bootMachine } from '../../src/inspect.js';
import type { Machine } from '../../src/inspect.js';
import { captureFwCfg } from '../../src/tools/capture/capture.js';
import { QtestClient } from '../../src/tools/qtest/qtest-client.js';
import { runQemuQmp, QEMU } from './qemu-qmp.js';
import { canonical, cfgRead, cfgWrite } from '../pci/config-cycles.js';
import { NOT_SERVED } from './installed-roms.js';

export interface FwCfgEntry {
  readonly name: string;
  readonly select: number;
  readonly size: number;
  readonly sha256: string;
}

export interface ConfigDump {
  readonly bdf: string;
  /** 256 bytes (hex), and 0x100-0xfff through MMCONFIG on q35 when not all-ones. */
  readonly config: string;
  readonly extended?: string;
}

/** What a machine shows: all three views (each may be absent when that side failed). */
export interface MachineView {
  readonly args: readonly string[];
  readonly error?: string;
  readonly config?: readonly ConfigDump[];
  readonly queryPci?: unknown;
  readonly fwcfg?: readonly FwCfgEntry[];
}

export { NOT_SERVED };

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const hex = (dwords: number[]) => Buffer.concat(dwords.map((v) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(v >>> 0);
  return b;
})).toString('hex');
const isQ35 = (args: readonly string[]) => {
  const i = args.findIndex((a) => a === '-machine' || a === '-M');
  return i >= 0 && /q35/.test(args[i + 1] ?? '');
};
const ECAM = 0xb0000000;

interface Bdf { readonly bus: number; readonly devfn: number; readonly name: string }

function functionsOf(queryPci: unknown): Bdf[] {
  const out: Bdf[] = [];
  const walk = (devices: Array<Record<string, unknown>>) => {
    for (const d of devices) {
      out.push({ bus: d.bus as number, devfn: (d.slot as number) * 8 + (d.function as number), name: String(d.qdev_id ?? '') });
      const br = d.pci_bridge as { devices?: Array<Record<string, unknown>> } | undefined;
      if (br?.devices) walk(br.devices);
    }
  };
  const top = (queryPci as Array<{ devices: Array<Record<string, unknown>> }>)[0];
  if (top) walk(top.devices);
  return out;
}

const bdfText = (b: Bdf) => `${b.bus.toString(16).padStart(2, '0')}:${(b.devfn >> 3).toString(16).padStart(2, '0')}.${b.devfn & 7}`;

/** Real QEMU 7.2: query-pci after SeaBIOS, fw_cfg after the same programming, bus-0 config spaces before any firmware. */
export async function qemuView(args: readonly string[], around: Around = (a, fn) => fn([...a])): Promise<MachineView> {
  // Audio devices need no host sound card (QEMU 7.2 still reads this variable).
  process.env.QEMU_AUDIO_DRV ??= 'none';
  try {
    const transcript = await around(args, (real) => runQemuQmp(real, [{ execute: 'qmp_capabilities' }, { execute: 'query-pci' }]));
    const reply = transcript.map((l) => ('recv' in l ? l.recv : undefined)).find((m) => m && m.id === 2);
    if (!reply || !('return' in reply)) return { args, error: `query-pci: ${JSON.stringify(reply?.error ?? transcript.at(-1))}` };
    const queryPci = reply.return;
    const cap = await around(args, (real) => captureFwCfg({ argv: [QEMU, ...real], queryPci }));
    const fwcfg = cap.files.map((f) => ({ name: f.name, select: f.select, size: f.data.length, sha256: sha(f.data) }));
    const config = await around(args, (real) => bus0Config(real, queryPci));
    return { args, config, queryPci, fwcfg };
  } catch (e) {
    return { args, error: (e as Error).message.split('\n')[0] };
  }
}

/** Each QEMU run goes through this (backends that serve one connection are started per run). */
export type Around = <T>(args: readonly string[], fn: (real: string[]) => Promise<T>) => Promise<T>;

async function bus0Config(args: readonly string[], queryPci: unknown): Promise<ConfigDump[]> {
    const q = QtestClient.start([QEMU, ...args]);
    const config: ConfigDump[] = [];
    try {
      const q35 = isQ35(args);
      const rd = async (b: Bdf, reg: number) => {
        await q.outl(0xcf8, (0x80000000 | (b.bus << 16) | (b.devfn << 8) | reg) >>> 0);
        return q.inl(0xcfc);
      };
      if (q35) {
        await q.outl(0xcf8, 0x80000060);
        await q.outl(0xcfc, ECAM | 1);
      }
      for (const b of functionsOf(queryPci).filter((f) => f.bus === 0)) {
        const cfg: number[] = [];
        for (let r = 0; r < 256; r += 4) cfg.push(await rd(b, r));
        let extended: string | undefined;
        if (q35) {
          const mem = await q.readMemory(ECAM + b.bus * 2 ** 20 + b.devfn * 4096 + 256, 3840);
          if (mem.some((v) => v !== 0xff)) extended = Buffer.from(mem).toString('hex');
        }
        config.push({ bdf: bdfText(b), config: hex(cfg), ...(extended ? { extended } : {}) });
      }
    } finally {
      await q.close();
    }
    return config;
}

/** fwlab on the same command line: config spaces of a fresh machine, then query-pci and fw_cfg after its SeaBIOS-profile POST. */
export async function fwlabView(args: readonly string[], bus0: readonly string[]): Promise<MachineView> {
  let m: Machine;
  try {
    m = createMachine([...args]);
  } catch (e) {
    return { args, error: (e as Error).message.split('\n')[0] };
  }
  const config: ConfigDump[] = [];
  const q35 = m.board.name === 'q35';
  if (q35) cfgWrite(m, 0, 0, 0x60, 4, ECAM | 1);
  for (const text of bus0) {
    const devfn = parseInt(text.slice(3, 5), 16) * 8 + Number(text[6]);
    const cfg = Array.from({ length: 64 }, (_, i) => cfgRead(m, 0, devfn, 4 * i, 4));
    let extended: string | undefined;
    if (q35) {
      const mem = m.memory.readBytes(ECAM + devfn * 4096 + 256, 3840);
      if (mem.some((v) => v !== 0xff)) extended = Buffer.from(mem).toString('hex');
    }
    config.push({ bdf: text, config: hex(cfg), ...(extended ? { extended } : {}) });
  }
  try {
    // The same machine boots: reading config space changed nothing the firmware does not set itself
    // (PCIEXBAR gets the value SeaBIOS writes).
    await bootMachine(m, { guest: 'none' });
  } catch (e) {
    return { args, config, error: (e as Error).message.split('\n')[0] };
  }
  const queryPci = m.pci.queryPci();
  const fw = m.fwCfg;
  const fwcfg = fw.files().map((f) => {
    const data = fw.readItem(f.select);
    return { name: f.name, select: f.select, size: data.length, sha256: sha(data) };
  });
  return { args, config, queryPci, fwcfg };
}

/** The differences between QEMU's view and fwlab's, one line each (empty: equal). */
export function compareViews(qemu: MachineView, ours: MachineView): string[] {
  const out: string[] = [];
  if (qemu.error || ours.error) {
    if (qemu.error && ours.error) return [];
    return [qemu.error ? `QEMU refused (${qemu.error}), fwlab accepted` : `fwlab: ${ours.error}`];
  }
  for (const c of qemu.config ?? []) {
    const o = ours.config?.find((x) => x.bdf === c.bdf);
    if (!o) out.push(`config ${c.bdf}: missing in fwlab`);
    else {
      const a = Buffer.from(o.config, 'hex');
      const b = Buffer.from(c.config, 'hex');
      const at = a.findIndex((v, i) => v !== b[i]);
      if (at >= 0) out.push(`config ${c.bdf} @0x${at.toString(16)}: fwlab ${a.subarray(at & ~3, (at & ~3) + 4).toString('hex')} QEMU ${b.subarray(at & ~3, (at & ~3) + 4).toString('hex')}`);
      if ((o.extended ?? '') !== (c.extended ?? '')) {
        const ea = Buffer.from(o.extended ?? '', 'hex');
        const eb = Buffer.from(c.extended ?? '', 'hex');
        const e = Math.max(0, eb.findIndex((v, i) => v !== ea[i]));
        out.push(`extended config ${c.bdf} @0x${(0x100 + e).toString(16)} differs`);
      }
    }
  }
  const qp = JSON.stringify(canonical(qemu.queryPci));
  const op = JSON.stringify(canonical(ours.queryPci));
  if (qp !== op) out.push(`query-pci differs: ${firstDiff(op, qp)}`);
  const want = (qemu.fwcfg ?? []).filter((e) => !NOT_SERVED.has(e.name));
  const got = ours.fwcfg ?? [];
  const names = new Set([...want, ...got].map((e) => e.name));
  for (const n of names) {
    const a = got.find((e) => e.name === n);
    const b = want.find((e) => e.name === n);
    if (!a) out.push(`fw_cfg ${n}: missing in fwlab`);
    else if (!b) out.push(`fw_cfg ${n}: only in fwlab`);
    else if (a.select !== b.select || a.size !== b.size || a.sha256 !== b.sha256) {
      out.push(`fw_cfg ${n}: fwlab ${a.size} bytes @${a.select.toString(16)} QEMU ${b.size} @${b.select.toString(16)}${a.sha256 === b.sha256 ? '' : ', content differs'}`);
    }
  }
  return out;
}

function firstDiff(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `fwlab …${a.slice(Math.max(0, i - 60), i + 40)}… QEMU …${b.slice(Math.max(0, i - 60), i + 40)}…`;
}
