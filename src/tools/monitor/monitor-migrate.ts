/**
 * QMP migration for fwlab's monitor (decision 0022), answering as QEMU 7.2 does (observed with
 * Debian's qemu-system-x86_64 7.2, test/fixtures/qemu-7.2/qmp/q35-migrate.jsonl): `migrate` returns
 * {} and the migration completes; MIGRATION / MIGRATION_PASS events only with the `events`
 * capability; the source stops (STOP, `postmigrate`) and may not migrate again until `cont`; an
 * unknown protocol fails the migration. The target is a snapshot file: `file:PATH` (QEMU 8.2's
 * spelling) or 7.2's `exec:cat > PATH`, which fwlab recognises without running a shell.
 */
import { writeFileSync } from 'node:fs';
import { saveSnapshot } from '../../inspect.js';
import type { Machine } from '../../inspect.js';
import { QmpError, genericError } from './qmp-error.js';

/** QEMU 7.2's MigrationCapability names. */
const CAPABILITIES = new Set([
  'xbzrle', 'rdma-pin-all', 'auto-converge', 'zero-blocks', 'compress', 'events', 'postcopy-ram', 'x-colo', 'release-ram', 'block',
  'return-path', 'pause-before-switchover', 'multifd', 'dirty-bitmaps', 'postcopy-blocktime', 'late-block-activate',
  'x-ignore-shared', 'validate-uuid', 'background-snapshot', 'zero-copy-send', 'postcopy-preempt',
]);
const PAGE_SIZE = 4096;

/** The snapshot file a migration URI names, or undefined when it names none fwlab can write. */
export function snapshotPathOf(uri: string, incoming: boolean): string | undefined {
  if (uri.startsWith('file:')) return uri.slice('file:'.length) || undefined;
  const m = (incoming ? /^exec:\s*cat\s+(\S+)\s*$/ : /^exec:\s*cat\s*>\s*(\S+)\s*$/).exec(uri);
  return m?.[1];
}

export interface MigrationHost {
  readonly machine: Machine;
  readonly version: string | undefined;
  readonly running: boolean;
  emit(event: string, data?: unknown): void;
  /** Stop the VM at the switch-over (STOP). */
  stop(): void;
}

export class Migration {
  #status: 'none' | 'completed' | 'failed' = 'none';
  #result: Record<string, unknown> = {};
  readonly #capabilities = new Set<string>();

  constructor(private readonly host: MigrationHost) {}

  get postmigrate(): boolean {
    return this.#status === 'completed' && !this.host.running;
  }

  query(): Record<string, unknown> {
    return this.#result;
  }

  setCapabilities(list: unknown): Record<string, never> {
    if (!Array.isArray(list)) throw genericError("Invalid parameter type for 'capabilities', expected: array");
    for (const c of list as unknown[]) {
      const { capability, state } = (c ?? {}) as { capability?: unknown; state?: unknown };
      if (typeof capability !== 'string' || !CAPABILITIES.has(capability)) throw genericError(`Parameter 'capability' does not accept value '${String(capability)}'`);
      if (typeof state !== 'boolean') throw genericError("Invalid parameter type for 'state', expected: boolean");
      if (capability !== 'events' && state) throw genericError(`migration capability '${capability}' is not supported by fwlab`);
      if (state) this.#capabilities.add(capability);
      else this.#capabilities.delete(capability);
    }
    return {};
  }

  #event(status: string): void {
    if (this.#capabilities.has('events')) this.host.emit('MIGRATION', { status });
  }

  #pass(pass: number): void {
    if (this.#capabilities.has('events')) this.host.emit('MIGRATION_PASS', { pass });
  }

  run(uri: string): Record<string, never> {
    if (this.postmigrate) throw genericError("Can't migrate the vm that was paused due to previous migration");
    const path = snapshotPathOf(uri, false);
    if (path === undefined) {
      this.#event('setup');
      this.#status = 'failed';
      this.#result = { status: 'failed' };
      this.#event('failed');
      if (/^(tcp|unix|exec|fd|rdma):/.test(uri)) throw genericError(`fwlab migrates only to a snapshot file: file:PATH or exec:cat > PATH, not '${uri}'`);
      throw genericError("Parameter 'uri' expects a valid migration protocol");
    }
    if (this.host.version === undefined) throw genericError('migrate: this monitor was started without the fwlab version');
    this.#event('setup');
    let bytes: Uint8Array;
    try {
      // QEMU's two passes: RAM while running, then the rest with the VM stopped. fwlab's CPU does
      // not run between monitor commands, so everything goes in one file write at the switch-over.
      this.#pass(1);
      this.#event('active');
      if (this.host.running) this.host.stop();
      this.#pass(2);
      bytes = saveSnapshot(this.host.machine, this.host.version);
      writeFileSync(path, bytes);
    } catch (e) {
      this.#status = 'failed';
      this.#result = { status: 'failed', 'error-desc': (e as Error).message };
      this.#event('failed');
      if (e instanceof QmpError) throw e;
      throw genericError((e as Error).message);
    }
    this.#status = 'completed';
    const m = this.host.machine;
    const normal = Math.ceil(m.ramAllocated / PAGE_SIZE);
    this.#result = {
      status: 'completed', 'setup-time': 0, downtime: 0, 'total-time': 0,
      ram: {
        total: m.config.ramSize, transferred: bytes.length, remaining: 0, 'page-size': PAGE_SIZE, normal, 'normal-bytes': normal * PAGE_SIZE,
        duplicate: Math.max(0, Math.ceil(m.config.ramSize / PAGE_SIZE) - normal), skipped: 0, 'dirty-sync-count': 2, 'dirty-pages-rate': 0,
        'dirty-sync-missed-zero-copy': 0, mbps: 0, 'pages-per-second': 0, 'precopy-bytes': 0, 'downtime-bytes': bytes.length,
        'postcopy-bytes': 0, 'postcopy-requests': 0, 'multifd-bytes': 0,
      },
    };
    this.#event('completed');
    return {};
  }
}
