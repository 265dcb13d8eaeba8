/** Typed AML errors: ACPICA status names (acexcep.h) so results compare with acpiexec. */

export const AE = {
  NO_MEMORY: 0x0004,
  NOT_FOUND: 0x0005,
  ACCESS: 0x001D,
  ALREADY_EXISTS: 0x0007,
  TYPE: 0x0008,
  NOT_EXIST: 0x0010,
  LIMIT: 0x0012,
  TIME: 0x0011,
  AML_BAD_OPCODE: 0x3001,
  AML_NO_OPERAND: 0x3002,
  AML_OPERAND_TYPE: 0x3003,
  AML_OPERAND_VALUE: 0x3004,
  AML_UNINITIALIZED_LOCAL: 0x3005,
  AML_UNINITIALIZED_ARG: 0x3006,
  AML_UNINITIALIZED_ELEMENT: 0x3007,
  AML_NUMERIC_OVERFLOW: 0x3008,
  AML_REGION_LIMIT: 0x3009,
  AML_BUFFER_LIMIT: 0x300A,
  AML_PACKAGE_LIMIT: 0x300B,
  AML_DIVIDE_BY_ZERO: 0x300C,
  AML_BAD_NAME: 0x300D,
  AML_NAME_NOT_FOUND: 0x300E,
  AML_INTERNAL: 0x300F,
  AML_INVALID_SPACE_ID: 0x3010,
  AML_STRING_LIMIT: 0x3011,
  AML_NO_RETURN_VALUE: 0x3012,
  AML_METHOD_LIMIT: 0x3013,
  AML_NOT_OWNER: 0x3014,
  AML_MUTEX_ORDER: 0x3015,
  AML_MUTEX_NOT_ACQUIRED: 0x3016,
  AML_INVALID_RESOURCE_TYPE: 0x3017,
  AML_INVALID_INDEX: 0x3018,
  AML_REGISTER_LIMIT: 0x3019,
  AML_NO_WHILE: 0x301A,
  AML_ALIGNMENT: 0x301B,
  AML_NO_RESOURCE_END_TAG: 0x301C,
  AML_BAD_RESOURCE_VALUE: 0x301D,
  AML_CIRCULAR_REFERENCE: 0x301E,
  AML_BAD_RESOURCE_LENGTH: 0x301F,
  AML_ILLEGAL_ADDRESS: 0x3020,
  AML_LOOP_TIMEOUT: 0x3021,
  AML_UNINITIALIZED_NODE: 0x3022,
  AML_TARGET_TYPE: 0x3023,
  AML_PROTOCOL: 0x3024,
  AML_BUFFER_LENGTH: 0x3025,
  AML_FATAL: 0x3026,
  BAD_HEADER: 0x2001,
  BAD_CHECKSUM: 0x2002,
  STACK_OVERFLOW: 0x000C,
} as const;

export type AeName = keyof typeof AE;

/** Bad AML: raised to the caller of an evaluation with the method path and byte offset. */
export class AmlError extends Error {
  override readonly name = 'AmlError';
  /** Path of the method (or table) that was running, e.g. `\_SB_.PCI0._CRS`. */
  path = '';
  /** Byte offset in the table of the opcode that failed (-1 when unknown). */
  offset = -1;
  /** Table signature/id of the failing code. */
  table = '';
  /** Id of the table whose load recovered from this error (0: not a load error). */
  loadTableId = 0;
  /** A name in an operand did not resolve (ACPICA fails such a term while parsing it). */
  unresolvedName = false;
  /** Path, table and offset were filled in by the engine. */
  annotated = false;
  constructor(readonly code: AeName, readonly detail: string) {
    super(`AE_${code}: ${detail}`);
  }
  get status(): number {
    return AE[this.code];
  }
  describe(): string {
    const where = this.path ? ` in ${this.path}` : '';
    const at = this.offset >= 0 ? ` at ${this.table ? this.table + '+' : ''}0x${this.offset.toString(16)}` : '';
    return `AE_${this.code}${where}${at}: ${this.detail}`;
  }
}

export function amlError(code: AeName, detail: string): AmlError {
  return new AmlError(code, detail);
}

/**
 * A bug in the interpreter itself (a JS exception out of an op handler), not bad AML: never
 * recovered from or reported as an ACPICA status. Carries where the AML was when it happened.
 */
export class AmlInterpreterBug extends Error {
  override readonly name = 'AmlInterpreterBug';
  constructor(readonly path: string, readonly table: string, readonly offset: number, override readonly cause: unknown) {
    const at = offset >= 0 ? ` at ${table ? table + '+' : ''}0x${offset.toString(16)}` : '';
    super(`AML interpreter bug${path ? ` in ${path}` : ''}${at}: ${cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause)}`);
  }
}
