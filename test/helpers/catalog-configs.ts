/**
 * The command lines of the device catalog fixtures (test/fixtures/qemu-7.2/catalog/): each
 * device alone on pc and on q35, with the backends QEMU needs for it. Devices whose backend is
 * a process (swtpm for tpm-tis, an ivshmem server for ivshmem-doorbell) get it started by
 * `withBackends` around the QEMU runs; fwlab needs none of them.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './paths.js';

export type Board = 'pc' | 'q35';

/** The socket path placeholder in fixture command lines (a fresh directory per run). */
export const SOCKET_DIR = '$SOCKDIR';

/** Backend options a device's properties refer to. */
function backendsOf(device: string): string[] {
  const out: string[] = [];
  if (/\bdrive=d0\b/.test(device)) out.push('-blockdev', 'null-co,node-name=d0');
  if (/\bfsdev=f0\b/.test(device)) out.push('-fsdev', 'local,id=f0,path=/tmp,security_model=none');
  if (/\bchardev=c0\b/.test(device)) out.push('-chardev', 'null,id=c0');
  if (/\bmemdev=hm\b/.test(device)) out.push('-object', 'memory-backend-ram,id=hm,size=1M');
  if (/\bchardev=iv\b/.test(device)) out.push('-chardev', `socket,id=iv,path=${SOCKET_DIR}/ivshmem.sock`);
  if (/\btpmdev=tpm0\b/.test(device)) out.push('-chardev', `socket,id=chrtpm,path=${SOCKET_DIR}/swtpm.sock`, '-tpmdev', 'emulator,id=tpm0,chardev=chrtpm');
  return out;
}

/** QEMU's options for `device` alone on `board` (the file name is `<board>-<driver>[-variant]`). */
export function catalogArgs(board: Board, device: string): string[] {
  return ['-machine', board, '-nodefaults', '-m', '128M', ...backendsOf(device), '-device', device];
}

/** A file-name-safe key for a device option string. */
export function catalogKey(board: Board, device: string): string {
  const [driver, ...props] = device.split(',');
  const variant = props.filter((p) => /^(disable-(legacy|modern)|rombar|romfile)=/.test(p))
    .map((p) => p.replace('=', '-').replace(/-$/, '-none'));
  return [board, driver, ...variant].join('-');
}

/** The tools a device's backend needs, beyond QEMU. */
export function backendNeeds(device: string): string[] {
  return [...(/tpmdev=/.test(device) ? ['swtpm'] : []), ...(/chardev=iv\b/.test(device) ? ['python3'] : [])];
}

const onPath = (cmd: string) => !spawnSync(cmd, ['--version'], { stdio: 'ignore' }).error;

async function waitFor(path: string): Promise<void> {
  for (let i = 0; i < 200 && !existsSync(path); i++) await new Promise((r) => setTimeout(r, 25));
  if (!existsSync(path)) throw new Error(`backend socket ${path} never appeared`);
}

/** Runs `fn` with the placeholder replaced by a directory whose backends are running. */
export async function withBackends<T>(args: readonly string[], fn: (args: string[]) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'fwlab-backend-'));
  const children: ChildProcess[] = [];
  try {
    const real = args.map((a) => a.replaceAll(SOCKET_DIR, dir));
    const text = real.join(' ');
    if (text.includes('swtpm.sock')) {
      if (!onPath('swtpm')) throw new Error('tpm-tis needs swtpm (apt-get install swtpm)');
      children.push(spawn('swtpm', ['socket', '--tpm2', '--tpmstate', `dir=${dir}`, '--ctrl', `type=unixio,path=${dir}/swtpm.sock`], { stdio: 'ignore' }));
      await waitFor(`${dir}/swtpm.sock`);
    }
    if (text.includes('ivshmem.sock')) {
      children.push(spawn('python3', [join(repoRoot(), 'scripts', 'ivshmem-server.py'), `${dir}/ivshmem.sock`], { stdio: 'ignore' }));
      await waitFor(`${dir}/ivshmem.sock`);
    }
    return await fn(real);
  } finally {
    for (const c of children) c.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}
