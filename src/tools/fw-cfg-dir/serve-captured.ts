/**
 * `fwlab boot --fw-cfg DIR`: the machine serves a capture's linker-loader chain (the script and
 * every blob it names, e.g. from a real QEMU) instead of its own ACPI build, after every reset.
 */
import type { Machine } from '../../inspect.js';
import { UsageError } from '../../lib/errors.js';
import type { FwCfgFiles } from './fw-cfg-dir.js';
import { parseLoaderScript } from '../loader/loader-script.js';
import { LOADER_FILE } from '../loader/loader-files.js';

/** The files a loader chain consists of: the script and every file it allocates or writes. */
export function loaderChainFiles(files: FwCfgFiles): string[] {
  const script = files.get(LOADER_FILE);
  if (!script) throw new UsageError(`--fw-cfg: no ${LOADER_FILE} in the directory`);
  const names = new Set<string>([LOADER_FILE]);
  for (const c of parseLoaderScript(script.data).commands) {
    if (c.kind === 'ALLOCATE') names.add(c.file);
    if (c.kind === 'WRITE_POINTER') names.add(c.destFile);
  }
  return [...names].filter((n) => files.has(n));
}

export function serveCapturedChain(machine: Machine, files: FwCfgFiles): string[] {
  const fw = machine.fwCfg;
  const names = loaderChainFiles(files);
  const install = () => {
    // Let the machine's own select-time rebuild happen now, so it can't overwrite the capture later.
    machine.acpiFiles?.update();
    for (const name of names) {
      const data = files.get(name)!.data;
      const writable = fw.files().find((f) => f.name === name)?.writable ?? false;
      // Writable items (etc/vmgenid_addr) start cleared, as after a reset; their size is kept.
      const bytes = writable ? new Uint8Array(data.length) : data.slice();
      if (fw.hasFile(name)) fw.replaceFile(name, bytes);
      else fw.addFile(name, bytes);
    }
  };
  install();
  machine.onReset(install);
  return names;
}
