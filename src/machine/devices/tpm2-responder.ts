import { TPM2_CC, TPM2_RC, TPM2_ST_NO_SESSIONS } from '../../spec/tpm.js';
import { SnapshotMismatch } from '../snapshot/part-state.js';
import type { JsonValue } from '../snapshot/part-state.js';

/** What executes a TPM command buffer behind an interface (TIS today). */
export interface TpmBackend {
  /** The response to one complete command (big-endian TPM 2.0 header + body). */
  execute(command: Uint8Array): Uint8Array;
  /** A completed TPM2_SelfTest was seen (the TIS shows SELFTEST_DONE). */
  readonly selfTestDone: boolean;
  reset(): void;
  saveState(): JsonValue;
  loadState(state: JsonValue): void;
}

const HEADER = 10;

/**
 * fwlab's built-in TPM 2.0: it answers TPM2_Startup (once per reset), TPM2_SelfTest and
 * TPM2_Shutdown, and every other command with TPM_RC_COMMAND_CODE — a TPM that implements
 * no other command. It does not talk to swtpm (decision 0036): the TIS interface, the ACPI
 * view and the fw_cfg items are what firmware and OS enumerate.
 */
export class MinimalTpm2 implements TpmBackend {
  private started = false;
  selfTestDone = false;

  reset(): void {
    this.started = false;
    this.selfTestDone = false;
  }

  saveState(): JsonValue {
    return { started: this.started, selfTestDone: this.selfTestDone };
  }

  loadState(state: JsonValue): void {
    if (state === null || typeof state !== 'object' || Array.isArray(state) || typeof state.started !== 'boolean' || typeof state.selfTestDone !== 'boolean') {
      throw new SnapshotMismatch('section tpm-tis: bad TPM state');
    }
    this.started = state.started;
    this.selfTestDone = state.selfTestDone;
  }

  execute(command: Uint8Array): Uint8Array {
    if (command.length < HEADER) return response(TPM2_RC.COMMAND_SIZE);
    const view = new DataView(command.buffer, command.byteOffset, command.length);
    const tag = view.getUint16(0);
    const size = view.getUint32(2);
    const code = view.getUint32(6);
    if (tag !== TPM2_ST_NO_SESSIONS && tag !== 0x8002) return response(TPM2_RC.BAD_TAG);
    if (size !== command.length) return response(TPM2_RC.COMMAND_SIZE);
    if (code === TPM2_CC.Startup) {
      if (this.started) return response(TPM2_RC.INITIALIZE);
      this.started = true;
      return response(TPM2_RC.SUCCESS);
    }
    if (!this.started) return response(TPM2_RC.INITIALIZE);
    if (code === TPM2_CC.SelfTest) {
      this.selfTestDone = true;
      return response(TPM2_RC.SUCCESS);
    }
    if (code === TPM2_CC.Shutdown) return response(TPM2_RC.SUCCESS);
    return response(TPM2_RC.COMMAND_CODE);
  }
}

function response(rc: number): Uint8Array {
  const out = new Uint8Array(HEADER);
  const view = new DataView(out.buffer);
  view.setUint16(0, TPM2_ST_NO_SESSIONS);
  view.setUint32(2, HEADER);
  view.setUint32(6, rc);
  return out;
}
