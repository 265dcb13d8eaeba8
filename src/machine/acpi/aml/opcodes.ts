/** The encoder's AML constants: opcode values, region spaces and field flags from src/spec/aml.ts. */
export { AML, AML_EXT, FIELD_ACCESS, FIELD_UPDATE, REGION_SPACE } from '../../../spec/aml.js';
export type { FieldAccess, FieldUpdate, RegionSpace } from '../../../spec/aml.js';
