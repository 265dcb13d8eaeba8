/** QMP errors: `{"error": {"class", "desc"}}` with the classes and messages QEMU 7.2 uses. */

/** QAPI's ErrorClass values (qapi/error.json). */
export type QmpErrorClass = 'GenericError' | 'CommandNotFound' | 'DeviceNotActive' | 'DeviceNotFound' | 'KVMMissingCap';

export class QmpError extends Error {
  constructor(readonly errorClass: QmpErrorClass, message: string) {
    super(message);
  }
}

export const genericError = (msg: string): QmpError => new QmpError('GenericError', msg);

export const commandNotFound = (name: string): QmpError => new QmpError('CommandNotFound', `The command ${name} has not been found`);

/** QEMU's wording when a mandatory argument is absent. */
export const missingParameter = (name: string): QmpError => genericError(`Parameter '${name}' is missing`);

/** QEMU's wording when an argument has the wrong JSON type. */
export const invalidParameterType = (name: string, expected: string): QmpError =>
  genericError(`Invalid parameter type for '${name}', expected: ${expected}`);

/** A mandatory string argument, with QEMU's errors when it is absent or not a string. */
export function stringArg(args: Readonly<Record<string, unknown>>, name: string): string {
  const v = args[name];
  if (v === undefined) throw missingParameter(name);
  if (typeof v !== 'string') throw invalidParameterType(name, 'string');
  return v;
}
