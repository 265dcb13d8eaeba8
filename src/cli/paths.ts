/**
 * Paths the user names on the command line, checked before anything runs so a wrong one is one
 * line and exit 2 (UsageError), never an internal error from deep inside a write or a listen.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../lib/errors.js';

/** An empty argument names nothing (the OS would take it as the current directory, or fail deep inside). */
function notEmpty(path: string, what: string): void {
  if (path === '') throw new UsageError(`${what}: the path is empty`);
}

/** A file to read: it exists and is not a directory. */
export function inputFile(path: string, what: string): string {
  notEmpty(path, what);
  if (!existsSync(path)) throw new UsageError(`${what} ${path}: no such file`);
  if (statSync(path).isDirectory()) throw new UsageError(`${what} ${path}: is a directory, not a file`);
  return path;
}

function parentExists(path: string, what: string): void {
  const parent = dirname(resolve(path));
  if (!existsSync(parent)) throw new UsageError(`${what} ${path}: directory ${parent} does not exist`);
  if (!statSync(parent).isDirectory()) throw new UsageError(`${what} ${path}: ${parent} is not a directory`);
}

/** A file to (over)write: its directory exists and the path is not a directory. */
export function outputFile(path: string, what: string): string {
  notEmpty(path, what);
  if (existsSync(path) && statSync(path).isDirectory()) throw new UsageError(`${what} ${path}: is a directory, not a file`);
  parentExists(path, what);
  return path;
}

/** A directory to create and fill: absent (its parent exists) or an empty directory. */
export function outputDir(path: string, what: string): string {
  notEmpty(path, what);
  if (existsSync(path)) {
    if (!statSync(path).isDirectory()) throw new UsageError(`${what} ${path}: already exists and is not a directory`);
    if (readdirSync(path).length > 0) throw new UsageError(`${what} ${path}: already exists and is not empty`);
    return path;
  }
  parentExists(path, what);
  return path;
}

/** A unix socket to listen on: not an existing file or directory (a stale socket is replaced); its directory exists. */
export function socketPath(path: string, what: string): string {
  notEmpty(path, what);
  if (existsSync(path) && !statSync(path).isSocket()) throw new UsageError(`${what} ${path}: already exists and is not a socket`);
  parentExists(path, what);
  return path;
}
