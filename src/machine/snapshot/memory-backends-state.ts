import type { RamBlock } from '../bus/ram-block.js';
import type { JsonValue, PartState, Snapshottable } from './part-state.js';
import { SnapshotMismatch, arr, jsonObject, num, str } from './part-state.js';

/**
 * The `-object memory-backend-ram` blocks in use (created when a device first uses one, so the
 * list is the saved machine's, including devices added with device_add): each block's touched chunks.
 */
export class MemoryBackendsState implements Snapshottable {
  constructor(private readonly backends: () => ReadonlyMap<string, RamBlock>, private readonly backend: (id: string) => RamBlock) {}

  saveState(): PartState {
    const parts = [...this.backends()].map(([id, ram]) => ({ id, state: ram.saveState() }));
    const bytes = new Uint8Array(parts.reduce((n, p) => n + (p.state.bytes?.length ?? 0), 0));
    let at = 0;
    const json: JsonValue = parts.map((p) => {
      const b = p.state.bytes ?? new Uint8Array(0);
      bytes.set(b, at);
      at += b.length;
      return { id: p.id, ram: p.state.json ?? null, bytes: b.length };
    });
    return { json: { backends: json }, bytes };
  }

  loadState(state: PartState): void {
    const all = state.bytes ?? new Uint8Array(0);
    let at = 0;
    for (const b of arr(jsonObject(state, 'memory-backends'), 'backends')) {
      if (b === null || typeof b !== 'object' || Array.isArray(b)) throw new SnapshotMismatch('memory-backends: bad record');
      const n = num(b, 'bytes');
      const ram = b.ram;
      if (ram === undefined) throw new SnapshotMismatch('memory-backends: no RAM state');
      this.backend(str(b, 'id')).loadState({ json: ram, bytes: all.subarray(at, at + n) });
      at += n;
    }
  }
}
