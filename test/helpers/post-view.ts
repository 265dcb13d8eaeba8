/**
 * A machine after its firmware's POST, seen the way an OS sees it: the config space of every
 * function on every bus (256 bytes, plus 0x100-0xfff through MMCONFIG on q35), QMP query-pci and
 * every fw_cfg file as the firmware received it. From real QEMU 7.2 + SeaBIOS 1.16.2 (qtest on a
 * running TCG guest, after SeaBIOS's "No bootable device") or from fwlab (its TypeScript firmware).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMachine, bootMachine } from '../../src/inspect.js';
import type { Machine } from '../../src/inspect.js';
import { QtestClient } from '../../src/tools/qtest/qtest-client.js';
import { FwCfgQtestReader } from '../../src/tools/capture/fw-cfg-qtest.js';
import type { FwCfgFile } from '../../src/tools/fw-cfg-dir/fw-cfg-dir.js';
import { runQemuQmp, QEMU } from './qemu-qmp.js';
import type { ConfigDump } from './machine-compare.js';
import { NOT_RECORDED } from './installed-roms.js';

export interface PostView {
  readonly args: readonly string[];
  readonly config: readonly ConfigDump[];
  readonly queryPci: unknown;
  readonly fwcfg: readonly FwCfgFile[];
  /** SeaBIOS's debug console and HMP `info pci` (QEMU only). */
  readonly log?: string;
  readonly infoPci?: string;
}

/** SeaBIOS enables MMCONFIG here on q35 (seabios-ovmf.md §5.3). */
const ECAM = 0xb0000000;
const TIMEOUT_MS = 120_000;

type Read32 = (bus: number, devfn: number, reg: number) => Promise<number>;
type ReadExtended = (bus: number, devfn: number) => Promise<Uint8Array>;

const bdfText = (bus: number, devfn: number) =>
  `${bus.toString(16).padStart(2, '0')}:${(devfn >> 3).toString(16).padStart(2, '0')}.${devfn & 7}`;

function dwordsHex(dwords: readonly number[]): string {
  const b = Buffer.alloc(dwords.length * 4);
  dwords.forEach((v, i) => b.writeUInt32LE(v >>> 0, i * 4));
  return b.toString('hex');
}

/** Every present function of buses 0-255 (fn > 0 only behind a multi-function fn 0), with its config space. */
async function dumpAll(read: Read32, extended: ReadExtended | undefined): Promise<ConfigDump[]> {
  const out: ConfigDump[] = [];
  for (let bus = 0; bus < 256; bus++) {
    for (let devfn = 0; devfn < 256; devfn++) {
      const id = await read(bus, devfn, 0);
      if ((id & 0xffff) === 0xffff || (id & 0xffff) === 0) {
        if ((devfn & 7) === 0) devfn += 7;
        continue;
      }
      const cfg: number[] = [];
      for (let r = 0; r < 256; r += 4) cfg.push(await read(bus, devfn, r));
      const ext = extended ? await extended(bus, devfn) : undefined;
      const useful = ext && ext.some((v) => v !== 0xff);
      out.push({ bdf: bdfText(bus, devfn), config: dwordsHex(cfg), ...(useful ? { extended: Buffer.from(ext).toString('hex') } : {}) });
      if ((devfn & 7) === 0 && !((cfg[3]! >>> 16) & 0x80)) devfn += 7;
    }
  }
  return out;
}

const isQ35 = (args: readonly string[]) => args.some((a, i) => i > 0 && /^(-machine|-M)$/.test(args[i - 1]!) && a.includes('q35'));

/** Real QEMU 7.2 + SeaBIOS: runs to "No bootable device", then reads config space and fw_cfg through qtest. */
export async function qemuPostView(args: readonly string[]): Promise<PostView> {
  const transcript = await runQemuQmp(args, [{ execute: 'qmp_capabilities' }, { execute: 'query-pci' },
    { execute: 'human-monitor-command', arguments: { 'command-line': 'info pci' } }]);
  const replyTo = (id: number) => transcript.map((l) => ('recv' in l ? l.recv : undefined)).find((m) => m && m.id === id);
  const reply = replyTo(2);
  if (!reply || !('return' in reply)) throw new Error(`query-pci: ${JSON.stringify(reply?.error ?? transcript.at(-1))}`);
  const infoPci = String(replyTo(3)?.return ?? '');
  const dir = mkdtempSync(join(tmpdir(), 'fwlab-post-view-'));
  const debugcon = join(dir, 'debugcon.log');
  const q = QtestClient.start([QEMU, ...args, '-chardev', `file,id=dbg,path=${debugcon}`, '-device', 'isa-debugcon,iobase=0x402,chardev=dbg'], { running: true });
  try {
    const logText = () => (existsSync(debugcon) ? readFileSync(debugcon, 'latin1') : '');
    for (const t0 = Date.now(); !logText().includes('No bootable device');) {
      if (Date.now() - t0 > TIMEOUT_MS) throw new Error('SeaBIOS did not reach "No bootable device"');
      await new Promise((r) => setTimeout(r, 100));
    }
    const log = logText();
    const read: Read32 = async (bus, devfn, reg) => {
      await q.outl(0xcf8, (0x80000000 | (bus << 16) | (devfn << 8) | reg) >>> 0);
      return q.inl(0xcfc);
    };
    const extended = isQ35(args) ? (bus: number, devfn: number) => q.readMemory(ECAM + bus * 2 ** 20 + devfn * 4096 + 256, 3840) : undefined;
    const config = await dumpAll(read, extended);
    // Read last: the reader uses guest RAM for its DMA descriptors. QEMU built the ACPI blobs
    // when SeaBIOS first selected them and does not rebuild them until a reset.
    const reader = await FwCfgQtestReader.open(q);
    const fwcfg: FwCfgFile[] = [];
    for (const e of await reader.directory()) {
      if (!NOT_RECORDED.has(e.name)) fwcfg.push({ name: e.name, select: e.select, data: await reader.read(e.select, e.size) });
    }
    return { args, config, queryPci: reply.return, fwcfg, log: log.slice(0, log.indexOf('No bootable device')), infoPci };
  } finally {
    await q.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** fwlab on the same command line after its SeaBIOS-profile POST. */
export async function fwlabPostView(args: readonly string[]): Promise<PostView & { readonly machine: Machine }> {
  const m = createMachine([...args]);
  await bootMachine(m, { guest: 'none' });
  const read: Read32 = async (bus, devfn, reg) => m.pci.configRead(bus, devfn, reg, 4);
  const x = m.pci.pciexbar();
  const extended = x?.enabled ? async (bus: number, devfn: number) => m.memory.readBytes(x.base + bus * 2 ** 20 + devfn * 4096 + 256, 3840) : undefined;
  const config = await dumpAll(read, extended);
  const fw = m.fwCfg;
  const fwcfg = fw.files().map((f) => ({ name: f.name, select: f.select, data: fw.readItem(f.select) }));
  return { args, config, queryPci: m.pci.queryPci(), fwcfg, machine: m };
}
