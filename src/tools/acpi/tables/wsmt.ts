/** WSMT, Microsoft's Windows SMM Security Mitigations Table (version 1.0). */
import type { DataTableLayout } from './layout-types.js';

export const WSMT: DataTableLayout = {
  signature: 'WSMT',
  description: 'Windows SMM Security Mitigations Table',
  decode(t, off) {
    t.fields(off, [{ name: 'Protection Flags', size: 4, as: 'flags', bits: [
      ['FIXED_COMM_BUFFERS', 0], ['COMM_BUFFER_NESTED_PTR_PROTECTION', 1], ['SYSTEM_RESOURCE_PROTECTION', 2]] }]);
  },
};
