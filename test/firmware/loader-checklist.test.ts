/**
 * One test per rule of the merged linker-loader checklist (seabios-ovmf.md "(a)"):
 * a crafted bad script and, per policy, the outcome and the finding's message.
 */
import test from 'ava';
import type { ExecutionContext } from 'ava';
import { ScriptBuilder, miniScript } from './helpers/script-builder.js';
import { runScript } from './helpers/loader-run.js';
import type { Run, RunOptions } from './helpers/loader-run.js';
import { formatFinding, LOADER_POLICIES } from '../../firmware/loader/findings.js';
import type { LoaderPolicy } from '../../firmware/loader/findings.js';

const LONG = 'x'.repeat(56);

interface Outcome {
  /** Script accepted (tables installed in place) or rejected / rolled back. */
  ok: boolean;
  /** The action recorded on the rule's finding; undefined = no finding for this rule. */
  action?: 'continued' | 'skipped' | 'aborted';
}

function expectRule(t: ExecutionContext, rule: number, script: Uint8Array, want: Record<LoaderPolicy, Outcome>, opts?: RunOptions,
  extra?: (policy: LoaderPolicy, run: Run) => void): void {
  for (const policy of LOADER_POLICIES) {
    const run = runScript(script, policy, opts);
    const w = want[policy];
    t.is(run.result.ok, w.ok, `${policy}: ok`);
    const f = run.result.findings.find((x) => x.rule === rule);
    if (w.action === undefined) t.is(f, undefined, `${policy}: no finding for rule ${rule}`);
    else {
      t.truthy(f, `${policy}: a finding for rule ${rule}`);
      t.is(f!.action, w.action, `${policy}: action`);
      const msg = formatFinding(f!);
      t.regex(msg, new RegExp(`rule ${rule} `));
      t.regex(msg, /SeaBIOS would \w+, OVMF would \w+/);
      if (f!.index >= 0) t.regex(msg, new RegExp(`^#${f!.index} ${f!.kind}`));
    }
    if (!run.result.ok) {
      t.is(run.result.blobs.length, 0, `${policy}: no blobs after a failure`);
      t.is(run.rsdp, undefined, `${policy}: no RSDP after a failure`);
      t.true(run.dev.file('etc/vmgenid_addr')!.data.every((b) => b === 0), `${policy}: WRITE_POINTER zeroed`);
    }
    extra?.(policy, run);
  }
}

const SB_SKIPS = { seabios: { ok: true, action: 'skipped' }, ovmf: { ok: false, action: 'aborted' }, strict: { ok: false, action: 'aborted' } } as const;
const BOTH_REJECT = SB_SKIPS;
const OV_ONLY = { seabios: { ok: true, action: 'continued' }, ovmf: { ok: false, action: 'aborted' }, strict: { ok: false, action: 'aborted' } } as const;
const SB_ONLY = { seabios: { ok: true, action: 'skipped' }, ovmf: { ok: true, action: 'continued' }, strict: { ok: false, action: 'aborted' } } as const;

test('rule 1: a script whose size is not a multiple of 128 is rejected whole', (t) => {
  const all = { ok: false, action: 'aborted' } as const;
  expectRule(t, 1, miniScript().build(5), { seabios: all, ovmf: all, strict: all });
  for (const p of LOADER_POLICIES) t.false(runScript(new Uint8Array(0), p).result.ok, 'empty script: no ACPI');
});

test('rule 2: unknown commands and zero padding are skipped silently', (t) => {
  const ok = { ok: true } as const;
  const script = miniScript(new ScriptBuilder().raw(0).raw(0x99)).raw(0).build();
  expectRule(t, 2, script, { seabios: ok, ovmf: ok, strict: ok }, undefined, (_p, run) => {
    t.deepEqual(run.result.findings, []);
    t.truthy(run.rsdp);
  });
});

test('rule 3: names must be NUL-terminated (SeaBIOS: not the WRITE_POINTER destination)', (t) => {
  expectRule(t, 3, miniScript().allocate(LONG, 16, 1).build(), SB_SKIPS);
  const wpDest = miniScript().allocate('etc/vmgenid_guid', 4096, 1).writePointer(LONG, 'etc/vmgenid_guid', 0, 40, 8).build();
  // SeaBIOS does not check the destination name; the (truncated) name is then not a fw_cfg file.
  const run = runScript(wpDest, 'seabios');
  t.true(run.result.findings.some((f) => f.rule === 3 && f.seabios === 'accept' && f.ovmf === 'abort'));
  t.false(runScript(wpDest, 'ovmf').result.ok);
});

test('rule 4: alignment must be a power of two (SeaBIOS) and at most 4096 (OVMF)', (t) => {
  expectRule(t, 4, miniScript().allocate('etc/vmgenid_guid', 3, 1).build(), SB_ONLY);
  expectRule(t, 4, miniScript().allocate('etc/vmgenid_guid', 8192, 1).build(), OV_ONLY, undefined, (p, run) => {
    if (p === 'seabios') t.is(run.result.blobs.find((b) => b.name === 'etc/vmgenid_guid')!.addr % 8192, 0);
  });
});

test('rule 5: zone must be HIGH or FSEG (SeaBIOS); OVMF ignores it', (t) => {
  expectRule(t, 5, miniScript().allocate('etc/vmgenid_guid', 16, 3).build(), SB_ONLY);
});

test('rule 6: the fw_cfg file must exist (SeaBIOS skips silently, OVMF aborts)', (t) => {
  expectRule(t, 6, miniScript().allocate('etc/missing', 16, 1).build(), SB_SKIPS, undefined, (p, run) => {
    if (p === 'seabios') t.is(run.result.findings[0]!.seabios, 'ignore');
  });
  expectRule(t, 6, miniScript().allocate('etc/empty', 16, 1).build(), SB_SKIPS);
});

test('rule 7: duplicate ALLOCATE (OVMF rejects; SeaBIOS keeps both, the first wins)', (t) => {
  expectRule(t, 7, miniScript().allocate('etc/acpi/tables', 64, 1).build(), OV_ONLY, undefined, (p, run) => {
    if (p === 'seabios') t.truthy(run.rsdp, 'the first copy is what the pointers used');
  });
});

test('rule 8: allocation failure (SeaBIOS warns and skips, OVMF aborts)', (t) => {
  expectRule(t, 8, miniScript().allocate('etc/big', 16, 1).build(), SB_SKIPS, { highSize: 0x8000 });
});

test('rule 9: pointees of pointers narrower than 8 bytes land below 4 GiB', (t) => {
  for (const p of LOADER_POLICIES) {
    const run = runScript(miniScript().build(), p);
    for (const b of run.result.blobs) t.true(b.addr + b.size <= 2 ** 32, `${p}: ${b.name}`);
  }
  // OVMF's pre-pass rejects an unterminated pointee name even before executing anything.
  expectRule(t, 3, miniScript().addPointer('etc/acpi/tables', LONG, 0, 4).build(), SB_SKIPS);
});

test('rule 10: ADD_POINTER needs both files allocated', (t) => {
  expectRule(t, 10, miniScript().addPointer('etc/acpi/tables', 'etc/vmgenid_guid', 0, 4).build(), BOTH_REJECT);
});

test('rule 11: pointer size must be 1, 2, 4 or 8', (t) => {
  expectRule(t, 11, miniScript().addPointer('etc/acpi/tables', 'etc/acpi/tables', 0, 3).build(), BOTH_REJECT);
});

test('rule 12: offset + size within the destination, without overflow', (t) => {
  expectRule(t, 12, miniScript().addPointer('etc/acpi/tables', 'etc/acpi/tables', 254, 4).build(), BOTH_REJECT);
  expectRule(t, 12, miniScript().addPointer('etc/acpi/tables', 'etc/acpi/tables', 0xfffffffe, 4).build(), BOTH_REJECT);
});

test('rule 13: the initial relative value must point inside the pointee (OVMF only)', (t) => {
  // tables+4 holds the FACP length (64) and the pointee is the 20-byte RSDP.
  expectRule(t, 13, miniScript().addPointer('etc/acpi/tables', 'etc/acpi/rsdp', 4, 4).build(), OV_ONLY);
});

test('rule 14: the patched pointer must fit in its size (OVMF; SeaBIOS truncates)', (t) => {
  expectRule(t, 14, miniScript().addPointer('etc/acpi/tables', 'etc/acpi/tables', 200, 1).build(), OV_ONLY, undefined, (p, run) => {
    if (p !== 'seabios') return;
    const base = run.result.blobs.find((b) => b.name === 'etc/acpi/tables')!.addr;
    t.is(run.wire.read8(base + 200), base & 0xff, 'truncated to the low byte');
  });
});

test('rule 15: ADD_CHECKSUM needs an allocated file', (t) => {
  expectRule(t, 15, miniScript().addChecksum('etc/vmgenid_guid', 0, 0, 4).build(), BOTH_REJECT);
});

test('rule 16: the result offset must be inside the file', (t) => {
  expectRule(t, 16, miniScript().addChecksum('etc/acpi/tables', 256, 0, 4).build(), BOTH_REJECT);
});

test('rule 17: start + length inside the file, without overflow', (t) => {
  expectRule(t, 17, miniScript().addChecksum('etc/acpi/tables', 0, 200, 100).build(), BOTH_REJECT);
  expectRule(t, 17, miniScript().addChecksum('etc/acpi/tables', 0, 0xffffff00, 0x200).build(), BOTH_REJECT);
});

test('rule 18: the subtract form makes the range sum to zero even when the byte was not 0', (t) => {
  // Checksumming the FACP twice: the second time its checksum byte is already non-zero.
  const script = miniScript().addChecksum('etc/acpi/tables', 9, 0, 64).addChecksum('etc/acpi/tables', 200, 0, 64).build();
  const ok = { ok: true, action: 'continued' } as const;
  expectRule(t, 18, script, { seabios: ok, ovmf: ok, strict: ok }, undefined, (_p, run) => {
    const base = run.result.blobs.find((b) => b.name === 'etc/acpi/tables')!.addr;
    t.is(run.wire.readBytes(base, 64).reduce((a, b) => (a + b) & 0xff, 0), 0);
  });
});

test('rule 19: WRITE_POINTER destination must be a fw_cfg file, the source allocated', (t) => {
  expectRule(t, 19, miniScript().writePointer('etc/nope', 'etc/acpi/tables', 0, 0, 8).build(), BOTH_REJECT);
  expectRule(t, 19, miniScript().writePointer('etc/vmgenid_addr', 'etc/vmgenid_guid', 0, 40, 8).build(), BOTH_REJECT);
});

test('rule 20: WRITE_POINTER size valid and within the fw_cfg file', (t) => {
  const s = (dst: number, size: number) => miniScript().allocate('etc/vmgenid_guid', 4096, 1)
    .writePointer('etc/vmgenid_addr', 'etc/vmgenid_guid', dst, 40, size).build();
  expectRule(t, 20, s(0, 3), BOTH_REJECT);
  expectRule(t, 20, s(4, 8), BOTH_REJECT);
});

test('rule 21: src_offset inside the source blob', (t) => {
  expectRule(t, 21, miniScript().allocate('etc/vmgenid_guid', 4096, 1)
    .writePointer('etc/vmgenid_addr', 'etc/vmgenid_guid', 0, 4096, 8).build(), BOTH_REJECT);
});

test('rule 22: the written pointer value must fit in its size', (t) => {
  expectRule(t, 22, miniScript().allocate('etc/vmgenid_guid', 4096, 1)
    .writePointer('etc/vmgenid_addr', 'etc/vmgenid_guid', 0, 40, 2).build(), BOTH_REJECT);
});

test('rule 23: the write-back needs fw_cfg DMA (and a writable item)', (t) => {
  const s = miniScript().allocate('etc/vmgenid_guid', 4096, 1).writePointer('etc/vmgenid_addr', 'etc/vmgenid_guid', 0, 40, 8).build();
  expectRule(t, 23, s, SB_ONLY, { dma: false });
  const ro = miniScript().allocate('etc/vmgenid_guid', 4096, 1).writePointer('etc/boot-fail-wait', 'etc/vmgenid_guid', 0, 40, 4).build();
  expectRule(t, 23, ro, SB_ONLY);
});

const VMGENID = () => miniScript().allocate('etc/vmgenid_guid', 4096, 1)
  .writePointer('etc/vmgenid_addr', 'etc/vmgenid_guid', 0, 40, 8)
  .addPointer('etc/acpi/tables', 'etc/vmgenid_guid', 200, 4);

test('rule 24: a WRITE_POINTER source blob is permanent', (t) => {
  for (const p of LOADER_POLICIES) {
    const run = runScript(VMGENID().build(), p);
    t.true(run.result.blobs.find((b) => b.name === 'etc/vmgenid_guid')!.permanent, p);
  }
});

test('rule 25: every WRITE_POINTER is recorded for S3 replay and reaches fw_cfg by DMA', (t) => {
  for (const p of LOADER_POLICIES) {
    const run = runScript(VMGENID().build(), p);
    const guid = run.result.blobs.find((b) => b.name === 'etc/vmgenid_guid')!;
    t.is(run.result.writePointers.length, 1);
    const w = run.result.writePointers[0]!;
    t.like(w, { file: 'etc/vmgenid_addr', offset: 0, size: 8, value: BigInt(guid.addr + 40) });
    t.is(w.key, run.dev.files.findIndex((f) => f.name === 'etc/vmgenid_addr') + 0x20);
    t.deepEqual([...run.dev.file('etc/vmgenid_addr')!.data], [...new Uint8Array(new BigUint64Array([w.value]).buffer)]);
    t.deepEqual([...run.wire.readBytes(guid.addr + 40, 4)], [0xaf, 0x6e, 0x4e, 0x32]);
  }
});

test('rule 26: an OVMF abort after a WRITE_POINTER zeroes it again', (t) => {
  const bad = VMGENID().addPointer('etc/acpi/tables', 'etc/acpi/tables', 0, 3).build();
  expectRule(t, 11, bad, SB_SKIPS, undefined, (p, run) => {
    const writes = run.dev.writes.filter((w) => w.name === 'etc/vmgenid_addr');
    if (p === 'seabios') t.is(writes.length, 1);
    else {
      t.is(writes.length, 2, 'the pointer, then zeros');
      t.deepEqual(writes[1]!.data, [0, 0, 0, 0, 0, 0, 0, 0]);
      t.is(run.result.writePointers.length, 0, 'nothing left to replay on S3');
    }
  });
});

test('rule 27: per-command skip (seabios) versus all-or-nothing (ovmf, strict)', (t) => {
  const script = miniScript(new ScriptBuilder().addChecksum('etc/nothing', 0, 0, 1)).build();
  expectRule(t, 15, script, SB_SKIPS, undefined, (p, run) => {
    if (p === 'seabios') t.truthy(run.rsdp, 'the rest of the script still ran');
  });
});

test('rule 28: RSDP discovery scans 16-byte steps and checks both checksums', (t) => {
  const run = runScript(miniScript().build(), 'seabios');
  t.is(run.rsdp, run.result.blobs.find((b) => b.name === 'etc/acpi/rsdp')!.addr);
  const broken = runScript(miniScript().build().slice(0, 128 * 6), 'seabios');
  t.is(broken.rsdp, undefined, 'without the RSDP checksum nothing is found');
});

test('rule 29: OVMF table detection — FACS/SDT probe, RSDT skipped, opaque blobs kept, at most 128', (t) => {
  const run = runScript(VMGENID().build(), 'ovmf');
  t.deepEqual(run.result.tables.map((x) => x.signature), ['FACP']);
  t.true(run.result.blobs.find((b) => b.name === 'etc/vmgenid_guid')!.permanent, 'vmgenid blob is opaque');
  const n = 129;
  const many = new Uint8Array(n * 36);
  const ptrs = new Uint8Array(n * 4);
  const b = new ScriptBuilder().allocate('etc/many', 16, 1).allocate('etc/ptrs', 16, 1);
  for (let i = 0; i < n; i++) {
    many.set([0x53, 0x53, 0x44, 0x54, 36], i * 36);
    new DataView(ptrs.buffer).setUint32(i * 4, i * 36, true);
    b.addChecksum('etc/many', i * 36 + 9, i * 36, 36).addPointer('etc/ptrs', 'etc/many', i * 4, 4);
  }
  const files = [{ name: 'etc/many', data: many, writable: false }, { name: 'etc/ptrs', data: ptrs, writable: false }];
  expectRule(t, 29, b.build(), { seabios: { ok: true }, ovmf: { ok: false, action: 'aborted' }, strict: { ok: false, action: 'aborted' } }, { files });
  t.is(runScript(b.build().slice(0, 128 * (2 + 2 * 128)), 'ovmf', { files }).result.tables.length, 128, '128 tables are fine');
});

// Rule 30 (the loader runs only after PCI is programmed) is a POST-order rule: post.test.ts checks it.
