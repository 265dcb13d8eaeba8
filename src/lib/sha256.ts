import { createRequire } from 'node:module';

type Crypto = typeof import('node:crypto');
let crypto: Crypto | undefined;

/**
 * SHA-256 of `data` as hex. `node:crypto` is loaded on first use, not when the module is imported:
 * `fwlab boot` never hashes, and loading it costs every start (docs/decisions/0029-startup-and-reuse.md).
 */
export function sha256Hex(data: Uint8Array | string): string {
  crypto ??= createRequire(import.meta.url)('node:crypto') as Crypto;
  return crypto.createHash('sha256').update(data).digest('hex');
}
