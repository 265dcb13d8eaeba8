/**
 * `human-monitor-command`: the HMP commands fwlab has (`info pci`, `info mtree`, `info qtree`,
 * `xp`, `system_powerdown`, `system_wakeup`, `eject [-f] DEVICE`, `change DEVICE FILE [FORMAT [READ-ONLY-MODE]]`), answering with QEMU
 * 7.2's text and its "\r\n" line ends; a QMP error of eject/change prints as "Error: DESC".
 */
import type { Machine } from '../../inspect.js';
import { PHYS_ADDR_LIMIT } from '../../inspect.js';
import { formatInfoPci } from './hmp-info-pci.js';
import { formatInfoMtree, formatInfoQtree } from './hmp-trees.js';
import { initialXpState, xp } from './hmp-xp.js';
import type { XpState } from './hmp-xp.js';

export class HumanMonitor {
  private readonly xpState: XpState = initialXpState();

  /** `block`: the QMP media commands (monitor-block.ts) eject and change run through. */
  constructor(
    private readonly machine: Machine,
    private readonly block?: (name: string, args: Record<string, unknown>) => unknown,
    private readonly system?: (name: 'system_powerdown' | 'system_wakeup') => void,
  ) {}

  /** QEMU's monitor argument parser: the first missing argument's complaint. */
  private static expected(cmd: string, what: string): string {
    return `${cmd}: ${what} expected\nTry "help ${cmd}" for more information\n`;
  }

  private media(cmd: string, rest: readonly string[]): string {
    const force = cmd === 'eject' && rest[0] === '-f';
    const args = force ? rest.slice(1) : rest;
    if (args.length === 0) return HumanMonitor.expected(cmd, 'block device name');
    if (cmd === 'change' && args.length === 1) return HumanMonitor.expected(cmd, 'filename');
    const [device, filename, format, mode] = args;
    if (mode !== undefined && !['retain', 'read-only', 'read-write'].includes(mode)) return `Error: invalid parameter value: ${mode}\n`;
    try {
      if (cmd === 'eject') this.block!('eject', { device, force });
      else this.block!('blockdev-change-medium', { device, filename, ...(format ? { format } : {}), ...(mode ? { 'read-only-mode': mode } : {}) });
    } catch (e) {
      return `Error: ${(e as Error).message}\n`;
    }
    return '';
  }

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
    if ((cmd === 'eject' || cmd === 'change') && this.block) return this.media(cmd, rest);
    if ((cmd === 'system_powerdown' || cmd === 'system_wakeup') && this.system) {
      try {
        this.system(cmd);
      } catch (e) {
        return `Error: ${(e as Error).message}\n`;
      }
      return '';
    }
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
