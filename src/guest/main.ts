/**
 * The fwlab OSPM guest image (bundled to roms/ospm.mjs): after the firmware hands over,
 * it reads the ACPI tables from guest memory, runs the AML and stays resident on the SCI.
 * It reports on the debug console (port 0x402), one `ospm: ...` line per finding (docs/guest.md).
 */
import type { CpuProgram, CpuWire, ProgramExit } from '../spec/cpu-wire.js';
import { Ospm } from './ospm/ospm.js';

/** The most recent OSPM instance (for in-process inspection by tests). */
export let lastOspm: Ospm | undefined;

export const program: CpuProgram = {
  name: 'fwlab-ospm',
  version: '0.1.0',
  /**
   * args: `os=linux|windows` (fwlab boot --guest-os), the PCI resource policy; `s3=rtc:SECONDS` or
   * `s3=external` (fwlab boot --guest-s3): once booted, suspend to RAM, woken by the RTC alarm it
   * sets or by someone else (QMP system_wakeup).
   */
  run(wire: CpuWire, args?: readonly string[]): ProgramExit {
    const os = args?.find((a) => a.startsWith('os='))?.slice(3);
    lastOspm = new Ospm(wire, os === 'windows' ? 'windows' : 'linux');
    const exit = lastOspm.boot();
    const s3 = args?.find((a) => a.startsWith('s3='))?.slice(3);
    const rtc = /^rtc:(\d+)$/.exec(s3 ?? '');
    if (exit.kind !== 'idle' || (s3 !== 'external' && !rtc)) return exit;
    return lastOspm.suspend(rtc ? { rtcSeconds: Number(rtc[1]) } : 'external');
  },
  /** The firmware jumped to the waking vector after S3 (src/guest/ospm/sleep.ts). */
  wake(_wire: CpuWire, vector: number): ProgramExit {
    if (!lastOspm) return { kind: 'halt', reason: 'fwlab-ospm: woken without having slept' };
    return lastOspm.wake(vector);
  },
  /** The idling OSPM's state (src/guest/ospm/ospm-state.ts). */
  saveState(): Uint8Array {
    if (!lastOspm) throw new Error('fwlab-ospm: not running');
    return lastOspm.saveState();
  },
  resume(wire: CpuWire, state: Uint8Array): ProgramExit {
    const r = Ospm.resume(wire, state);
    lastOspm = r.ospm;
    return r.exit;
  },
};
