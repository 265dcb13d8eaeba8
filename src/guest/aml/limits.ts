/**
 * How much one AML object may take. ACPICA allocates what AML asks for and fails with AE_NO_MEMORY
 * when the kernel heap says no; fwlab's heap says no past these sizes (far above any real table's
 * objects), so `Buffer (Ones)` or `VarPackage (0xFFFFFFFF)` is the guest's error, not the host's.
 */
import { amlError } from './errors.js';

/** Bytes of one Buffer or characters of one String. */
export const MAX_OBJECT_BYTES = 16 * 2 ** 20;
/** Elements of one Package. */
export const MAX_PACKAGE_ELEMENTS = 2 ** 20;

/** `n` as a size for `what`, or AE_NO_MEMORY when it is past `limit`. */
export function allocationSize(n: bigint | number, what: string, limit = MAX_OBJECT_BYTES): number {
  if (n > limit) throw amlError('NO_MEMORY', `${what} of ${n} ${limit === MAX_PACKAGE_ELEMENTS ? 'elements' : 'bytes'} exceeds ${limit}`);
  return Number(n);
}
