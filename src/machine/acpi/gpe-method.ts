/** The GPE handler name for a GPE0 status bit: `_Exx` with the bit number in two hex digits (ACPI 6.5 §5.6.4.1). */
export function gpeMethodName(bit: number): string {
  return `_E${bit.toString(16).toUpperCase().padStart(2, '0')}`;
}
