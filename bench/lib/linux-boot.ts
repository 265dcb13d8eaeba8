/**
 * Debian's i386 kernel booted to its root-mount panic on fwlab (in process: fwlab's TypeScript
 * firmware loading it from fw_cfg, or Debian's SeaBIOS on the x86 core with QEMU's linuxboot_dma.bin
 * option ROM) and on real QEMU 7.2 TCG (when installed), with the same options; the serial logs and
 * the times. Used by `npm run linux` and the bench's Linux series.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootMachine, createMachine } from '../../src/machine/create-machine.js';

export const SEABIOS = '/usr/share/seabios/bios-256k.bin';
/** The last line of the root-mount panic: the boot is over. */
export const PANIC_END = /end Kernel panic - not syncing: VFS: Unable to mount root fs/;
const PANIC_END_TEXT = 'end Kernel panic';

export function kernelPath(root: string): string | undefined {
  const p = join(root, '.cache', 'linux', 'vmlinuz');
  return existsSync(p) ? p : undefined;
}

/** The seed scenarios' VM generation ID, used by the `pc-vmgenid` configuration. */
export const VMGENID_GUID = '324e6eaf-d1d1-4bf6-bf41-b9bb6c91fb87';

/** QEMU options of a Linux boot configuration: `pc`, `q35`, `pc-vmgenid` (pc with `-device vmgenid`) or `pc-smp2` (pc with `-smp 2`). */
export function bootArgs(config: string, kernel: string): string[] {
  const board = config.split('-')[0]!;
  const extra = config === 'pc-vmgenid' ? ['-device', `vmgenid,guid=${VMGENID_GUID}`] : config === 'pc-smp2' ? ['-smp', '2'] : [];
  return ['-machine', board, '-m', '512M', ...extra, '-kernel', kernel, '-append', 'console=ttyS0'];
}

export interface FwlabBoot {
  readonly log: string;
  readonly cpuMs: number;
  readonly wallMs: number;
  readonly virtualMs: number;
  readonly reached: boolean;
}

/** Which firmware fwlab boots the kernel with: its own (the default, as `fwlab boot`) or Debian's SeaBIOS. */
export type LinuxFirmware = 'fwlab' | 'seabios';

/** fwlab: the firmware + the kernel until the panic's end line (or the default virtual-time budget). */
export async function bootFwlab(board: string, kernel: string, firmware: LinuxFirmware = 'fwlab'): Promise<FwlabBoot> {
  const m = createMachine([...bootArgs(board, kernel), '-serial', 'null']);
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  const r = await bootMachine(m, { ...(firmware === 'seabios' ? { bios: SEABIOS } : {}), until: PANIC_END });
  const cpu = process.cpuUsage(c0);
  return {
    log: m.serialPorts[0]?.output ?? '', cpuMs: (cpu.user + cpu.system) / 1000, wallMs: performance.now() - w0,
    virtualMs: m.clock.now() / 1e6, reached: r.untilMatched === true,
  };
}

export interface QemuBoot {
  readonly log: string;
  readonly wallMs: number;
}

/** qemu-system-x86_64 (TCG) with the same options, serial to a file, stopped once the panic's end line is there. */
export async function bootQemu(board: string, kernel: string, timeoutMs = 600_000): Promise<QemuBoot | undefined> {
  const dir = mkdtempSync(join(tmpdir(), 'fwlab-linux-'));
  const file = join(dir, 'serial.log');
  try {
    const t0 = performance.now();
    const child = spawn('qemu-system-x86_64', [...bootArgs(board, kernel), '-accel', 'tcg', '-display', 'none', '-monitor', 'none', '-serial', `file:${file}`], { stdio: 'ignore' });
    const failed = await new Promise<boolean>((resolve) => {
      child.on('error', () => resolve(true));
      const poll = setInterval(() => {
        const text = existsSync(file) ? readFileSync(file, 'latin1') : '';
        if (text.includes(PANIC_END_TEXT) || performance.now() - t0 > timeoutMs) {
          clearInterval(poll);
          resolve(false);
        }
      }, 50);
    });
    const wallMs = performance.now() - t0;
    child.kill();
    if (failed) return undefined;
    return { log: readFileSync(file, 'latin1'), wallMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
