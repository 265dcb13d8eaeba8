import { FakeWire } from './fake-wire.js';
import { FakeFwCfg } from './fake-fw-cfg.js';
import type { FakeFile } from './fake-fw-cfg.js';
import { miniTables } from './script-builder.js';
import { FwCfg } from '../../../firmware/drivers/fw-cfg.js';
import { Zone } from '../../../firmware/memory/zone.js';
import { fwCfgLoaderHost } from '../../../firmware/loader/fw-cfg-host.js';
import { executeLoader } from '../../../firmware/loader/execute.js';
import type { LoaderResult } from '../../../firmware/loader/execute.js';
import type { LoaderPolicy } from '../../../firmware/loader/findings.js';
import { findRsdp } from '../../../firmware/loader/tables.js';

export const HIGH_TOP = 0x2000000;
export const FSEG_RANGE: [number, number] = [0xf0000, 0xf1000];

export interface RunOptions {
  files?: FakeFile[];
  dma?: boolean;
  highSize?: number;
}

export interface Run {
  result: LoaderResult;
  wire: FakeWire;
  dev: FakeFwCfg;
  rsdp: number | undefined;
}

export function defaultFiles(): FakeFile[] {
  const { rsdp, tables } = miniTables();
  const guid = new Uint8Array(4096);
  guid.set([0xaf, 0x6e, 0x4e, 0x32], 40);
  return [
    { name: 'etc/acpi/rsdp', data: rsdp, writable: false },
    { name: 'etc/acpi/tables', data: tables, writable: false },
    { name: 'etc/vmgenid_guid', data: guid, writable: false },
    { name: 'etc/vmgenid_addr', data: new Uint8Array(8), writable: true },
    { name: 'etc/boot-fail-wait', data: new Uint8Array(4), writable: false },
    { name: 'etc/empty', data: new Uint8Array(0), writable: false },
    { name: 'etc/big', data: new Uint8Array(0x10000), writable: false },
  ];
}

export function runScript(script: Uint8Array, policy: LoaderPolicy, opts: RunOptions = {}): Run {
  const wire = new FakeWire();
  const files = [...defaultFiles(), ...(opts.files ?? [])].map((f) => ({ ...f, data: f.data.slice() }));
  const dev = new FakeFwCfg(wire, files, opts.dma ?? true);
  const fwcfg = FwCfg.detect(wire)!;
  const HIGH = new Zone('high');
  HIGH.addRange(HIGH_TOP - (opts.highSize ?? 0x100000), HIGH_TOP);
  const FSEG = new Zone('fseg');
  FSEG.addRange(...FSEG_RANGE);
  const result = executeLoader(fwCfgLoaderHost(wire, fwcfg, { HIGH, FSEG }), script, policy);
  return { result, wire, dev, rsdp: findRsdp(wire, ...FSEG_RANGE) };
}
