/**
 * The snapshot file (decision 0022): one JSON line — magic, format, the fwlab version, the
 * machine options with their digest, each section's JSON and byte count — then the sections'
 * bytes back to back, in section order. A file written by another fwlab version or for other
 * options is refused with one line (UsageError, exit 2).
 */
import { UsageError } from '../../lib/errors.js';
import type { JsonValue, PartState } from './part-state.js';

export const SNAPSHOT_MAGIC = 'fwlab-snapshot';
export const SNAPSHOT_FORMAT = 1;

/** Which machine a snapshot belongs to. `digest` covers `options`; the GUIDs of vmgenid devices are left out. */
export interface SnapshotIdentity {
  readonly version: string;
  readonly options: JsonValue;
  readonly digest: string;
}

interface SectionHeader {
  readonly name: string;
  readonly json?: JsonValue;
  readonly bytes: number;
}

interface FileHeader {
  readonly magic: string;
  readonly format: number;
  readonly version: string;
  readonly digest: string;
  readonly options: JsonValue;
  readonly sections: SectionHeader[];
}

export function encodeSnapshot(id: SnapshotIdentity, sections: ReadonlyArray<{ name: string; state: PartState }>): Uint8Array {
  const header: FileHeader = {
    magic: SNAPSHOT_MAGIC, format: SNAPSHOT_FORMAT, version: id.version, digest: id.digest, options: id.options,
    sections: sections.map(({ name, state }) => ({ name, ...(state.json !== undefined ? { json: state.json } : {}), bytes: state.bytes?.length ?? 0 })),
  };
  const head = new TextEncoder().encode(JSON.stringify(header) + '\n');
  const total = head.length + sections.reduce((n, s) => n + (s.state.bytes?.length ?? 0), 0);
  const out = new Uint8Array(total);
  out.set(head, 0);
  let at = head.length;
  for (const { state } of sections) {
    if (!state.bytes) continue;
    out.set(state.bytes, at);
    at += state.bytes.length;
  }
  return out;
}

export interface DecodedSnapshot {
  readonly version: string;
  readonly digest: string;
  readonly options: JsonValue;
  readonly sections: Map<string, PartState>;
}

/** Parse a snapshot file; `what` names it in the one-line error ("-incoming file:x.snap"). */
export function decodeSnapshot(data: Uint8Array, what: string): DecodedSnapshot {
  const nl = data.indexOf(0x0a);
  let header: FileHeader;
  try {
    if (nl < 0) throw new Error('no header line');
    header = JSON.parse(new TextDecoder().decode(data.subarray(0, nl))) as FileHeader;
  } catch {
    throw new UsageError(`${what}: not a fwlab snapshot`);
  }
  if (header.magic !== SNAPSHOT_MAGIC || !Array.isArray(header.sections)) throw new UsageError(`${what}: not a fwlab snapshot`);
  if (header.format !== SNAPSHOT_FORMAT) throw new UsageError(`${what}: snapshot format ${String(header.format)}, this fwlab reads format ${SNAPSHOT_FORMAT}`);
  const sections = new Map<string, PartState>();
  let at = nl + 1;
  for (const s of header.sections) {
    if (typeof s.name !== 'string' || typeof s.bytes !== 'number' || at + s.bytes > data.length) throw new UsageError(`${what}: truncated snapshot (section ${String(s.name)})`);
    const bytes = s.bytes > 0 ? data.slice(at, at + s.bytes) : undefined;
    at += s.bytes;
    sections.set(s.name, { ...(s.json !== undefined ? { json: s.json } : {}), ...(bytes ? { bytes } : {}) });
  }
  return { version: header.version, digest: header.digest, options: header.options, sections };
}

/** Refuse a snapshot of another fwlab version or of other options, with one line. */
export function checkIdentity(file: DecodedSnapshot, machine: SnapshotIdentity, what: string): void {
  if (file.version !== machine.version) throw new UsageError(`${what}: written by fwlab ${file.version}, this is fwlab ${machine.version}`);
  if (file.digest !== machine.digest) {
    throw new UsageError(`${what}: saved with other machine options (${firstDifference(file.options, machine.options)}); only vmgenid guid= may differ`);
  }
}

/** The first option that differs, for the refusal line. */
function firstDifference(saved: JsonValue, here: JsonValue, path = 'options'): string {
  if (JSON.stringify(saved) === JSON.stringify(here)) return path;
  if (saved && here && typeof saved === 'object' && typeof here === 'object' && !Array.isArray(saved) && !Array.isArray(here)) {
    for (const k of new Set([...Object.keys(saved), ...Object.keys(here)])) {
      if (JSON.stringify(saved[k]) !== JSON.stringify(here[k])) return firstDifference(saved[k] ?? null, here[k] ?? null, `${path}.${k}`);
    }
  }
  if (Array.isArray(saved) && Array.isArray(here)) {
    for (let i = 0; i < Math.max(saved.length, here.length); i++) {
      if (JSON.stringify(saved[i]) !== JSON.stringify(here[i])) return firstDifference(saved[i] ?? null, here[i] ?? null, `${path}[${i}]`);
    }
  }
  return `${path}: saved ${JSON.stringify(saved)}, now ${JSON.stringify(here)}`;
}
