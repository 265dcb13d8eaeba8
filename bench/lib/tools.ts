/** The Debian reference tools the bench runs side by side with fwlab, when installed. */
import { existsSync } from 'node:fs';
import { hasCommand } from './measure.js';

const firstFile = (...paths: string[]) => paths.find((p) => existsSync(p));

export interface ReferenceTools {
  readonly qemu: string | undefined;
  readonly seabios: string | undefined;
  readonly ovmf: string | undefined;
  readonly acpiexec: string | undefined;
}

let found: ReferenceTools | undefined;

export function referenceTools(): ReferenceTools {
  found ??= {
    qemu: hasCommand('qemu-system-x86_64') ? 'qemu-system-x86_64' : undefined,
    seabios: firstFile('/usr/share/seabios/bios-256k.bin'),
    ovmf: firstFile('/usr/share/ovmf/OVMF.fd', '/usr/share/OVMF/OVMF.fd'),
    acpiexec: hasCommand('acpiexec', ['-v']) ? 'acpiexec' : undefined,
  };
  return found;
}
