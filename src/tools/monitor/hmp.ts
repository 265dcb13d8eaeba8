/**
 * `human-monitor-command`: the HMP commands fwlab has (`info pci`, `info mtree`, `info qtree`,
 * `xp`), answering with QEMU 7.2's text and its "\r\n" line ends.
 */
import type { Machine } from '../../inspect.js';
import { PHYS_ADDR_LIMIT } from '../../inspect.js';
import { formatInfoPci } from './hmp-info-pci.js';
import { formatInfoMtree, formatInfoQtree } from './hmp-trees.js';
import { initialXpState, xp } from './hmp-xp.js';
import type { XpState } from './hmp-xp.js';

export class HumanMonitor {
  private readonly xpState: XpState = initialXpState();

  constructor(private readonly machine: Machine) {}

  run(commandLine: string): string {
    const line = commandLine.trim();
    const [cmd = '', ...rest] = line.split(/\s+/);
    const text = this.dispatch(cmd, rest, line);
    return text.replace(/\r?\n/g, '\r\n');
  }

  private hasPci(): boolean {
    return this.machine.reportSections().has('pci');
  }

  private dispatch(cmd: string, rest: readonly string[], line: string): string {
    if (cmd === '') return '';
    if (cmd === 'xp') return xp(this.machine.memory, line.slice(2), this.xpState, PHYS_ADDR_LIMIT);
    if (cmd === 'info' && rest.length === 1) {
      switch (rest[0]) {
        case 'pci':
          return this.hasPci() ? formatInfoPci(this.machine.pci.queryPci()) : '';
        case 'mtree':
          return formatInfoMtree(this.machine);
        case 'qtree': {
          if (!this.hasPci()) return formatInfoQtree(this.machine, undefined, new Map());
          const pci = this.machine.pci;
          const names = new Map(pci.devices().map((d) => [`${d.bus}:${d.slot}.${d.function}`, d.name]));
          return formatInfoQtree(this.machine, pci.queryPci(), names);
        }
      }
    }
    return `unknown command: '${line}'\n`;
  }
}
