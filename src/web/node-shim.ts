/**
 * What the browser build gets for the Node modules the machine's file-based paths import
 * (build.mjs maps every `node:*` import here). Nothing in the page calls the file functions:
 * ROMs come as scripts, not paths; using one is an internal error naming it.
 */
const unavailable = (name: string) => (): never => {
  throw new Error(`${name} is not available in the browser page`);
};
export const readFileSync = unavailable('readFileSync');
export const existsSync = (): boolean => false;
export const statSync = unavailable('statSync');
export const readdirSync = unavailable('readdirSync');
export const mkdirSync = unavailable('mkdirSync');
export const writeFileSync = unavailable('writeFileSync');
export const dirname = (p: string): string => p.replace(/\/[^/]*$/, '') || '/';
export const join = (...parts: string[]): string => parts.join('/');
export const resolve = (...parts: string[]): string => parts.join('/');
export const basename = (p: string): string => p.replace(/^.*\//, '');
export const relative = (_a: string, b: string): string => b;
export const fileURLToPath = (u: string): string => String(u);
export const pathToFileURL = (p: string): { href: string } => ({ href: p });
export const randomUUID = (): string => globalThis.crypto.randomUUID();
export const createHash = unavailable('createHash');
export const openSync = unavailable('openSync');
export const closeSync = unavailable('closeSync');
export const writeSync = unavailable('writeSync');
export const createRequire = unavailable('createRequire');
