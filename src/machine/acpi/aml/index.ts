/** The AML encoder: AML as a tree of values written into a byte sink. */
export * from './sink.js';
export * from './opcodes.js';
export * from './term.js';
export * from './named.js';
export * from './ops.js';
export * from './resources.js';
export * from './helpers.js';
