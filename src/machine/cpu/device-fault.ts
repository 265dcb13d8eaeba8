import { hex } from '../../lib/hex.js';

/**
 * A device handler threw while a program accessed it through the CPU wire: a bug in the
 * machine (an internal error), never the program's fault. Names the device and where.
 */
export class DeviceHandlerError extends Error {
  override readonly name = 'DeviceHandlerError';

  constructor(
    readonly device: string,
    readonly space: 'port' | 'memory',
    readonly address: number,
    readonly access: string,
    override readonly cause: unknown,
  ) {
    const what = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    super(`device '${device}' threw on ${access} at ${space} ${hex(address, space === 'port' ? 4 : 8)}: ${what}`);
  }
}
