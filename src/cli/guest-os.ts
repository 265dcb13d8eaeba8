import { UsageError } from '../lib/errors.js';

/** `--guest-os linux|windows`: the OSPM's PCI resource policy (src/guest/ospm/pci-policy.ts). */
export function parseGuestOs(v: string): 'linux' | 'windows' {
  if (v !== 'linux' && v !== 'windows') throw new UsageError(`--guest-os ${v}: expected linux or windows`);
  return v;
}
